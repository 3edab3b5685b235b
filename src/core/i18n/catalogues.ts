/**
 * Every area's messages, merged. An area adds its catalogue here (one import, one line in `areas`).
 * Keys are namespaced by area (`accounts.signIn.title`), so areas never collide.
 */
import type { Catalogue } from "./define";
import type { Locale } from "./locales";
import adminMessages from "../admin/messages";
import common from "./messages/common";
import petitionsMessages from "../../modules/petitions/messages";
import accountsMessages from "../accounts/messages";
import verificationsMessages from "../verifications/messages";
import themeMessages from "../theme/messages";
import auditMessages from "../audit/messages";
import organizationMessages from "../organization/messages";
import spacesMessages from "../spaces/messages";
import componentsMessages from "../components/messages";
import permissionsMessages from "../permissions/messages";
import pagesMessages from "../../modules/pages/messages";
import searchMessages from "../search/messages";
import notificationsMessages from "../notifications/messages";
import newslettersMessages from "../newsletters/messages";
import openDataMessages from "../open-data/messages";

const areas = [common, adminMessages, accountsMessages, verificationsMessages, themeMessages, auditMessages, organizationMessages, spacesMessages, componentsMessages, permissionsMessages, pagesMessages, petitionsMessages, searchMessages, notificationsMessages, newslettersMessages, openDataMessages] as const;

type KeysOf<C> = C extends Catalogue<infer K> ? K : never;
export type MessageKey = KeysOf<(typeof areas)[number]>;

function merge(): Record<Locale, Record<MessageKey, string>> {
  const out = { fr: {}, nl: {}, en: {}, de: {} } as Record<Locale, Record<string, string>>;
  for (const area of areas) for (const l of Object.keys(out) as Locale[]) Object.assign(out[l], area[l]);
  return out as Record<Locale, Record<MessageKey, string>>;
}

export const catalogue = merge();
