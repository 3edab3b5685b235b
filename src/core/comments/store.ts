/**
 * Writing comments (SQL only; the rules are in service.ts): a new comment with its place in the
 * thread, an edit keeping the previous text, a soft delete, a vote with the comment's counts kept in
 * the same transaction, and resolving @mentions to accounts.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { ResourceRef } from "../resources/kinds";
import type { Alignment } from "./queries";

export interface NewComment {
  ref: ResourceRef;
  componentId: number;
  spaceId: number;
  authorId: number;
  body: string;
  locale: string | null;
  alignment: Alignment;
  mentions: Record<string, number>;
  /** The comment replied to (its thread and depth come from it). */
  parent: { id: number; rootId: number; depth: number } | null;
}

/** Inserts the comment (a top-level one is its own thread's root) and counts a reply on its thread. */
export async function insertComment(tx: Db, c: NewComment): Promise<{ id: number; createdAt: Date }> {
  const rows = await tx.execute<{ id: string; created_at: string | Date }>(sql`
    with next as (select nextval(pg_get_serial_sequence('comments', 'id')) as id)
    insert into comments (id, component_id, space_id, resource_type, resource_id, parent_id, root_id, depth, author_id, body, locale, alignment, mentions)
    select next.id, ${c.componentId}, ${c.spaceId}, ${c.ref.type}, ${c.ref.id}, ${c.parent?.id ?? null}, ${c.parent ? c.parent.rootId : sql`next.id`}, ${c.parent ? c.parent.depth + 1 : 0},
      ${c.authorId}, ${c.body}, ${c.locale}, ${c.alignment}, ${JSON.stringify(c.mentions)}::jsonb
    from next
    returning id, created_at`);
  const row = rows.rows[0];
  if (!row) throw new Error("comment insert returned nothing");
  if (c.parent) await tx.execute(sql`update comments set replies_count = replies_count + 1 where id = ${c.parent.rootId}`);
  return { id: Number(row.id), createdAt: new Date(row.created_at) };
}

/** The parent as it stands, locked against a concurrent delete while the reply is written. */
export async function lockParent(tx: Db, id: number): Promise<{ id: number; rootId: number; depth: number; ref: ResourceRef; authorId: number | null; gone: boolean } | null> {
  const rows = await tx.execute<{ id: string; root_id: string | null; depth: number; resource_type: string; resource_id: string; author_id: string | null; gone: boolean }>(sql`
    select c.id, c.root_id, c.depth, c.resource_type, c.resource_id, c.author_id,
      (c.deleted_at is not null or c.hidden_at is not null or exists (select 1 from users b where b.id = c.author_id and b.blocked_at is not null)) as gone
    from comments c where c.id = ${id} for share`);
  const [r] = rows.rows;
  if (!r) return null;
  return { id: Number(r.id), rootId: r.root_id === null ? Number(r.id) : Number(r.root_id), depth: Number(r.depth), ref: { type: r.resource_type, id: Number(r.resource_id) }, authorId: r.author_id === null ? null : Number(r.author_id), gone: r.gone };
}

/** Replaces the text, keeping the previous one in `comment_versions` (moderators read the history). */
export async function updateBody(tx: Db, id: number, editorId: number, body: string, mentions: Record<string, number>): Promise<void> {
  await tx.execute(sql`insert into comment_versions (comment_id, body, editor_id) select id, body, ${editorId} from comments where id = ${id}`);
  await tx.execute(sql`update comments set body = ${body}, mentions = ${JSON.stringify(mentions)}::jsonb, edited_at = now() where id = ${id}`);
}

/** Marks the comment deleted: its text is no longer shown, its replies stay. */
export async function markDeleted(tx: Db, id: number): Promise<boolean> {
  const r = await tx.execute(sql`update comments set deleted_at = now() where id = ${id} and deleted_at is null`);
  return (r.rowCount ?? 0) > 0;
}

/**
 * Sets (1, -1) or withdraws (0) a person's vote and moves the comment's counts by the difference,
 * with the comment's row locked so concurrent votes add up.
 */
export async function setVote(tx: Db, commentId: number, userId: number, value: Alignment): Promise<void> {
  await tx.execute(sql`select 1 from comments where id = ${commentId} for update`);
  const before = await tx.execute<{ value: number }>(sql`select value from comment_votes where comment_id = ${commentId} and user_id = ${userId}`);
  const old = Number(before.rows[0]?.value ?? 0);
  if (old === value) return;
  if (value === 0) await tx.execute(sql`delete from comment_votes where comment_id = ${commentId} and user_id = ${userId}`);
  else
    await tx.execute(sql`insert into comment_votes (comment_id, user_id, value) values (${commentId}, ${userId}, ${value})
      on conflict (comment_id, user_id) do update set value = excluded.value, created_at = now()`);
  const up = (value === 1 ? 1 : 0) - (old === 1 ? 1 : 0);
  const down = (value === -1 ? 1 : 0) - (old === -1 ? 1 : 0);
  await tx.execute(sql`update comments set up_votes = up_votes + ${up}, down_votes = down_votes + ${down} where id = ${commentId}`);
}

/**
 * Which of these handles name exactly one active account: a nickname first, else a name written
 * without spaces; a handle that fits several people names nobody. One statement, on two indexes.
 */
export async function resolveHandles(db: Db, handles: string[]): Promise<Record<string, number>> {
  if (handles.length === 0) return {};
  const rows = await db.execute<{ handle: string; id: string; by_nickname: boolean }>(sql`
    select h.handle, u.id, coalesce(lower(u.nickname) = h.handle, false) as by_nickname
    from unnest(${sql.param(handles)}::text[]) as h(handle)
    join users u on u.deleted_at is null and u.blocked_at is null
      and (lower(u.nickname) = h.handle or lower(replace(u.name, ' ', '')) = h.handle)
    limit 200`);
  const found: Record<string, number> = {};
  for (const handle of handles) {
    const candidates = rows.rows.filter((r) => r.handle === handle);
    const byNickname = candidates.filter((r) => r.by_nickname);
    const pick = byNickname.length > 0 ? byNickname : candidates;
    if (pick.length === 1 && pick[0]) found[handle] = Number(pick[0].id);
  }
  return found;
}

/** Publishes a live event when the transaction commits (pg_notify through the event bus). */
export async function publishOnCommit(tx: Db, channel: string, topic: string, data: unknown): Promise<void> {
  await tx.execute(sql`select pg_notify(${channel}, ${JSON.stringify({ topic, data })})`);
}
