/**
 * Votes and participants. A vote is accepted even while a tick computes: it waits at most for the
 * tick's read of new votes (math.ts), never for the computation. A re-vote replaces the earlier vote
 * and draws a new `seq`, so the next tick reads the cell again. Votes arriving together are written in
 * one statement and one commit (group commit, ADR 33); each is answered once that commit is done.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { Batcher, type Failed, unwrapWritten, writeInRounds } from "../../db/batcher";
import type { Db } from "../../db/client";
import { growthWatch } from "../../db/growth-statistics";
import { rootPool } from "../../db/named";
import { shownStatementText } from "./statements";

/** 1 agree, -1 disagree, 0 pass (Pol.is's export sign). */
export type VoteValue = -1 | 0 | 1;

/** Whose vote: a participant by number, or the participant of an account or an anonymous identity. */
type Voter = { pid: number } | { userId: number } | { anonymousToken: string };

/** One vote waiting for its batch. `componentId`: also check the conversation is this component's and published. */
interface PendingVote {
  conversationId: number;
  componentId: number | null;
  who: Voter;
  tid: number;
  value: VoteValue;
}

/** The same cell twice in one statement is an error in PostgreSQL (and the later vote must win): the key of a cell as the caller names it. */
const cellKey = (v: PendingVote): string =>
  `${v.conversationId}:${v.tid}:${"pid" in v.who ? `p${v.who.pid}` : "userId" in v.who ? `u${v.who.userId}` : `t${v.who.anonymousToken}`}`;


/** The vote batch's statement (see `upsertVotes`); its text must stay constant for the prepared plan. */
const UPSERT_VOTES = `
  with input as (
    select * from unnest($1::bigint[], $2::bigint[], $3::int[], $4::bigint[], $5::text[], $6::int[], $7::smallint[])
      with ordinality as v(conversation_id, component_id, pid, user_id, token, tid, value, i)
  ), vote_lock as materialized (
    select count(pg_advisory_xact_lock_shared(hashtextextended('conversations-votes:' || k.conversation_id::text, 0))) as n
    from (select distinct conversation_id from input order by conversation_id) k
  ), chosen as materialized (
    select v.i, c.id as conversation_id, p.pid, s.tid, v.value
    from vote_lock, input v
    join conversations c on c.id = v.conversation_id and (v.component_id is null or (c.component_id = v.component_id and c.published_at is not null))
    join conversation_statements s on s.conversation_id = c.id and s.tid = v.tid
    join lateral (
      select q.pid from conversation_participants q where q.conversation_id = c.id and q.pid = v.pid
      union all select q.pid from conversation_participants q where q.conversation_id = c.id and q.user_id = v.user_id
      union all select q.pid from conversation_participants q where q.conversation_id = c.id and q.anonymous_token = v.token and c.anonymous_allowed
      limit 1
    ) p on true
    where ${shownStatementText("s", "c")}
  ), upserted as (
    insert into conversation_votes (conversation_id, pid, tid, value)
    select conversation_id, pid, tid, value from chosen order by conversation_id, pid, tid
    on conflict (conversation_id, pid, tid) do update
      set value = excluded.value, updated_at = now(), seq = nextval(pg_get_serial_sequence('conversation_votes', 'seq'))
    returning conversation_id, pid, tid
  )
  select chosen.i from chosen join upserted using (conversation_id, pid, tid)`;

/**
 * Votes in one statement, one round trip and one commit (group commit: see db/batcher.ts), prepared
 * (planned once per connection, not per batch): the vote lock (math.ts's `voteLockKey`) of each conversation shared, in a materialized CTE (evaluated once, before any row is inserted
 * and so before any `seq` is drawn: the ordering math.ts relies on), then each vote's participant
 * (by pid, account or anonymous token, the latter only while the conversation allows it) and shown
 * statement, then the upsert of those found. Re-votes replace and draw a new `seq`. Returns, for each
 * vote, whether it was recorded. The cells must be distinct (see `voteBatch`).
 */
async function upsertVotes(db: Db, votes: PendingVote[]): Promise<boolean[]> {
  const col = <T>(f: (v: PendingVote) => T) => votes.map(f);
  const r = await rootPool(db).query<{ i: string }>({
    name: "conversations.votes.upsert",
    text: UPSERT_VOTES,
    values: [
      col((v) => v.conversationId),
      col((v) => v.componentId),
      col((v) => ("pid" in v.who ? v.who.pid : null)),
      col((v) => ("userId" in v.who ? v.who.userId : null)),
      col((v) => ("anonymousToken" in v.who ? v.who.anonymousToken : null)),
      col((v) => v.tid),
      col((v) => v.value),
    ],
  });
  const recorded = new Set(r.rows.map((row) => Number(row.i)));
  return votes.map((_, i) => recorded.has(i + 1));
}

/** Per vote of a batch: whether it was recorded, or why its statement failed. */
type Recorded = boolean | Failed;

/**
 * A batch of votes as they came, in rounds (`writeInRounds`): cells repeated within it go to a later
 * statement, so the later vote of a cell wins as it would one request after the other; a failed
 * statement (e.g. one person named two ways, by pid and by account, on the same cell) is retried vote by
 * vote, so only the vote at fault fails.
 */
