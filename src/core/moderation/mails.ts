/** The mails a blocked (or unblocked) participant receives, in their language, with the reason. */
import type { AppDeps } from "../http/deps";
import type { Locale } from "../i18n/locales";
import { localize, translator, type Translate } from "../i18n/translator";
import { queueMail } from "../jobs/handlers";
import { getOrganization } from "../organization/service";

export type ModerationMail = { kind: "blocked"; name: string; reason: string } | { kind: "unblocked"; name: string };

/** Subject and text; pure, so it is unit-tested in every language. */
export function composeModerationMail(t: Translate, org: string, mail: ModerationMail): { subject: string; text: string } {
  const body =
    mail.kind === "blocked"
      ? [t("moderation.mail.blocked.body", { org }), `${t("moderation.mail.blocked.reason")}\n${mail.reason}`, t("moderation.mail.blocked.contact")]
      : [t("moderation.mail.unblocked.body", { org })];
  const subject = t(mail.kind === "blocked" ? "moderation.mail.blocked.subject" : "moderation.mail.unblocked.subject");
  return { subject: `${subject} · ${org}`, text: [t("accounts.mail.greeting", { name: mail.name }), ...body, t("accounts.mail.signature", { org })].join("\n\n") };
}

/** Queues the mail to `to` in the person's language (else the organization's). */
export async function sendModerationMail(deps: Pick<AppDeps, "db" | "jobs">, to: string, locale: Locale | null, mail: ModerationMail): Promise<void> {
  const org = await getOrganization(deps.db);
  const l = locale && org.availableLocales.includes(locale) ? locale : org.defaultLocale;
  const name = localize(org.name, l, org.defaultLocale).text || "Pnyx";
  await queueMail(deps, { to, ...composeModerationMail(translator(l), name, mail) });
}
