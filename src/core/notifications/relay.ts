/**
 * The relay: fans each `event_outbox` row out to the people its event names, outside any request.
 *
 * For each row it resolves the event (the kind's `events[name]`, else the kit's `KIT_EVENTS`), loads
 * the resource's facts (one `load` per kind per batch), then ONE statement computes the recipients
 * (followers, authors and accepted co-authors, the space's followers and admins, mentioned people, the
 * author replied to, as the event declares), leaves out the actor, deleted and blocked accounts and
 * anyone who can no longer see the resource, inserts their in-app notifications, and queues the mails
 * of those who want them at once (`mail_outbox`, in their language) or marks them for their digest.
 * 200 followers cost one statement, not 200. The row is deleted in the same transaction as its
 * fan-out, so a crash redoes it whole or not at all; rows are taken with `skip locked`, so several
 * instances share the work.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { AppDeps } from "../http/deps";
import { LOCALES, type Locale } from "../i18n/locales";
import { localize, translator } from "../i18n/translator";
import { getOrganization } from "../organization/service";
import { getResourceKind, type EventAudience, type ResourceEvent, type ResourceFacts } from "../resources/kinds";
import { privateMemberSql, seesSpaceSql, staffSql } from "../resources/visibility-sql";
import { PREFERENCES_PATH, unfollowPath } from "./links";
import { KIT_EVENTS } from "./outbox";

export const RELAY_JOB = "notifications.relay";
/** Seconds between two runs of the relay job (each run drains what is there). */
export const RELAY_EVERY_SECONDS = 1;

type OutboxRow = {
  id: string;
  event: string;
  resource_type: string;
  resource_id: string;
  actor_id: string | null;
  values: Record<string, string | number>;
  extra_recipients: Record<string, unknown>;
};

export interface RelayStats {
  /** Outbox rows fanned out and deleted. */
  relayed: number;
  /** Rows deleted without a fan-out: unknown event or kind, or a resource that no longer exists. */
  dropped: number;
  /** Rows whose fan-out failed: kept for the next run. */
  failed: number;
  /** In-app notifications written. */
  notified: number;
}

/** The event a row names: the kind's own, else the kit's. */
export function resolveEvent(type: string, name: string): ResourceEvent | null {
  const events = getResourceKind(type)?.events;
  if (events && Object.hasOwn(events, name)) return events[name] ?? null;
  return Object.hasOwn(KIT_EVENTS, name) ? (KIT_EVENTS[name] ?? null) : null;
}

