/**
 * The math of a conversation in the background: one tick takes the previous engine state (this
 * instance's own, kept in memory, or else the one stored in PostgreSQL), reads the votes changed since
 * that state, runs `computeTick` in the engine's worker thread and stores its math blob (Pol.is's
 * math-pca2) and, when no vote is waiting or at least every few seconds, the new state with the last
 * vote seq it includes (ADR 0039) — all in one transaction that holds a per-conversation advisory lock,
 * so with several instances one computes a conversation's tick at a time, and a crash leaves the
 * previous tick in place.
 *
 * Which votes are new: every vote change draws `seq` from a sequence; the tick stores the highest
 * `seq` it read. A vote transaction holds the conversation's vote lock shared (votes.ts) from before
 * it draws its `seq` until it commits, and the tick reads under the same lock exclusive: no vote with a
 * smaller `seq` can commit after the tick read past it. Votes wait only for that read, never for the
 * computation.
 */
import { deserialize, serialize } from "node:v8";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { CHANNEL } from "../../core/realtime/bus";
import { toPolisBlob } from "../../engines/opinion/presenter";
import { initialState, type TickInput } from "../../engines/opinion/tick";
import type { OpinionState, TickResult } from "../../engines/opinion/types";
import { mapSummary } from "./map-summary";
import { startOpinionWorker, type OpinionWorker } from "../../engines/opinion/worker-client";

/** Runs one engine tick (the worker thread's, or an in-process one in tests). */
export type ComputeTick = (prev: OpinionState, input: TickInput) => Promise<{ state: OpinionState; result: TickResult }>;

let shared: OpinionWorker | null = null;

/** The instance's opinion worker thread, started on first use (unref'd between ticks). */
export function sharedWorker(): OpinionWorker {
  shared ??= startOpinionWorker();
  return shared;
}

/** Stops the shared worker (the next tick starts a new one). */
export async function closeSharedWorker(): Promise<void> {
  const w = shared;
  shared = null;
  await w?.close();
}

const workerTick: ComputeTick = async (prev, input) => {
  try {
    return await sharedWorker().computeTick(prev, input);
  } catch (e) {
    // A dead worker rejects every tick: start a fresh one next time.
    await closeSharedWorker().catch(() => {});
    throw e;
  }
};

/** The advisory lock keys of a conversation: its tick, and its votes (shared by voters, exclusive for the tick's read). */
export const tickLockKey = (conversationId: number) => sql`hashtextextended(${`conversations-tick:${conversationId}`}, 0)`;
export const voteLockKey = (conversationId: number) => sql`hashtextextended(${`conversations-votes:${conversationId}`}, 0)`;
// votes.ts's prepared vote batch spells the vote lock key in SQL: hashtextextended('conversations-votes:' || id::text, 0).

type NewVotes = {
  pids: number[] | null;
  tids: number[] | null;
  vals: number[] | null;
  max_seq: string | null;
  n: string;
  /** Of those, the votes after the last tick (`n` counts from the state's seq, which may be older). */
  fresh: string;
};

/**
 * The votes changed after `lastSeq`, in arrival order, read in a transaction of their own (another
 * connection) holding the vote lock exclusive: it waits for vote transactions in flight and releases
 * at commit, so an error can never leave the lock held on a pooled connection.
 */
async function readNewVotes(db: Db, conversationId: number, lastSeq: number, tickSeq: number): Promise<NewVotes | undefined> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${voteLockKey(conversationId)})`);
    const r = await tx.execute<NewVotes>(sql`
      select array_agg(pid order by seq) as pids, array_agg(tid order by seq) as tids, array_agg(value order by seq) as vals,
             max(seq) as max_seq, count(*) as n, count(*) filter (where seq > ${tickSeq}) as fresh
      from conversation_votes where conversation_id = ${conversationId} and seq > ${lastSeq}`);
    return r.rows[0];
  });
}

/**
 * A tick now, for a caller that needs the map to hold every vote so far (the demo's seed): when the tick
 * job is computing the conversation at that moment ("locked", and it may have read the votes before the
 * last ones), waits for it to end and asks again. "Unchanged" then means that tick already held them all
 * (`force` computes anyway).
 */
export async function tickNow(db: Db, conversationId: number, options: { timeoutMs?: number; force?: boolean } = {}): Promise<TickOutcome> {
  const end = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const outcome = await runConversationTick(db, conversationId, { force: options.force ?? false });
    if (outcome.ran || outcome.reason !== "locked") return outcome;
    if (Date.now() > end) throw new Error(`conversation ${conversationId}: another tick held it for ${options.timeoutMs ?? 60_000} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export type TickOutcome =
  | { ran: true; mathTick: number; votesRead: number; lastVoteSeq: number; durationMs: number }
  | { ran: false; reason: "locked" | "unchanged" };

