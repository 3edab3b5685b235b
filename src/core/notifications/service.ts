/** Sending, listing and reading in-app notifications. */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { MessageKey } from "../i18n/catalogues";

export interface NewNotification {
  kind: string;
  message: MessageKey;
  values: Record<string, string | number>;
  /** Values that are message keys, translated in the reader's language when shown. */
  keyedValues?: Record<string, MessageKey>;
  /** A path on this platform ("/petitions/12"). */
  url: string;
}

/** Notifies several people at once, in the caller's transaction (one statement). */
export async function notifyUsers(db: Db, userIds: readonly number[], n: NewNotification): Promise<void> {
  if (userIds.length === 0) return;
  await db.execute(sql`
    insert into notifications (user_id, kind, message, values, keyed_values, url)
    select unnest(${sql.param([...new Set(userIds)])}::bigint[]), ${n.kind}, ${n.message}, ${JSON.stringify(n.values)}::jsonb, ${JSON.stringify(n.keyedValues ?? {})}::jsonb, ${n.url}`);
}

export interface NotificationItem {
  id: number;
  kind: string;
  message: MessageKey;
  values: Record<string, string | number>;
  keyedValues: Record<string, MessageKey>;
  url: string;
  at: Date;
  read: boolean;
  /** The resource it is about, while the person follows it (for "stop following"). */
  followed: { type: string; id: number } | null;
}

export const NOTIFICATIONS_PAGE = 30;

/** A page of someone's notifications, newest first (`before`: the last id of the previous page). */
export async function listNotifications(db: Db, userId: number, before?: number): Promise<NotificationItem[]> {
  const rows = await db.execute<{
    id: string;
    kind: string;
    message: MessageKey;
    values: Record<string, string | number>;
    keyed_values: Record<string, MessageKey>;
    url: string;
    created_at: string;
    read_at: string | null;
    resource_type: string | null;
    resource_id: string | null;
    followed: boolean;
  }>(sql`
    select n.id, n.kind, n.message, n.values, n.keyed_values, n.url, n.created_at, n.read_at, n.resource_type, n.resource_id,
      exists (select 1 from follows f where f.resource_type = n.resource_type and f.resource_id = n.resource_id and f.user_id = n.user_id) as followed
    from notifications n
    where n.user_id = ${userId} ${before ? sql`and n.id < ${before}` : sql``}
    order by n.id desc limit ${NOTIFICATIONS_PAGE}`);
  return rows.rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    message: r.message,
    values: r.values,
    keyedValues: r.keyed_values,
    url: r.url,
    at: new Date(r.created_at),
    read: r.read_at !== null,
    followed: r.followed && r.resource_type && r.resource_id ? { type: r.resource_type, id: Number(r.resource_id) } : null,
  }));
}

export async function markAllRead(db: Db, userId: number): Promise<number> {
  const r = await db.execute(sql`update notifications set read_at = now() where user_id = ${userId} and read_at is null`);
  return r.rowCount ?? 0;
}

/** Marks one notification read and gives its address (null: not this person's). */
export async function openNotification(db: Db, userId: number, id: number): Promise<string | null> {
  const r = await db.execute<{ url: string }>(sql`update notifications set read_at = coalesce(read_at, now()) where id = ${id} and user_id = ${userId} returning url`);
  return r.rows[0]?.url ?? null;
}
