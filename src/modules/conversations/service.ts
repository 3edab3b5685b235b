/**
 * Conversations and statements: creation and moderation. Statements are numbered by the
 * conversation's `next_tid` counter; every moderation change bumps `moderation_version`, which makes
 * the tick job recompute (a rejected or meta statement leaves the math).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import type { ModerationMode, StatementState } from "./schema";

export interface NewConversation {
  topic: Translatable;
  description?: Translatable;
  participantStatements?: boolean;
  moderation?: ModerationMode;
  strictMode?: boolean;
  anonymousAllowed?: boolean;
  published?: boolean;
}

export async function createConversation(db: Db, componentId: number, c: NewConversation): Promise<number> {
  const r = await db.execute<{ id: string }>(sql`
    insert into conversations (component_id, topic, description, participant_statements, moderation, strict_mode, anonymous_allowed, published_at)
    values (${componentId}, ${JSON.stringify(c.topic)}::jsonb, ${JSON.stringify(c.description ?? {})}::jsonb, ${c.participantStatements ?? false},
      ${c.moderation ?? "post"}, ${c.strictMode ?? false}, ${c.anonymousAllowed ?? true}, ${c.published ? sql`now()` : sql`null`})
    returning id`);
  return Number(r.rows[0]?.id);
}

export interface NewStatement {
  text: string;
  language?: string | null;
  authorUserId?: number | null;
  authorPid?: number | null;
  isSeed?: boolean;
  isMeta?: boolean;
  /** Organizers' seed statements are accepted; a participant's depends on the conversation's moderation. */
  state?: StatementState;
}

/** Adds a statement with the conversation's next `tid`; returns the tid. */
export async function addStatement(db: Db, conversationId: number, s: NewStatement): Promise<number> {
  return db.transaction(async (tx) => {
    const next = await tx.execute<{ tid: number }>(sql`update conversations set next_tid = next_tid + 1 where id = ${conversationId} returning next_tid - 1 as tid`);
    const tid = next.rows[0]?.tid;
    if (tid === undefined) throw new Error(`no conversation ${conversationId}`);
    await tx.execute(sql`
      insert into conversation_statements (conversation_id, tid, text, language, author_user_id, author_pid, is_seed, is_meta, state)
      values (${conversationId}, ${tid}, ${s.text}, ${s.language ?? null}, ${s.authorUserId ?? null}, ${s.authorPid ?? null}, ${s.isSeed ?? false}, ${s.isMeta ?? false}, ${s.state ?? "unmoderated"})`);
    if (s.isMeta) await tx.execute(sql`update conversations set moderation_version = moderation_version + 1 where id = ${conversationId}`);
    return tid;
  });
}

/**
 * Accepts, rejects or marks meta a statement; the next tick takes it in or out of the math. Run it in
 * the caller's transaction, with the decision's `audit()`.
 */
export async function moderateStatement(tx: Db, conversationId: number, tid: number, change: { state?: StatementState; isMeta?: boolean }): Promise<boolean> {
  const r = await tx.execute(sql`
    update conversation_statements set state = coalesce(${change.state ?? null}, state), is_meta = coalesce(${change.isMeta ?? null}, is_meta), moderated_at = now()
    where conversation_id = ${conversationId} and tid = ${tid}`);
  if ((r.rowCount ?? 0) === 0) return false;
  await tx.execute(sql`update conversations set moderation_version = moderation_version + 1, updated_at = now() where id = ${conversationId}`);
  return true;
}
