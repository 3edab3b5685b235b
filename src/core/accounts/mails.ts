/**
 * The account mails, composed in the recipient's language and queued as background jobs (sent over
 * SMTP, retried on failure). Links point at PUBLIC_URL, never at the request's Host header.
 */
import type { AppDeps } from "../http/deps";
import type { MessageKey } from "../i18n/catalogues";
import type { Locale } from "../i18n/locales";
import { localize, translator, type Translate } from "../i18n/translator";
import { queueMail } from "../jobs/handlers";
import type { MailMessage } from "../mail/mailer";
import type { Organization } from "../organization/service";

export interface MailEnv {
  deps: Pick<AppDeps, "jobs" | "config">;
  org: Organization;
}

export type AccountMail =
  | { kind: "confirm"; name: string; link: string }
  | { kind: "exists"; name: string; link: string; signIn: string }
  | { kind: "reset"; name: string; link: string }
  | { kind: "noAccount"; link: string }
  | { kind: "change"; name: string; link: string }
  | { kind: "changeTaken" }
  | { kind: "changed"; name: string; email: string }
  | { kind: "passwordChanged"; name: string; link: string };

/** Subject and paragraphs of one mail; pure, so it is unit-tested in every language. */
export function composeAccountMail(t: Translate, org: string, mail: AccountMail): { subject: string; text: string } {
  const greet = (name?: string) => (name ? t("accounts.mail.greeting", { name }) : t("accounts.mail.hello"));
  const p = (...parts: string[]) => parts;
  let subject: MessageKey;
  let body: string[];
  switch (mail.kind) {
    case "confirm":
      subject = "accounts.mail.confirm.subject";
      body = p(greet(mail.name), `${t("accounts.mail.confirm.body", { org })}\n${mail.link}`, t("accounts.mail.confirm.ignore"));
      break;
    case "exists":
      subject = "accounts.mail.exists.subject";
      body = p(greet(mail.name), t("accounts.mail.exists.body", { org, signIn: mail.signIn }), `${t("accounts.mail.exists.reset")}\n${mail.link}`, t("accounts.mail.exists.ignore"));
      break;
    case "reset":
      subject = "accounts.mail.reset.subject";
      body = p(greet(mail.name), `${t("accounts.mail.reset.body", { org })}\n${mail.link}`, t("accounts.mail.reset.ignore"));
      break;
    case "noAccount":
      subject = "accounts.mail.noAccount.subject";
      body = p(greet(), t("accounts.mail.noAccount.body", { org }), `${t("accounts.mail.noAccount.create")}\n${mail.link}`);
      break;
    case "change":
      subject = "accounts.mail.change.subject";
      body = p(greet(mail.name), `${t("accounts.mail.change.body", { org })}\n${mail.link}`, t("accounts.mail.change.ignore"));
      break;
    case "changeTaken":
      subject = "accounts.mail.changeTaken.subject";
      body = p(greet(), t("accounts.mail.changeTaken.body", { org }));
      break;
    case "changed":
      subject = "accounts.mail.changed.subject";
      body = p(greet(mail.name), t("accounts.mail.changed.body", { org, email: mail.email }));
      break;
    case "passwordChanged":
      subject = "accounts.mail.passwordChanged.subject";
      body = p(greet(mail.name), `${t("accounts.mail.passwordChanged.body", { org })}\n${mail.link}`);
      break;
  }
  return { subject: `${t(subject)} · ${org}`, text: [...body, t("accounts.mail.signature", { org })].join("\n\n") };
}

/** Queues an account mail to `to` in `locale` (the person's, else the organization's default). */
export async function sendAccountMail(env: MailEnv, to: string, locale: Locale | null | undefined, mail: AccountMail): Promise<void> {
  const l = locale && env.org.availableLocales.includes(locale) ? locale : env.org.defaultLocale;
  const org = localize(env.org.name, l, env.org.defaultLocale).text || "Pnyx";
  const message: MailMessage = { to, ...composeAccountMail(translator(l), org, mail) };
  await queueMail(env.deps, message);
}

/** An absolute link on the public site. */
export function publicLink(env: MailEnv, path: string, token?: string): string {
  return `${env.deps.config.PUBLIC_URL}${path}${token ? `?token=${encodeURIComponent(token)}` : ""}`;
}
