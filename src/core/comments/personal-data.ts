/**
 * A person's comments and comment votes in "download my data", and what deleting the account does to
 * them. Comments are contributions to a public discussion that others answered, so they stay, but
 * anonymous: the link to the account goes (shown as "Deleted participant"); the text of comments the
 * person had already deleted is erased with their earlier versions; their votes go (the counts stay,
 * as a signature stays counted). Earlier versions of comments they still had lose their editor.
 */
import { sql } from "drizzle-orm";
import { registerPersonalDataExporter } from "../accounts/personal-data";
import type { Db } from "../../db/client";

const LIMIT = 10_000;

export async function exportCommentData(db: Db, userId: number): Promise<unknown> {
  const comments = await db.execute<{ id: string; resource_type: string; resource_id: string; parent_id: string | null; body: string; alignment: number; created_at: string; edited_at: string | null; deleted_at: string | null; hidden_at: string | null }>(sql`
    select id, resource_type, resource_id, parent_id, body, alignment, created_at, edited_at, deleted_at, hidden_at
    from comments where author_id = ${userId} order by id limit ${LIMIT}`);
  const versions = await db.execute<{ comment_id: string; body: string; created_at: string }>(sql`
    select v.comment_id, v.body, v.created_at from comment_versions v join comments c on c.id = v.comment_id
    where c.author_id = ${userId} order by v.id limit ${LIMIT}`);
  const votes = await db.execute<{ comment_id: string; value: number; created_at: string }>(sql`
    select comment_id, value, created_at from comment_votes where user_id = ${userId} order by comment_id limit ${LIMIT}`);
  return {
    comments: comments.rows.map((c) => ({
      id: Number(c.id),
      resource: { type: c.resource_type, id: Number(c.resource_id) },
      parentId: c.parent_id === null ? null : Number(c.parent_id),
      body: c.body,
      alignment: c.alignment > 0 ? "in_favour" : c.alignment < 0 ? "against" : "neutral",
      createdAt: new Date(c.created_at).toISOString(),
      editedAt: c.edited_at === null ? null : new Date(c.edited_at).toISOString(),
      deletedAt: c.deleted_at === null ? null : new Date(c.deleted_at).toISOString(),
      hiddenByModeration: c.hidden_at !== null,
    })),
    earlierVersions: versions.rows.map((v) => ({ commentId: Number(v.comment_id), body: v.body, replacedAt: new Date(v.created_at).toISOString() })),
    votes: votes.rows.map((v) => ({ commentId: Number(v.comment_id), vote: v.value > 0 ? "up" : "down", at: new Date(v.created_at).toISOString() })),
  };
}

export async function eraseCommentData(tx: Db, userId: number): Promise<void> {
  await tx.execute(sql`delete from comment_versions where comment_id in (select id from comments where author_id = ${userId} and deleted_at is not null)`);
  await tx.execute(sql`update comments set body = '', mentions = '{}'::jsonb where author_id = ${userId} and deleted_at is not null`);
  // Only authors edit their comments, so their versions are found through their comments (indexed).
  await tx.execute(sql`update comment_versions set editor_id = null where editor_id = ${userId} and comment_id in (select id from comments where author_id = ${userId})`);
  await tx.execute(sql`update comments set author_id = null where author_id = ${userId}`);
  await tx.execute(sql`delete from comment_votes where user_id = ${userId}`);
}

registerPersonalDataExporter({ name: "comments", collect: exportCommentData, erase: eraseCommentData, erasure: "comments.personalData.erasure" });
