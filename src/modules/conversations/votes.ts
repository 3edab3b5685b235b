/**
 * Votes and participants. A vote is accepted even while a tick computes: it waits at most for the
 * tick's read of new votes (math.ts), never for the computation. A re-vote replaces the earlier vote
 * and draws a new `seq`, so the next tick reads the cell again.
 */
import { randomBytes } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { voteLockKey } from "./math";
import { shownStatement } from "./statements";

/** 1 agree, -1 disagree, 0 pass (Pol.is's export sign). */
export type VoteValue = -1 | 0 | 1;

/**
 * One statement, one round trip (its own implicit transaction): the conversation's vote lock shared
 * (see math.ts: a CTE with a volatile function is evaluated once, before the row it joins is inserted,
 * so before `seq` is drawn), then the upsert of the vote of the participant `who` selects, if the
 * statement is shown. Re-votes replace and draw a new `seq`.
 */
function upsertVote(conversationId: number, tid: number, value: VoteValue, who: SQL, where: SQL = sql`true`): SQL {
  return sql`
    with vote_lock as materialized (select pg_advisory_xact_lock_shared(${voteLockKey(conversationId)}))
    insert into conversation_votes (conversation_id, pid, tid, value)
    select c.id, p.pid, s.tid, ${value}::smallint
    from vote_lock, conversations c
    join conversation_statements s on s.conversation_id = c.id and s.tid = ${tid}
    join conversation_participants p on p.conversation_id = c.id and ${who}
    where c.id = ${conversationId} and ${shownStatement("s", "c")} and ${where}
    on conflict (conversation_id, pid, tid) do update
      set value = excluded.value, updated_at = now(), seq = nextval(pg_get_serial_sequence('conversation_votes', 'seq'))`;
}

/**
 * Records a participant's vote on a statement (re-votes replace). Returns false when the statement
 * is not shown to participants (rejected; unmoderated in a strict conversation) or the participant is
 * not in the conversation.
 */
export async function castVote(db: Db, conversationId: number, pid: number, tid: number, value: VoteValue): Promise<boolean> {
  const r = await db.execute(upsertVote(conversationId, tid, value, sql`p.pid = ${pid}`));
  return (r.rowCount ?? 0) > 0;
}

/**
 * The vote route's one query: the vote of a person (account or anonymous identity) who already takes
 * part in the published conversation `conversationId` of component `componentId`; an anonymous one only
 * while the conversation allows anonymous participation. False when any of that does not hold (the
 * caller then takes the long way: finds the conversation, creates the participant, says why not).
 */
export async function castVoteAs(db: Db, where: { componentId: number; conversationId: number }, who: { userId: number } | { anonymousToken: string }, tid: number, value: VoteValue): Promise<boolean> {
  const match = "userId" in who ? sql`p.user_id = ${who.userId}` : sql`p.anonymous_token = ${who.anonymousToken} and c.anonymous_allowed`;
  const r = await db.execute(upsertVote(where.conversationId, tid, value, match, sql`c.component_id = ${where.componentId} and c.published_at is not null`));
  return (r.rowCount ?? 0) > 0;
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