const voteBatch = (db: Db, votes: PendingVote[]): Promise<Recorded[]> => writeInRounds(votes, cellKey, (round) => upsertVotes(db, round), false);

const voteBatchers = new WeakMap<Db, Batcher<PendingVote, Recorded>>();
/** The instance's vote batcher on `db`: a vote is answered only once its batch committed. */
function voteBatcher(db: Db): Batcher<PendingVote, Recorded> {
  let b = voteBatchers.get(db);
  if (!b) voteBatchers.set(db, (b = new Batcher((items) => voteBatch(db, items), { maxBatch: 500, maxInFlight: 2 })));
  return b;
}

/**
 * Records a participant's vote on a statement (re-votes replace). Returns false when the statement
 * is not shown to participants (rejected; unmoderated in a strict conversation) or the participant is
 * not in the conversation.
 */
export function castVote(db: Db, conversationId: number, pid: number, tid: number, value: VoteValue): Promise<boolean> {
  return voteBatcher(db).submit({ conversationId, componentId: null, who: { pid }, tid, value }).then(unwrapWritten);
}

/**
 * The vote route's one query (shared with the votes arriving meanwhile): the vote of a person (account
 * or anonymous identity) who already takes part in the published conversation `conversationId` of
 * component `componentId`; an anonymous one only while the conversation allows anonymous
 * participation. False when any of that does not hold (the caller then takes the long way: finds the
 * conversation, creates the participant, says why not).
 */
export function castVoteAs(db: Db, where: { componentId: number; conversationId: number }, who: { userId: number } | { anonymousToken: string }, tid: number, value: VoteValue): Promise<boolean> {
  return voteBatcher(db).submit({ conversationId: where.conversationId, componentId: where.componentId, who, tid, value }).then(unwrapWritten);
}

/** A new random identity for an anonymous participant (carried by a signed cookie). */
export const newAnonymousToken = (): string => randomBytes(24).toString("base64url");

/**
 * The participants table's statistics follow the people a conversation draws in (src/db/growth-statistics.ts,
 * ADR 48). The vote statement (named, so planned once per connection) finds each vote's participant, and
 * PostgreSQL's foreign-key check of each new vote looks its participant up again: planned on a nearly
 * empty table, both were sequential scans, and each vote then read every participant so far
 * (measured with autovacuum off: 337 buffers per vote statement and 134 per check at 20,000 participants,
 * against 17 and 4 once analyzed; participants-statistics.int.test.ts). `conversations` with it: each
 * new participant rewrites its conversation's row (`next_pid`), and the foreign-key check of each new
 * participant, planned on the 1-page table, kept its sequential scan (26 buffers at 20,000 participants, 3 once analyzed).
 */
const participantsTable = growthWatch({ table: "conversation_participants", alsoAnalyze: ["conversations"] });

/** After participants were written in bulk (an import, run by the CLI that then exits): the watch's look, awaited. */
export const refreshParticipantsStatistics = (db: Db): Promise<boolean> => participantsTable.refreshIfOutgrown(db);

/** Who a participant is: an account, an anonymous identity (a signed cookie), or the person an embedding site names by `xid`. */
export type ParticipantIdentity = { userId: number } | { anonymousToken: string } | { xid: string };

/**
 * The participant of an account, an anonymous identity or an embedding site's `xid` in a conversation,
 * created on first use with the conversation's next `pid`.
 */
export async function ensureParticipant(db: Db, conversationId: number, who: ParticipantIdentity): Promise<number> {
  const match = "userId" in who ? sql`user_id = ${who.userId}` : "anonymousToken" in who ? sql`anonymous_token = ${who.anonymousToken}` : sql`xid = ${who.xid}`;
  const found = await db.execute<{ pid: number }>(sql`select pid from conversation_participants where conversation_id = ${conversationId} and ${match}`);
  if (found.rows[0]) return found.rows[0].pid;
  let inserted = 0;
  const pid = await db.transaction(async (tx) => {
    // The counter's row lock orders concurrent first votes; a second request of the same person finds the first's row.
    const next = await tx.execute<{ pid: number }>(sql`update conversations set next_pid = next_pid + 1 where id = ${conversationId} returning next_pid - 1 as pid`);
    const pid = next.rows[0]?.pid;
    if (pid === undefined) throw new Error(`no conversation ${conversationId}`);
    const userId = "userId" in who ? who.userId : null;
    const token = "anonymousToken" in who ? who.anonymousToken : null;
    const xid = "xid" in who ? who.xid : null;
    const ins = await tx.execute<{ pid: number }>(sql`
      insert into conversation_participants (conversation_id, pid, user_id, anonymous_token, xid) values (${conversationId}, ${pid}, ${userId}, ${token}, ${xid})
      on conflict do nothing returning pid`);
    if (ins.rows[0]) {
      inserted = 1;
      return ins.rows[0].pid;
    }
    const again = await tx.execute<{ pid: number }>(sql`select pid from conversation_participants where conversation_id = ${conversationId} and ${match}`);
    if (!again.rows[0]) throw new Error("participant vanished");
    return again.rows[0].pid;
  });
  participantsTable.written(db, inserted);
  return pid;
}