/**
 * One tick of a conversation, unless another instance is computing it ("locked") or nothing changed
 * since the last one ("unchanged"; `force` computes anyway).
 */
export async function runConversationTick(db: Db, conversationId: number, options: { compute?: ComputeTick; force?: boolean } = {}): Promise<TickOutcome> {
  const compute = options.compute ?? workerTick;
  // A failed tick forgets the kept state (a computation in this thread may have changed it in place).
  const outcome = await db.transaction(async (tx) => {
    const locked = await tx.execute<{ ok: boolean }>(sql`select pg_try_advisory_xact_lock(${tickLockKey(conversationId)}) as ok`);
    if (!locked.rows[0]?.ok) return { ran: false, reason: "locked" } as const;
    // The stored state is read only when this instance does not hold the latest tick's own state.
    const own = kept.get(conversationId);
    const prevRows = await tx.execute<{ math_tick: number; last_vote_seq: string; state_vote_seq: string; moderation_version: number; stamp: string; state: Buffer | null }>(sql`
      select math_tick, last_vote_seq, coalesce(state_vote_seq, last_vote_seq) as state_vote_seq, moderation_version, ${stampSql} as stamp,
        case when ${stampSql} = ${own?.stamp ?? ""} then null else state end as state
      from conversation_math where conversation_id = ${conversationId}`);
    const prev = prevRows.rows[0];
    const warm = prev !== undefined && prev.state === null;
    const tickSeq = prev ? Number(prev.last_vote_seq) : 0;
    // From this instance's own state, the votes after the last tick; from the stored one, those after it.
    const lastSeq = prev && !warm ? Number(prev.state_vote_seq) : tickSeq;
    const conv = await tx.execute<{ moderation_version: number }>(sql`select moderation_version from conversations where id = ${conversationId}`);
    const moderationVersion = conv.rows[0]?.moderation_version;
    if (moderationVersion === undefined) return { ran: false, reason: "unchanged" } as const;

    const votes = await readNewVotes(db, conversationId, lastSeq, tickSeq);
    const v = votes;
    const n = Number(v?.fresh ?? 0);
    if (!options.force && n === 0 && (!prev || prev.moderation_version === moderationVersion)) return { ran: false, reason: "unchanged" } as const;

    const moderation = await tx.execute<{ tid: number; state: string; is_meta: boolean }>(sql`
      select tid, state, is_meta from conversation_statements where conversation_id = ${conversationId} and (state = 'rejected' or is_meta)`);
    const pid = Int32Array.from(v?.pids ?? []);
    const tid = Int32Array.from(v?.tids ?? []);
    // Stored as exported (agree = 1); the engine's sign is the opposite (agree = -1).
    const vote = Int8Array.from(v?.vals ?? [], (x) => -x);
    const input: TickInput = {
      votes: { pid, tid, vote },
      moderation: moderation.rows.map((m) => ({ tid: m.tid, modOut: m.state === "rejected", meta: m.is_meta })),
    };
    const prevState = !prev ? initialState() : warm ? own!.state : (deserialize(prev.state!) as OpinionState);
    const started = performance.now();
    const { state, result } = await compute(prevState, input);
    const durationMs = performance.now() - started;
    const mathTick = (prev?.math_tick ?? 0) + 1;
    const lastVoteSeq = v?.max_seq ? Number(v.max_seq) : lastSeq;
    const blob = toPolisBlob(result);
    blob["math_tick"] = mathTick;
    const { summary, clusters } = mapSummary(blob);
    // The state (a megabyte at 10,000 x 500) is stored when no vote is waiting for the next tick, or when
    // this instance's stored one is older than STATE_EVERY_MS, or when it came from PostgreSQL (ADR 0039).
    // Stored without the vote moments (a cache the engine rebuilds when null): most of the state's size.
    const storedAt = warm && own ? own.storedAt : 0;
    const storeState = options.force || !warm || Date.now() - storedAt >= STATE_EVERY_MS || !(await votesAfter(tx, conversationId, lastVoteSeq));
    const math = sql`${mathTick}, ${lastVoteSeq}, ${moderationVersion}, ${JSON.stringify(blob)}::json, ${JSON.stringify(summary)}::jsonb,
        ${clusters ? `{${clusters.map((x) => x ?? "NULL").join(",")}}` : null}::int[], clock_timestamp(), ${durationMs}`;
    const saved = storeState
      ? await tx.execute<{ stamp: string }>(sql`
      insert into conversation_math (conversation_id, state, state_vote_seq, math_tick, last_vote_seq, moderation_version, pca2, summary, clusters, computed_at, duration_ms)
      values (${conversationId}, ${serialize({ ...state, gram: null })}, ${lastVoteSeq}, ${math})
      on conflict (conversation_id) do update set state = excluded.state, state_vote_seq = excluded.state_vote_seq, math_tick = excluded.math_tick,
        last_vote_seq = excluded.last_vote_seq, moderation_version = excluded.moderation_version, pca2 = excluded.pca2, summary = excluded.summary,
        clusters = excluded.clusters, computed_at = excluded.computed_at, duration_ms = excluded.duration_ms
      returning ${stampSql} as stamp`)
      : await tx.execute<{ stamp: string }>(sql`
      update conversation_math set (math_tick, last_vote_seq, moderation_version, pca2, summary, clusters, computed_at, duration_ms) = (${math})
      where conversation_id = ${conversationId}
      returning ${stampSql} as stamp`);
    // Live maps (SSE) hear of the tick once it is committed (with how many changed votes it read, and the
    // last vote's `seq` it includes: a vote is on the map once a tick's lastVoteSeq reaches its seq).
    await tx.execute(sql`select pg_notify(${CHANNEL}, ${JSON.stringify({ topic: `conversation:${conversationId}`, data: { mathTick, votes: n, lastVoteSeq } })})`);
    return { ran: true, mathTick, votesRead: n, lastVoteSeq, durationMs, stamp: saved.rows[0]?.stamp ?? "", state, storedAt: storeState ? Date.now() : storedAt } as const;
  }).catch((e: unknown) => {
    kept.delete(conversationId);
    throw e;
  });
  if (!outcome.ran) return outcome;
  // Committed: this state is the next tick's warm start here (unless another instance ticks in between).
  const { stamp, state, storedAt, ...ran } = outcome;
  keep(conversationId, { stamp, state, storedAt });
  return ran;
}

