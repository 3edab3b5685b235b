/**
 * Every core area's messages, merged, and the components' catalogues registered at start-up. A core
 * area adds its catalogue here (one import, one line in `areas`); a component declares `messages` in
 * its manifest and augments `ComponentMessageKeys` so its keys are checked at compile time:
 *
 *   declare module "../../core/i18n/catalogues" { interface ComponentMessageKeys { petitions: PetitionsKey } }
 *
 * Keys are namespaced by area (`accounts.signIn.title`), so areas never collide.
 */
import type { Catalogue } from "./define";
import type { Locale } from "./locales";
import adminMessages from "../admin/messages";
import common from "./messages/common";
import accountsMessages from "../accounts/messages";
import verificationsMessages from "../verifications/messages";
import themeMessages from "../theme/messages";
import auditMessages from "../audit/messages";
import organizationMessages from "../organization/messages";
import spacesMessages from "../spaces/messages";
import componentsMessages from "../components/messages";
import permissionsMessages from "../permissions/messages";
import searchMessages from "../search/messages";
import notificationsMessages from "../notifications/messages";
import newslettersMessages from "../newsletters/messages";
import openDataMessages from "../open-data/messages";
import apiMessages from "../api/messages";
import commentsMessages from "../comments/messages";
import followsMessages from "../follows/messages";
import moderationMessages from "../moderation/messages";
import categoriesMessages from "../categories/messages";
import attachmentsMessages from "../attachments/messages";
import archiveMessages from "../archive/messages";

const areas = [common, adminMessages, accountsMessages, verificationsMessages, themeMessages, auditMessages, organizationMessages, spacesMessages, componentsMessages, permissionsMessages, searchMessages, notificationsMessages, newslettersMessages, openDataMessages, apiMessages, commentsMessages, followsMessages, moderationMessages, categoriesMessages, attachmentsMessages, archiveMessages] as const;

type KeysOf<C> = C extends Catalogue<infer K> ? K : never;

/** Components' message keys, by component: each component augments this interface (see above). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ComponentMessageKeys {}

export type CoreMessageKey = KeysOf<(typeof areas)[number]>;
export type MessageKey = CoreMessageKey | ComponentMessageKeys[keyof ComponentMessageKeys];

function merge(): Record<Locale, Record<MessageKey, string>> {
  const out = { fr: {}, nl: {}, en: {}, de: {} } as Record<Locale, Record<string, string>>;
  for (const area of areas) for (const l of Object.keys(out) as Locale[]) Object.assign(out[l], area[l]);
  return out as Record<Locale, Record<MessageKey, string>>;
}

export const catalogue = merge();

/** Adds a component's catalogue (at registration); a key another area already defines is a mistake. */
export function registerCatalogue(owner: string, messages: Catalogue<string>): void {
  const all = catalogue as Record<Locale, Record<string, string>>;
  for (const key of Object.keys(messages.en)) {
    if (key in all.en && all.en[key] !== messages.en[key]) throw new Error(`message ${key} of ${owner} is already defined`);
  }
  for (const l of Object.keys(all) as Locale[]) Object.assign(all[l], messages[l]);
}
