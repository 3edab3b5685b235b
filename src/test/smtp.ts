/** A real SMTP server on loopback that keeps what it receives, for tests that read their mail. */
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  /** The HTML part, if any. */
  html: string;
  /** Header names in lower case, values as sent. */
  headers: Record<string, string>;
}

export interface SmtpCapture {
  url: string;
  messages: ReceivedMail[];
  /** Addresses (lower case) whose RCPT TO the server refuses with a permanent error while they are in it. */
  rejectedRecipients: Set<string>;
  /**
   * Errors of connections (a sender that vanished mid-message: a killed instance resets its sockets). Kept
   * here rather than thrown: smtp-server re-emits them on the server, where an unheard one ends the process.
   */
  connectionErrors: Error[];
  /** Resolves with the first message (already received or arriving) that matches. */
  waitFor: (match: (m: ReceivedMail) => boolean, timeoutMs?: number) => Promise<ReceivedMail>;
  close: () => Promise<void>;
}

/**
 * `delayMs`: each message is answered that long after it arrived, as a slow relay would (a sender's queue
 * then backs up, which is how tests see background work spread over several instances).
 */
export async function startSmtpCapture(opts: { delayMs?: number } = {}): Promise<SmtpCapture> {
  const messages: ReceivedMail[] = [];
  const waiters: Array<{ match: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }> = [];
  const rejectedRecipients = new Set<string>();
  const connectionErrors: Error[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!rejectedRecipients.has(address.address.toLowerCase())) return callback();
      callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const mail: ReceivedMail = {
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            headers: Object.fromEntries(parsed.headerLines.map((h) => [h.key.toLowerCase(), h.line.slice(h.line.indexOf(":") + 1).trim()])),
          };
          const accept = () => {
            messages.push(mail);
            for (const w of waiters.splice(0)) {
              if (w.match(mail)) w.resolve(mail);
              else waiters.push(w);
            }
            callback();
          };
          if (opts.delayMs) setTimeout(accept, opts.delayMs);
          else accept();
        },
        (error: Error) => callback(error),
      );
    },
  });
  server.on("error", (error: Error) => connectionErrors.push(error));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    rejectedRecipients,
    connectionErrors,
    waitFor: (match, timeoutMs = 15_000) => {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no matching mail arrived")), timeoutMs);
        waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The first URL in a mail's text. */
export function firstLink(mail: ReceivedMail): string {
  const m = /https?:\/\/\S+/.exec(mail.text);
  if (!m) throw new Error(`no link in mail "${mail.subject}"`);
  return m[0];
}