/** How old the stored state may get while votes keep coming (a warm start elsewhere then reads those votes again). */
const STATE_EVERY_MS = 5_000;

/** Whether a vote came after `seq` (the highest seq: one step of the (conversation_id, seq) index). */
async function votesAfter(tx: Pick<Db, "execute">, conversationId: number, seq: number): Promise<boolean> {
  const r = await tx.execute<{ after: boolean | null }>(sql`select max(seq) > ${seq} as after from conversation_votes where conversation_id = ${conversationId}`);
  return r.rows[0]?.after === true;
}

interface KeptState {
  stamp: string;
  state: OpinionState;
  /** When this instance last stored the state in PostgreSQL (ms since the epoch; 0: not yet). */
  storedAt: number;
}

/**
 * The latest state this instance computed, per conversation (the few most recently ticked): the next
 * tick's warm start without reading the state back from PostgreSQL. It is used only while the stored
 * tick is still this one (same stamp: tick number, last vote seq and time of computation); after
 * another instance's tick or a deleted math row, the stored state is read as before.
 */
const kept = new Map<number, KeptState>();
const KEPT_MAX = 8;
const stampSql = sql.raw(`math_tick || ':' || last_vote_seq || ':' || extract(epoch from computed_at)::text`);

function keep(conversationId: number, entry: KeptState): void {
  kept.delete(conversationId);
  kept.set(conversationId, entry);
  for (const id of kept.keys()) {
    if (kept.size <= KEPT_MAX) break;
    kept.delete(id);
  }
}

/**
 * Conversations whose votes or moderation changed since their last tick (one query; for each
 * conversation its highest vote `seq`, one backward step of the (conversation_id, seq) index). A
 * vote's seq is at least 1, so a conversation never ticked is due once it has a vote. Not `exists (…
 * seq > last_vote_seq)`: the planner expects that to match early and scans the votes, every vote of
 * every conversation twice a second when none is new (75 ms a run with 200,000 votes, against 0.3).
 */
export async function conversationsDue(db: Db): Promise<number[]> {
  const rows = await db.execute<{ id: string }>(sql`
    select c.id from conversations c
    left join conversation_math m on m.conversation_id = c.id
    where m.moderation_version <> c.moderation_version
       or (select max(v.seq) from conversation_votes v where v.conversation_id = c.id) > coalesce(m.last_vote_seq, 0)
    order by c.id`);
  return rows.rows.map((r) => Number(r.id));
}

/**
 * The tick job (half a second after the previous run ended, one run at a time across instances): a
 * tick for each conversation with new votes or moderation, so while votes arrive a tick starts half a
 * second after the previous one ended, and within about half a second of the last vote.
 */
export async function runDueTicks(db: Db, log: (m: string) => void, compute?: ComputeTick): Promise<number> {
  let ran = 0;
  for (const id of await conversationsDue(db)) {
    try {
      const r = await runConversationTick(db, id, compute ? { compute } : {});
      if (r.ran) ran++;
    } catch (e) {
      // One conversation's failure must not stop the others' ticks.
      log(`conversations: tick of conversation ${id} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return ran;
}
