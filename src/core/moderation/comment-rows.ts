/**
 * What moderation reads and writes of comments (the `comments` table, src/core/comments/schema.ts):
 * their place, author and excerpt, and `hidden_at`. Moderators never edit a comment's words.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { COUNTS_TOPIC } from "../comments/counts-cache";
import { CHANNEL } from "../realtime/bus";

export interface CommentRow {
  id: number;
  spaceId: number;
  componentId: number;
  resourceType: string;
  resourceId: number;
  authorId: number | null;
  body: string;
  deleted: boolean;
  hidden: boolean;
}

/** These comments (one query); ids that do not exist are left out. */
export async function loadComments(db: Db, ids: number[]): Promise<Map<number, CommentRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.execute<{ id: string; space_id: string; component_id: string; resource_type: string; resource_id: string; author_id: string | null; body: string; deleted: boolean; hidden: boolean }>(sql`
    select id, space_id, component_id, resource_type, resource_id, author_id, left(body, 400) as body, deleted_at is not null as deleted, hidden_at is not null as hidden
    from comments where id = any(${sql.param(ids)}::bigint[])`);
  return new Map(
    rows.rows.map((r) => [
      Number(r.id),
      {
        id: Number(r.id),
        spaceId: Number(r.space_id),
        componentId: Number(r.component_id),
        resourceType: r.resource_type,
        resourceId: Number(r.resource_id),
        authorId: r.author_id === null ? null : Number(r.author_id),
        body: r.body,
        deleted: r.deleted,
        hidden: r.hidden,
      },
    ]),
  );
}

/** Hides (keeping the first hiding time) or shows again these comments. */
export async function setCommentsHidden(tx: Db, ids: number[], hidden: boolean): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(sql`update comments set hidden_at = ${hidden ? sql`coalesce(hidden_at, now())` : sql`null`} where id = any(${sql.param(ids)}::bigint[])`);
  // Their discussions' counts changed: every instance forgets them on commit (src/core/comments/counts-cache.ts).
  await tx.execute(sql`select pg_notify(${CHANNEL}, json_build_object('topic', ${COUNTS_TOPIC}::text, 'data', json_build_object('type', d.resource_type, 'id', d.resource_id))::text)
    from (select distinct resource_type, resource_id from comments where id = any(${sql.param(ids)}::bigint[])) d`);
}

/** The ids of a person's comments (not deleted): what blocking them hides. */
export async function commentIdsBy(db: Db, userId: number): Promise<number[]> {
  const rows = await db.execute<{ id: string }>(sql`select id from comments where author_id = ${userId} and deleted_at is null`);
  return rows.rows.map((r) => Number(r.id));
}