/** Relays every waiting event, in batches; returns what it did. Safe to run on every instance at once. */
export async function relayEvents(deps: Pick<AppDeps, "db" | "config" | "log">, options: { batch?: number } = {}): Promise<RelayStats> {
  const batch = options.batch ?? 100;
  const stats: RelayStats = { relayed: 0, dropped: 0, failed: 0, notified: 0 };
  // Rows that failed stay behind the cursor until the next run instead of being retried in a loop.
  let cursor = 0;
  for (;;) {
    const taken = await deps.db.transaction(async (tx) => {
      const rows = await tx.execute<OutboxRow>(sql`
        select id, event, resource_type, resource_id, actor_id, values, extra_recipients from event_outbox
        where id > ${cursor} order by id limit ${batch} for update skip locked`);
      if (rows.rows.length === 0) return 0;
      const facts = await loadFacts(tx, rows.rows);
      const done: string[] = [];
      for (const row of rows.rows) {
        cursor = Math.max(cursor, Number(row.id));
        const event = resolveEvent(row.resource_type, row.event);
        const f = facts.get(`${row.resource_type}:${row.resource_id}`);
        if (!event || !f) {
          done.push(row.id);
          stats.dropped++;
          continue;
        }
        try {
          // A savepoint: one event's failure leaves the others of the batch going through.
          stats.notified += await tx.transaction((sp) => fanOut(sp, deps.config.PUBLIC_URL, row, event, f));
          done.push(row.id);
          stats.relayed++;
        } catch (error) {
          stats.failed++;
          deps.log(`notifications relay: event ${row.id} (${row.event} on ${row.resource_type} ${row.resource_id}) failed, kept for the next run: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (done.length > 0) await tx.execute(sql`delete from event_outbox where id = any(${sql.param(done)}::bigint[])`);
      return rows.rows.length;
    });
    if (taken < batch) return stats;
  }
}

/** The facts of every resource of the batch: one `load` per kind. */
async function loadFacts(db: Db, rows: OutboxRow[]): Promise<Map<string, ResourceFacts>> {
  const byType = new Map<string, number[]>();
  for (const r of rows) byType.set(r.resource_type, [...(byType.get(r.resource_type) ?? []), Number(r.resource_id)]);
  const out = new Map<string, ResourceFacts>();
  for (const [type, ids] of byType) {
    const kind = getResourceKind(type);
    if (!kind) continue;
    for (const [id, f] of await kind.load(db, [...new Set(ids)])) out.set(`${type}:${id}`, f);
  }
  return out;
}

const ids = (value: unknown): number[] => (Array.isArray(value) ? value.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0) : []);

/** Where a notice leads: the resource, or a place in its page (`anchor`, e.g. a comment). */
function noticeUrl(f: ResourceFacts, values: Record<string, string | number>): string {
  const anchor = values.anchor;
  return typeof anchor === "string" && /^[A-Za-z0-9_-]{1,80}$/.test(anchor) ? `${f.url}#${anchor}` : f.url;
}

/** Per language: the resource's title, and the mail's subject and text. */
function texts(publicUrl: string, event: ResourceEvent, row: OutboxRow, f: ResourceFacts, url: string, defaultLocale: Locale) {
  return LOCALES.map((locale) => {
    const t = translator(locale);
    const title = typeof f.title === "string" ? f.title : localize(f.title, locale, defaultLocale).text;
    const values = { ...row.values, title };
    let subject: string;
    let body: string;
    if (event.mail) {
      subject = t(event.mail.subject, values);
      body = t(event.mail.body, values);
    } else {
      const keyed = Object.fromEntries(Object.entries(event.keyedValues?.(values) ?? {}).map(([k, key]) => [k, t(key)]));
      subject = t(event.message, { ...values, ...keyed });
      body = subject;
    }
    const text = `${body}\n\n${publicUrl}${url}\n\n${t("notifications.mail.unfollow")}\n${publicUrl}${unfollowPath(f)}\n${t("notifications.mail.preferences")}\n${publicUrl}${PREFERENCES_PATH}\n`;
    return { locale, title, subject, text };
  });
}

/** Who may hear of it, as the event declares (before leaving anyone out). */
function audience(to: readonly EventAudience[], row: OutboxRow, f: ResourceFacts): SQL[] {
  const parts: SQL[] = [];
  const ref = { type: row.resource_type, id: Number(row.resource_id) };
  // Followers as they were when it happened: someone who followed while the event waited is not told of it.
  const followedBefore = sql`created_at <= (select e.created_at from event_outbox e where e.id = ${row.id})`;
  for (const a of new Set(to)) {
    if (a === "followers") parts.push(sql`select user_id from follows where resource_type = ${ref.type} and resource_id = ${ref.id} and ${followedBefore}`);
    if (a === "authors") {
      parts.push(sql`select unnest(${sql.param(f.authorIds)}::bigint[])`);
      parts.push(sql`select user_id from coauthorships where resource_type = ${ref.type} and resource_id = ${ref.id} and status = 'accepted'`);
    }
    if (a === "spaceFollowers") parts.push(sql`select user_id from follows where resource_type = 'space' and resource_id = ${f.spaceId} and ${followedBefore}`);
    if (a === "spaceAdmins") parts.push(sql`select user_id from space_roles where space_id = ${f.spaceId} and role = 'admin'`);
    if (a === "mentioned" || a === "parentAuthor") parts.push(sql`select unnest(${sql.param(ids(row.extra_recipients[a]))}::bigint[])`);
  }
  return parts;
}

/** One event, one statement: recipients, in-app notifications, mails or digest marks. Returns how many were told. */
async function fanOut(db: Db, publicUrl: string, row: OutboxRow, event: ResourceEvent, f: ResourceFacts): Promise<number> {
  const parts = audience(event.to, row, f);
  if (parts.length === 0) return 0;
  const org = await getOrganization(db);
  const url = noticeUrl(f, row.values);
  const perLocale = texts(publicUrl, event, row, f, url, org.defaultLocale);
  const col = <K extends "locale" | "title" | "subject" | "text">(k: K) => sql.param(perLocale.map((x) => x[k]));
  // Seeing it as its authors do: its authors, and co-authors (an invitee sees what they are asked to co-author).
  const author = sql`(u.id = any(${sql.param(f.authorIds)}::bigint[]) or exists (select 1 from coauthorships co where co.resource_type = ${f.type} and co.resource_id = ${f.id} and co.user_id = u.id and co.status in ('invited', 'accepted')))`;
  const result = await db.execute<{ notified: number }>(sql`
    with texts(locale, title, subject, text) as (
      select * from unnest(${col("locale")}::text[], ${col("title")}::text[], ${col("subject")}::text[], ${col("text")}::text[])
    ), cand(user_id) as (
      ${sql.join(parts, sql` union `)}
    ), rcpt as (
      select u.id, u.email, u.email_frequency, case when u.locale = any(${col("locale")}::text[]) then u.locale else ${org.defaultLocale} end as locale
      from users u
      join components c on c.id = ${f.componentId}
      join spaces s on s.id = c.space_id
      where u.id in (select user_id from cand)
        and u.id <> ${row.actor_id === null ? 0 : Number(row.actor_id)}
        and u.deleted_at is null and u.blocked_at is null
        and (${staffSql("u", sql`s.id`)}
          or (${seesSpaceSql("s", sql`u.id`)} and c.published_at is not null and (${f.public} or ${author})
            and (not ${f.membersOnly === true} or ${privateMemberSql(sql`u.id`, sql`s.id`)})))
    ), ins as (
      insert into notifications (user_id, kind, message, values, keyed_values, url, resource_type, resource_id, digest_pending)
      select r.id, ${`${row.resource_type}.${row.event}`}, ${event.message},
        ${JSON.stringify(row.values)}::jsonb || jsonb_build_object('title', t.title),
        ${JSON.stringify(event.keyedValues?.(row.values) ?? {})}::jsonb, ${url}, ${f.type}, ${f.id},
        r.email is not null and r.email_frequency in ('daily', 'weekly')
      from rcpt r join texts t on t.locale = r.locale
      returning 1
    ), mail as (
      insert into mail_outbox ("to", subject, text)
      select r.email, t.subject, t.text from rcpt r join texts t on t.locale = r.locale
      where r.email is not null and r.email_frequency = 'realtime'
    )
    select count(*)::int as notified from ins`);
  return result.rows[0]?.notified ?? 0;
}

/** Events still waiting for the relay. */
export async function pendingEvents(db: Db): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from event_outbox`);
  return r.rows[0]?.n ?? 0;
}

/**
 * Waits until the relay has fanned out every event written so far (the background job, or this call
 * relaying itself when `relay` is true): for benchmarks and tests that count notices afterwards.
 */
export async function waitForRelay(deps: Pick<AppDeps, "db" | "config" | "log">, options: { timeoutMs?: number; relay?: boolean } = {}): Promise<void> {
  const until = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (options.relay) await relayEvents(deps);
    if ((await pendingEvents(deps.db)) === 0) return;
    if (Date.now() > until) throw new Error("the event outbox did not drain in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}
