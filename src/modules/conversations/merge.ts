/**
 * An anonymous participant becomes the account's when the person signs in or creates an account
 * (the core's sign-in hook), without losing a vote:
 * - the account has no participant in that conversation: the anonymous participant row simply gets
 *   the account (same `pid`, so its votes and the map stay as they are);
 * - it has one already (it voted with the account on another device): the anonymous votes join the
 *   account's participant (on a statement both voted on, the later vote wins), its statements are the
 *   account's, and the anonymous participant goes. The engine cannot take votes back, so the
 *   conversation's next tick recomputes from all votes (its warm state is reset; the tick number and
 *   the served map stay until then).
 */
import { serialize } from "node:v8";
import { sql } from "drizzle-orm";
import type { SignInEvent } from "../../core/accounts/sign-in-hooks";
import type { Db } from "../../db/client";
import { initialState } from "../../engines/opinion/tick";
import { anonymousToken, clearAnonymousToken } from "./identity";
import { tickLockKey, voteLockKey } from "./math";

/** Merges the anonymous participants of `token` into `userId`'s; returns how many conversations it touched. */
export async function mergeAnonymousParticipant(db: Db, token: string, userId: number): Promise<number> {
  const rows = await db.execute<{ conversation_id: string; pid: number }>(sql`
    select conversation_id, pid from conversation_participants where anonymous_token = ${token}`);
  for (const row of rows.rows) {
    const conversationId = Number(row.conversation_id);
    await db.transaction(async (tx) => {
      const own = await tx.execute<{ pid: number }>(sql`
        select pid from conversation_participants where conversation_id = ${conversationId} and user_id = ${userId} for update`);
      const target = own.rows[0]?.pid;
      if (target === undefined) {
        await tx.execute(sql`update conversation_participants set user_id = ${userId}, anonymous_token = null where conversation_id = ${conversationId} and pid = ${row.pid}`);
        await tx.execute(sql`update conversation_statements set author_user_id = ${userId} where conversation_id = ${conversationId} and author_pid = ${row.pid}`);
        return;
      }
      // A tick in progress would store the warm state we are about to reset: wait for it.
      await tx.execute(sql`select pg_advisory_xact_lock(${tickLockKey(conversationId)})`);
      await tx.execute(sql`select pg_advisory_xact_lock_shared(${voteLockKey(conversationId)})`);
      await tx.execute(sql`
        insert into conversation_votes (conversation_id, pid, tid, value, created_at, updated_at)
        select conversation_id, ${target}, tid, value, created_at, updated_at from conversation_votes
        where conversation_id = ${conversationId} and pid = ${row.pid}
        on conflict (conversation_id, pid, tid) do update
          set value = excluded.value, updated_at = excluded.updated_at, seq = nextval(pg_get_serial_sequence('conversation_votes', 'seq'))
          where conversation_votes.updated_at < excluded.updated_at`);
      await tx.execute(sql`
        update conversation_statements set author_pid = ${target}, author_user_id = ${userId} where conversation_id = ${conversationId} and author_pid = ${row.pid}`);
      await tx.execute(sql`delete from conversation_participants where conversation_id = ${conversationId} and pid = ${row.pid}`);
      await tx.execute(sql`update conversation_math set state = ${serialize(initialState())}, state_vote_seq = 0, last_vote_seq = 0 where conversation_id = ${conversationId}`);
    });
  }
  return rows.rows.length;
}

/** The core's sign-in hook: the browser's anonymous identity, if any, joins the account. */
export async function mergeOnSignIn({ db, req, reply, userId }: SignInEvent): Promise<void> {
  const token = anonymousToken(req);
  if (!token) return;
  await mergeAnonymousParticipant(db, token, userId);
  clearAnonymousToken(reply);
}
