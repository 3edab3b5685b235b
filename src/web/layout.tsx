/** The page frame: skip link, header with navigation and language switcher, main, footer. */
import type { ComponentChildren } from "preact";
import type { RequestContext } from "../core/http/context";
import { LOCALE_NAMES } from "../core/i18n/locales";
import { localize } from "../core/i18n/translator";
import { resolveTheme, themeToCss, type ThemeTokens } from "../core/theme/tokens";
import { listComponentManifests } from "../core/components/registry";
import { assetUrl } from "./assets";
import { CsrfField } from "./ui/forms";

export interface LayoutProps {
  ctx: RequestContext;
  title: string;
  /** The current path, so the language switcher can come back to it. */
  path: string;
  theme?: Partial<ThemeTokens> | null;
  children: ComponentChildren;
}

function LanguageSwitcher({ ctx, path }: { ctx: RequestContext; path: string }) {
  return (
    <nav class="language-switcher" aria-label={ctx.t("common.changeLanguage")}>
      <ul>
        {ctx.org.availableLocales.map((l) => (
          <li>
            {l === ctx.locale ? (
              <span aria-current="true" lang={l}>
                {LOCALE_NAMES[l]}
              </span>
            ) : (
              <a href={`/locale/${l}?return_to=${encodeURIComponent(path)}`} lang={l} hreflang={l}>
                {LOCALE_NAMES[l]}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

function UserMenu({ ctx }: { ctx: RequestContext }) {
  const { t, user } = ctx;
  if (!user) {
    return (
      <ul class="user-menu">
        <li><a href="/users/sign-in">{t("common.signIn")}</a></li>
        <li><a href="/users/sign-up">{t("common.signUp")}</a></li>
      </ul>
    );
  }
  return (
    <ul class="user-menu">
      {user.isAdmin && <li><a href="/admin">{t("common.administration")}</a></li>}
      <li>
        <a href="/notifications" class={ctx.unreadNotifications > 0 ? "has-unread" : undefined}>
          {t("notifications.nav", { count: ctx.unreadNotifications })}
        </a>
      </li>
      <li><a href="/account">{t("common.myAccount")}</a></li>
      <li>
        <form method="post" action="/users/sign-out" class="inline-form">
          <CsrfField ctx={ctx} />
          <button type="submit" class="link-button">{t("common.signOut")}</button>
        </form>
      </li>
    </ul>
  );
}

export function Layout({ ctx, title, path, theme, children }: LayoutProps) {
  const { t, org, locale } = ctx;
  const orgName = localize(org.name, locale, org.defaultLocale).text || "Pnyx";
  const tokens = resolveTheme(org.theme, theme);
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${orgName}`}</title>
        <link rel="stylesheet" href={assetUrl("app.css")} />
        <link rel="icon" href={assetUrl("favicon.svg")} type="image/svg+xml" />
        <style nonce={ctx.nonce} dangerouslySetInnerHTML={{ __html: themeToCss(tokens) }} />
      </head>
      <body>
        <a class="skip-link" href="#main">{t("common.skipToContent")}</a>
        <header class="site-header">
          <div class="container header-row">
            <a class="brand" href="/">
              {tokens.logoUrl ? <img src={tokens.logoUrl} alt="" class="brand-logo" /> : null}
              <span>{orgName}</span>
            </a>
            <nav aria-label={t("common.mainNavigation")} class="main-nav">
              <ul>
                <li><a href="/processes">{t("common.processes")}</a></li>
                <li><a href="/assemblies">{t("common.assemblies")}</a></li>
                {listComponentManifests().flatMap((m) => m.nav ?? []).map((e) => (
                  <li><a href={e.href}>{t(e.label)}</a></li>
                ))}
                <li><a href="/search">{t("search.nav")}</a></li>
              </ul>
            </nav>
            <UserMenu ctx={ctx} />
            <LanguageSwitcher ctx={ctx} path={path} />
          </div>
        </header>
        <main id="main" tabindex={-1} class="container">
          {ctx.flash && (
            <div class={`flash flash-${ctx.flash.kind}`} role={ctx.flash.kind === "error" ? "alert" : "status"}>
              {ctx.flash.text}
            </div>
          )}
          {children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>
              <a href="/terms">{t("organization.terms.title")}</a> · <a href="/open-data">{t("openData.title")}</a> · {t("common.poweredBy")}
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** Shows translatable content with a visible note when it falls back to another language. */
export function Localized({ ctx, value, as = "span" }: { ctx: RequestContext; value: Parameters<typeof localize>[0]; as?: "span" | "p" | "h1" | "h2" | "h3" }) {
  const l = localize(value, ctx.locale, ctx.org.defaultLocale);
  const Tag = as;
  if (!l.missing || !l.text) return <Tag>{l.text}</Tag>;
  return (
    <>
      <Tag lang={l.locale}>{l.text}</Tag>
      <small class="translation-note">{ctx.t("common.notInYourLanguage", { language: LOCALE_NAMES[l.locale] })}</small>
    </>
  );
}
