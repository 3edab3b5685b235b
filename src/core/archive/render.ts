/**
 * Renders a component's archived part outside any request: once per language of the organization,
 * with a context that has no signed-in person, no session and no form token (nothing in an archived
 * part may depend on who reads it or post anywhere).
 */
import { render } from "preact-render-to-string";
import type { ArchiveRender } from "../components/define";
import type { RequestContext } from "../http/context";
import type { Locale, Translatable } from "../i18n/locales";
import { translator } from "../i18n/translator";
import type { Organization } from "../organization/service";

export function archiveContext(org: Organization, locale: Locale): RequestContext {
  return {
    locale,
    t: translator(locale),
    org,
    user: null,
    unreadNotifications: 0,
    sessionId: null,
    nonce: "",
    csrfToken: () => {
      throw new Error("an archived part has no form");
    },
    flash: null,
  };
}

/** The part's HTML in each of the organization's languages. */
export function renderInLanguages(org: Organization, part: ArchiveRender): Translatable {
  const html: Translatable = {};
  for (const locale of org.availableLocales) html[locale] = render(part(archiveContext(org, locale)));
  return html;
}
