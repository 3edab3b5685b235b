/**
 * Statements written by participants. Which statements participants see and vote on is decided here
 * once (`SHOWN`): accepted ones, and unmoderated ones unless the conversation is strict or
 * pre-moderated (there a participant's statement waits for a moderator's acceptance; under
 * post-moderation it is shown at once, until rejected).
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { StatementState } from "./schema";

/** Pol.is's limit on a comment's length. */
export const STATEMENT_MAX_LENGTH = 400;

/** A statement row `s` of conversation row `c` is shown to participants (SQL condition). */
export const shownStatement = (s: string, c: string): SQL => sql.raw(shownStatementText(s, c));
/** `shownStatement` as SQL text (for a prepared statement's constant text). */
export const shownStatementText = (s: string, c: string): string => `(${s}.state = 'accepted' or (${s}.state = 'unmoderated' and not ${c}.strict_mode and ${c}.moderation <> 'pre'))`;

/** The text two statements are compared by: case, accents, punctuation and spacing do not make a new statement. */
export function normaliseStatement(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export type WriteError = "empty" | "tooLong" | "duplicate" | "closed";
export type WriteOutcome = { ok: true; tid: number; state: StatementState; waiting: boolean } | { ok: false; error: WriteError };

/**
 * Adds a participant's statement: refused when the conversation does not take participants'
 * statements, when empty or too long, or when it repeats one already there (rejected ones aside).
 * Under pre-moderation it waits (`waiting`), under post-moderation it is shown at once.
 */
export async function writeStatement(db: Db, conversationId: number, author: { pid: number; userId: number | null }, raw: string): Promise<WriteOutcome> {
  const text = raw.replace(/\s+/g, " ").trim();
  if (!text) return { ok: false, error: "empty" };
  if ([...text].length > STATEMENT_MAX_LENGTH) return { ok: false, error: "tooLong" };
  const key = normaliseStatement(text);
  return db.transaction(async (tx) => {
    // The counter's row lock orders concurrent writers, so two identical statements cannot both pass the check.
    const conv = await tx.execute<{ participant_statements: boolean; moderation: string; strict_mode: boolean }>(sql`
      select participant_statements, moderation, strict_mode from conversations where id = ${conversationId} for update`);
    const c = conv.rows[0];
    if (!c?.participant_statements) return { ok: false, error: "closed" } as const;
    const existing = await tx.execute<{ text: string }>(sql`
      select text from conversation_statements where conversation_id = ${conversationId} and state <> 'rejected'`);
    if (existing.rows.some((r) => normaliseStatement(r.text) === key)) return { ok: false, error: "duplicate" } as const;
    const next = await tx.execute<{ tid: number }>(sql`update conversations set next_tid = next_tid + 1 where id = ${conversationId} returning next_tid - 1 as tid`);
    const tid = next.rows[0]!.tid;
    await tx.execute(sql`
      insert into conversation_statements (conversation_id, tid, text, author_user_id, author_pid, state)
      values (${conversationId}, ${tid}, ${text}, ${author.userId}, ${author.pid}, 'unmoderated')`);
    return { ok: true, tid, state: "unmoderated", waiting: c.moderation === "pre" || c.strict_mode } as const;
  });
}

export interface OwnStatement {
  tid: number;
  text: string;
  state: StatementState;
  /** Not shown to others yet (pre-moderation or strict mode, before acceptance). */
  waiting: boolean;
}

/** The statements this participant wrote, newest first (one query). */
export async function ownStatements(db: Db, conversationId: number, pid: number): Promise<OwnStatement[]> {
  const r = await db.execute<{ tid: number; text: string; state: StatementState; shown: boolean }>(sql`
    select s.tid, s.text, s.state, ${shownStatement("s", "c")} as shown
    from conversation_statements s join conversations c on c.id = s.conversation_id
    where s.conversation_id = ${conversationId} and s.author_pid = ${pid} order by s.tid desc limit 100`);
  return r.rows.map((s) => ({ tid: s.tid, text: s.text, state: s.state, waiting: s.state === "unmoderated" && !s.shown }));
}
