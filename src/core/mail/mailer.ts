/**
 * Outgoing mail. Over SMTP when SMTP_URL is set; otherwise (development) each message is written to the
 * log so a person running Pnyx locally can still follow confirmation links.
 */
import { createRequire } from "node:module";
import type Nodemailer from "nodemailer";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers (List-Unsubscribe on newsletters). */
  headers?: Record<string, string>;
}

export interface Mailer {
  send: (message: MailMessage) => Promise<void>;
  /** Closes the pooled SMTP connections (after the job workers have stopped). */
  close: () => void;
}

/**
 * The SMTP connections kept open and reused (instead of one connection per mail): a few at once, each
 * renewed after `maxMessages` mails, closed after a while without mail.
 */
export const MAIL_POOL = { maxConnections: 4, maxMessages: 100 } as const;

/** A mailer for `smtpUrl`, or one that logs messages when there is none. */
export function createMailer(opts: { smtpUrl?: string | undefined; from: string; log: (m: string) => void }): Mailer {
  if (!opts.smtpUrl) {
    return {
      send: async (m) => opts.log(`mail to ${m.to}: ${m.subject}\n${m.text}`),
      close: () => {},
    };
  }
  // Loaded only here: without SMTP_URL (development), its forty files are never read.
  const nodemailer = createRequire(import.meta.url)("nodemailer") as typeof Nodemailer;
  const transport = nodemailer.createTransport({ url: opts.smtpUrl, pool: true, ...MAIL_POOL, socketTimeout: 60_000 });
  return {
    send: async (m) => {
      await transport.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: m.headers });
    },
    close: () => transport.close(),
  };
}
