/**
 * Votes and participants. A vote is accepted even while a tick computes: it waits at most for the
 * tick's read of new votes (math.ts), never for the computation. A re-vote replaces the earlier vote
 * and draws a new `seq`, so the next tick reads the cell again.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { voteLockKey } from "./math";
import { shownStatement } from "./statements";

/** 1 agree, -1 disagree, 0 pass (Pol.is's export sign). */
export type VoteValue = -1 | 0 | 1;

/**
 * Records a participant's vote on a statement (re-votes replace). Returns false when the statement
 * is not shown to participants (rejected; unmoderated in a strict conversation) or the participant is
 * not in the conversation.
 */
export async function castVote(db: Db, conversationId: number, pid: number, tid: number, value: VoteValue): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Shared with other voters; the tick's read takes it exclusive (see math.ts). Taken before `seq` is drawn.
    await tx.execute(sql`select pg_advisory_xact_lock_shared(${voteLockKey(conversationId)})`);
    const r = await tx.execute(sql`
      insert into conversation_votes (conversation_id, pid, tid, value)
      select ${conversationId}, ${pid}, ${tid}, ${value}
      where exists (select 1 from conversation_statements s join conversations c on c.id = s.conversation_id
                    where s.conversation_id = ${conversationId} and s.tid = ${tid} and ${shownStatement("s", "c")})
        and exists (select 1 from conversation_participants p where p.conversation_id = ${conversationId} and p.pid = ${pid})
      on conflict (conversation_id, pid, tid) do update
        set value = excluded.value, updated_at = now(), seq = nextval(pg_get_serial_sequence('conversation_votes', 'seq'))`);
    return (r.rowCount ?? 0) > 0;
  });
}

/** A new random identity for an anonymous participant (carried by a signed cookie). */
export const newAnonymousToken = (): string => randomBytes(24).toString("base64url");

/**
 * The participant of an account or an anonymous identity in a conversation, created on first use
 * with the conversation's next `pid`. Exactly one of `userId` / `anonymousToken` is given.
 */
export async function ensureParticipant(db: Db, conversationId: number, who: { userId: number } | { anonymousToken: string }): Promise<number> {
  const match = "userId" in who ? sql`user_id = ${who.userId}` : sql`anonymous_token = ${who.anonymousToken}`;
  const found = await db.execute<{ pid: number }>(sql`select pid from conversation_participants where conversation_id = ${conversationId} and ${match}`);
  if (found.rows[0]) return found.rows[0].pid;
  return db.transaction(async (tx) => {
    // The counter's row lock orders concurrent first votes; a second request of the same person finds the first's row.
    const next = await tx.execute<{ pid: number }>(sql`update conversations set next_pid = next_pid + 1 where id = ${conversationId} returning next_pid - 1 as pid`);
    const pid = next.rows[0]?.pid;
    if (pid === undefined) throw new Error(`no conversation ${conversationId}`);
    const userId = "userId" in who ? who.userId : null;
    const token = "anonymousToken" in who ? who.anonymousToken : null;
    const ins = await tx.execute<{ pid: number }>(sql`
      insert into conversation_participants (conversation_id, pid, user_id, anonymous_token) values (${conversationId}, ${pid}, ${userId}, ${token})
      on conflict do nothing returning pid`);
    if (ins.rows[0]) return ins.rows[0].pid;
    const again = await tx.execute<{ pid: number }>(sql`select pid from conversation_participants where conversation_id = ${conversationId} and ${match}`);
    if (!again.rows[0]) throw new Error("participant vanished");
    return again.rows[0].pid;
  });
}
