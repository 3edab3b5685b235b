/**
 * The mail outbox: every mail the platform sends about something that happened (a signature to
 * confirm, a notice, a digest) is first a `mail_outbox` row written in the transaction of that change,
 * so a request costs one insert and the mail exists exactly when the change does. The relay hands the
 * rows to the mail job queue in batches; each job is keyed by its row, so a crash between handing over
 * and committing sends nothing twice, and a crash before handing over loses nothing.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { AppDeps } from "../http/deps";
import { MAIL_JOB } from "../jobs/handlers";
import type { MailMessage } from "./mailer";

export interface OutboxMail {
  to: string;
  subject: string;
  text: string;
}

/** Queues mails in the caller's transaction (one statement); the relay sends them. */
export async function queueOutboxMails(db: Db, mails: readonly OutboxMail[]): Promise<void> {
  if (mails.length === 0) return;
  await db.execute(sql`insert into mail_outbox ("to", subject, text)
    select * from unnest(${sql.param(mails.map((m) => m.to))}::text[], ${sql.param(mails.map((m) => m.subject))}::text[], ${sql.param(mails.map((m) => m.text))}::text[])`);
}

/** The job key of an outbox row's mail. */
export const mailOutboxKey = (id: string | number) => `mail_outbox:${id}`;

let relayPaused = false;
/** Holds the background relay (a benchmark keeps mail delivery out of its timed window; a test relays by hand). */
export function pauseMailRelay(paused: boolean): void {
  relayPaused = paused;
}

export const mailRelayPaused = (): boolean => relayPaused;

/**
 * Hands queued mails to the job queue in batches, oldest first (a failed hand-off keeps them for the
 * next run). Safe on every instance at once: rows are taken with `skip locked`.
 */
export async function relayMailOutbox(deps: Pick<AppDeps, "db" | "jobs">, batch = 200): Promise<number> {
  let moved = 0;
  for (;;) {
    const n = await deps.db.transaction(async (tx) => {
      const rows = await tx.execute<{ id: string; to: string; subject: string; text: string }>(sql`
        delete from mail_outbox where id in (select id from mail_outbox order by id limit ${batch} for update skip locked)
        returning id, "to", subject, text`);
      await deps.jobs.sendMany<MailMessage>(
        MAIL_JOB,
        rows.rows.map((m) => ({ data: { to: m.to, subject: m.subject, text: m.text }, key: mailOutboxKey(m.id) })),
      );
      return rows.rows.length;
    });
    moved += n;
    if (n < batch) return moved;
  }
}

/** Mails still waiting in the outbox (a benchmark or a test waits for zero). */
export async function pendingOutboxMails(db: Db): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from mail_outbox`);
  return r.rows[0]?.n ?? 0;
}

/** Mails to `email` not handed over yet are never sent (the account is being deleted). */
export async function forgetOutboxMails(db: Db, email: string): Promise<void> {
  await db.execute(sql`delete from mail_outbox where lower("to") = lower(${email})`);
}
