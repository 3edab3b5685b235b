/** The mail asking a drawn person to confirm their seat, with their single-use link (the token is only ever in this mail). */
import type { OutboxMail } from "../../core/mail/outbox";
import type { Locale, Translatable } from "../../core/i18n/locales";
import { localize, translator } from "../../core/i18n/translator";

/** The public address of a seat's answer page. */
export const seatPath = (token: string): string => `/sortition/seats/${token}`;

export interface SeatMailContext {
  publicUrl: string;
  locale: Locale;
  /** The assembly's title. */
  assembly: Translatable;
}

export function seatInvitationMail(m: SeatMailContext, to: { email: string; name: string | null }, token: string, deadline: Date): OutboxMail {
  const t = translator(m.locale);
  const assembly = localize(m.assembly, m.locale, m.locale).text;
  const url = `${m.publicUrl.replace(/\/$/, "")}${seatPath(token)}`;
  return {
    to: to.email,
    subject: t("sortition.seat.mail.subject", { assembly }),
    text: t("sortition.seat.mail.body", { name: to.name ?? "", assembly, url, deadline: deadline.toISOString().slice(0, 10) }),
  };
}
