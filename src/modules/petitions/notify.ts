/**
 * Telling people about a petition: in-app notifications and mails (through the outbox, in the caller's
 * transaction), and live events for SSE pages.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { MessageKey } from "../../core/i18n/catalogues";
import { isLocale, type Locale } from "../../core/i18n/locales";
import { translator, type Values } from "../../core/i18n/translator";
import { notifyUsers } from "../../core/notifications/service";
import { CHANNEL, type LiveEvent } from "../../core/realtime/bus";
import { STATE_LABELS } from "./labels";
import { isPetitionState } from "./states";

export interface OutboxMail {
  to: string;
  subject: string;
  text: string;
}

/** Queues mails in the outbox, in the caller's transaction (sent by the relay job). */
export async function queueOutbox(db: Db, mails: OutboxMail[]): Promise<void> {
  if (mails.length === 0) return;
  await db.execute(sql`insert into petition_outbox ("to", subject, text)
    select * from unnest(${sql.param(mails.map((m) => m.to))}::text[], ${sql.param(mails.map((m) => m.subject))}::text[], ${sql.param(mails.map((m) => m.text))}::text[])`);
}

export const petitionTopic = (id: number) => `petition:${id}`;

/**
 * Publishes a live event when the transaction commits. Same payload as the core's `publish()`, which
 * wants a node-postgres client; a Drizzle transaction is not one.
 */
export async function publishLive(db: Db, topic: string, data: unknown): Promise<void> {
  const payload = JSON.stringify({ topic, data } satisfies LiveEvent);
  await db.execute(sql`select pg_notify(${CHANNEL}, ${payload})`);
}

export interface NotifyInput {
  petitionId: number;
  authorId: number | null;
  /** Notification kind, stored with the in-app notification. */
  kind: string;
  subject: MessageKey;
  body: MessageKey;
  values: Values;
  url: string;
  /** Only the author (progress milestones), not the followers. */
  authorOnly?: boolean;
  defaultLocale: Locale;
}

/** Notifies the author and the followers in the app and by mail, in the caller's transaction. */
export async function notifyParticipants(db: Db, n: NotifyInput): Promise<number> {
  const recipients = await db.execute<{ id: string; email: string; locale: string | null; notify_by_email: boolean }>(sql`
    select u.id, u.email, u.locale, u.notify_by_email from users u
    where u.deleted_at is null and u.email is not null
      and (u.id = ${n.authorId ?? 0} or (${!n.authorOnly} and u.id in (select user_id from petition_follows where petition_id = ${n.petitionId})))`);
  if (recipients.rows.length === 0) return 0;
  const title = String(n.values.title ?? "");
  const state = typeof n.values.state === "string" && isPetitionState(n.values.state) ? n.values.state : null;
  await notifyUsers(
    db,
    recipients.rows.map((r) => Number(r.id)),
    state
      ? { kind: `petition.${n.kind}`, message: "petitions.notification.state", values: { title }, keyedValues: { state: STATE_LABELS[state] }, url: `/petitions/${n.petitionId}` }
      : { kind: `petition.${n.kind}`, message: "petitions.notification.progress", values: { title, percent: Number(n.values.percent ?? 0) }, url: `/petitions/${n.petitionId}` },
  );
  await queueOutbox(
    db,
    // In the app for everyone; by mail for those who keep mail on.
    recipients.rows.filter((r) => r.notify_by_email).map((r) => {
      const t = translator(isLocale(r.locale) ? r.locale : n.defaultLocale);
      return { to: r.email, subject: t(n.subject, n.values), text: `${t(n.body, n.values)}\n\n${n.url}\n` };
    }),
  );
  return recipients.rows.length;
}
