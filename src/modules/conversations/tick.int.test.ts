/**
 * The math in the background: votes arriving make the tick job (half a second after its last run) compute a tick in the
 * engine's worker thread within the debounce, the state is kept in PostgreSQL (once no vote waits) and
 * the next tick reads only the votes changed since (or since an older stored state, on another instance); a moderation change alone recomputes; one instance at a time computes
 * a conversation's tick (advisory lock); votes sent at once share statements and wait for a tick's read.
 */
import { deserialize } from "node:v8";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { getComponentManifest } from "../../core/components/registry";
import { addComponent } from "../../core/components/service";
import { createSpace, setSpacePublished } from "../../core/spaces/service";
import type { OpinionState } from "../../engines/opinion/types";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { until } from "../../test/until";
import { closeSharedWorker, runConversationTick, tickNow } from "./math";
import { addStatement, createConversation, moderateStatement } from "./service";
import { castVote, castVoteAs, ensureParticipant, newAnonymousToken, type VoteValue } from "./votes";

let p: TestPlatform;
let componentId = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  const a = await signedInClient(p, { isAdmin: true });
  const actor = { id: a.userId, ip: null };
  const created = await createSpace(
    p.deps.db,
    actor,
    "process",
    { slug: `ticks-${Date.now()}`, title: { en: "Ticks" }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate: false, isTransparent: false, promoted: false, weight: 0 },
    null,
  );
  if (!created.ok) throw new Error("space");
  await setSpacePublished(p.deps.db, actor, created.value.id, true);
  const manifest = getComponentManifest("conversations");
  if (!manifest) throw new Error("conversations not registered");
  componentId = (await addComponent(p.deps.db, actor, created.value.id, manifest, { en: "Talk" }, { published: true })).id;
}, 60_000);
afterAll(async () => {
  await p.stop();
  await closeSharedWorker();
});

interface TickEvent {
  mathTick: number;
  votes: number;
  at: number;
}

/** Collects the conversation's tick events (the live bus, as SSE will). */
function listen(conversationId: number): { events: TickEvent[]; next: (after: number, timeoutMs?: number) => Promise<TickEvent>; stop: () => void } {
  const events: TickEvent[] = [];
  const stop = p.deps.bus.subscribe(`conversation:${conversationId}`, (data) => {
    events.push({ ...(data as { mathTick: number; votes: number }), at: Date.now() });
  });
  const next = async (after: number, timeoutMs = 10_000): Promise<TickEvent> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const e = events.find((x) => x.mathTick > after);
      if (e) return e;
      if (Date.now() > until) throw new Error(`no tick after ${after} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { events, next, stop };
}

/** A conversation with statements and anonymous participants (pids 0..n-1). */
async function conversation(statements: number, participants: number): Promise<{ id: number; pids: number[]; tids: number[] }> {
  const id = await createConversation(p.deps.db, componentId, { topic: { en: "Bikes in the schoolyard" }, published: true });
  const tids: number[] = [];
  for (let i = 0; i < statements; i++) tids.push(await addStatement(p.deps.db, id, { text: `Statement ${i}`, isSeed: true, state: "accepted" }));
  const pids: number[] = [];
  for (let i = 0; i < participants; i++) pids.push(await ensureParticipant(p.deps.db, id, { anonymousToken: newAnonymousToken() }));
  return { id, pids, tids };
}

/** Two camps: even participants agree with even statements and disagree with odd ones, odd participants the reverse. */
const camp = (pid: number, tid: number): VoteValue => ((pid + tid) % 2 === 0 ? 1 : -1);

async function stateOf(id: number): Promise<{ mathTick: number; lastVoteSeq: number; state: OpinionState }> {
  const r = await p.deps.db.execute<{ math_tick: number; last_vote_seq: string; state: Buffer }>(sql`
    select math_tick, last_vote_seq, state from conversation_math where conversation_id = ${id}`);
  const row = r.rows[0]!;
  return { mathTick: row.math_tick, lastVoteSeq: Number(row.last_vote_seq), state: deserialize(row.state) as OpinionState };
}

/** The engine's stored vote (internal sign: agree = -1) of a cell, or undefined. */
function cell(state: OpinionState, pid: number, tid: number): number | undefined {
  const m = state.matrix;
  const row = m.pids.indexOf(pid);
  const col = m.tids.indexOf(tid);
  if (row < 0 || col < 0) return undefined;
  for (let k = m.rowPtr[row]!; k < m.rowPtr[row + 1]!; k++) if (m.cols[k] === col) return m.vals[k];
  return undefined;
}

describe("the tick job", () => {
  it("ticks within the debounce after votes, keeps the state, and then reads only the new votes", async () => {
    const c = await conversation(8, 24);
    const live = listen(c.id);
    try {
      let cast = 0;
      for (const pid of c.pids) for (const tid of c.tids.slice(0, 6)) if (await castVote(p.deps.db, c.id, pid, tid, camp(pid, tid))) cast++;
      expect(cast).toBe(24 * 6);
      // Ticks follow the votes (the debounce's lag is the benchmark's to measure); votes cast while a
      // tick ran are read by the next one.
      const until = Date.now() + 10_000;
      let total = 0;
      while (total < cast && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 20));
        total = live.events.reduce((n, e) => n + e.votes, 0);
      }
      expect(total).toBe(cast);
      // Together, every vote, each once: nothing more comes.
      await new Promise((r) => setTimeout(r, 1_500));
      expect(live.events.reduce((n, e) => n + e.votes, 0)).toBe(cast);
      const before = await stateOf(c.id);
      expect(before.mathTick).toBe(live.events.at(-1)!.mathTick);
      expect(before.state.matrix.pids).toHaveLength(24);
      expect(cell(before.state, 0, c.tids[0]!)).toBe(-1); // agree, in the engine's sign
      const seen = before.mathTick;

      // Restarting the worker loses nothing: the state is in PostgreSQL.
      await closeSharedWorker();
      expect(await castVote(p.deps.db, c.id, 0, c.tids[6]!, 1)).toBe(true);
      expect(await castVote(p.deps.db, c.id, 1, c.tids[6]!, 0)).toBe(true);
      expect(await castVote(p.deps.db, c.id, 0, c.tids[0]!, -1)).toBe(true); // a re-vote replaces
      // The job may tick between these votes: the ticks after `seen` read the three changed cells, each once.
      const maxSeq = async () => Number((await p.deps.db.execute<{ s: string }>(sql`select max(seq) as s from conversation_votes where conversation_id = ${c.id}`)).rows[0]?.s);
      await live.next(seen);
      const deadline = Date.now() + 10_000;
      while ((await stateOf(c.id)).lastVoteSeq < (await maxSeq()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const after = await stateOf(c.id);
      const later = live.events.filter((e) => e.mathTick > seen);
      expect(later.reduce((n, e) => n + e.votes, 0)).toBe(3);
      expect(after.mathTick).toBe(seen + later.length);
      expect(after.lastVoteSeq).toBeGreaterThan(before.lastVoteSeq);
      expect(cell(after.state, 0, c.tids[0]!)).toBe(1);
      expect(cell(after.state, 1, c.tids[6]!)).toBe(0);
      expect(cell(after.state, 5, c.tids[3]!)).toBe(cell(before.state, 5, c.tids[3]!));
      const votes = await p.deps.db.execute<{ n: string }>(sql`select count(*) as n from conversation_votes where conversation_id = ${c.id}`);
      expect(Number(votes.rows[0]?.n)).toBe(cast + 2);

      // Nothing new: no tick.
      await new Promise((r) => setTimeout(r, 2_000));
      expect((await stateOf(c.id)).mathTick).toBe(after.mathTick);

      // A moderation change alone recomputes (the rejected statement leaves the math).
      await moderateStatement(p.deps.db, c.id, c.tids[2]!, { state: "rejected" });
      const third = await live.next(after.mathTick);
      expect(third.votes).toBe(0);
      expect((await stateOf(c.id)).state.modOut).toContain(c.tids[2]);
    } finally {
      live.stop();
    }
  }, 60_000);

  it("stores the state once no vote waits; another instance starts from an older stored state and reads every vote after it", async () => {
    const c = await conversation(4, 6);
    const live = listen(c.id);
    const row = async () =>
      (
        await p.deps.db.execute<{ last_vote_seq: string; state_vote_seq: string | null; state: Buffer }>(sql`
          select last_vote_seq, state_vote_seq, state from conversation_math where conversation_id = ${c.id}`)
      ).rows[0];
    const votesSoFar = () => live.events.reduce((n, e) => n + e.votes, 0);
    try {
      for (const pid of c.pids) for (const tid of c.tids.slice(0, 2)) expect(await castVote(p.deps.db, c.id, pid, tid, camp(pid, tid))).toBe(true);
      await until(async () => votesSoFar() === 12, 10_000);
      // Nothing waits after the last tick: its state is stored, with the seq it includes.
      const first = await row();
      expect(first?.state_vote_seq).toBe(first?.last_vote_seq);
      const older = first!.state;
      const olderSeq = Number(first!.state_vote_seq);

      // More votes, then the stored state as a tick under load leaves it (older than the tick), and the
      // tick's stamp changed as another instance's tick would: this instance's kept state is not used.
      for (const pid of c.pids) expect(await castVote(p.deps.db, c.id, pid, c.tids[2]!, camp(pid, c.tids[2]!))).toBe(true);
      await until(async () => votesSoFar() === 18, 10_000);
      await p.deps.db.execute(sql`update conversation_math set state = ${older}, state_vote_seq = ${olderSeq}, computed_at = computed_at + interval '1 second' where conversation_id = ${c.id}`);
      const ticked = live.events.at(-1)!.mathTick;
      expect(await castVote(p.deps.db, c.id, c.pids[0]!, c.tids[3]!, 1)).toBe(true);
      // The next tick reports the one new vote, and its state holds every vote (read again after the older state).
      expect((await live.next(ticked)).votes).toBe(1);
      await until(async () => Number((await row())?.state_vote_seq) > olderSeq, 10_000);
      const state = deserialize((await row())!.state) as OpinionState;
      expect(cell(state, c.pids[3]!, c.tids[1]!)).toBe(-camp(c.pids[3]!, c.tids[1]!));
      expect(cell(state, c.pids[4]!, c.tids[2]!)).toBe(-camp(c.pids[4]!, c.tids[2]!));
      expect(cell(state, c.pids[0]!, c.tids[3]!)).toBe(-1);
      expect(state.matrix.pids).toHaveLength(6);
    } finally {
      live.stop();
    }
  }, 30_000);

  it("records votes sent at once in shared statements, the later vote of a cell winning, only after the tick's read lets them", async () => {
    const c = await conversation(4, 6);
    await moderateStatement(p.deps.db, c.id, c.tids[3]!, { state: "rejected" });
    const votesOf = async () =>
      new Map((await p.deps.db.execute<{ pid: number; tid: number; value: number }>(sql`select pid, tid, value from conversation_votes where conversation_id = ${c.id}`)).rows.map((r) => [`${r.pid}:${r.tid}`, r.value]));
    // A tick reading new votes holds the vote lock exclusive: the votes wait for it, none is recorded meanwhile.
    const held = await p.deps.pool.connect();
    let sent: Promise<boolean[]>;
    try {
      await held.query("begin");
      await held.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`conversations-votes:${c.id}`]);
      sent = Promise.all([
        ...c.pids.flatMap((pid) => c.tids.slice(0, 3).map((tid) => castVote(p.deps.db, c.id, pid, tid, camp(pid, tid)))),
        // The same cell three times in one batch (the first two votes went ahead in batches of their
        // own; these queue behind them): each is recorded in turn, the last one stays.
        castVote(p.deps.db, c.id, c.pids[5]!, c.tids[2]!, 0),
        castVote(p.deps.db, c.id, c.pids[5]!, c.tids[2]!, -camp(c.pids[5]!, c.tids[2]!) as VoteValue),
        // Refused in the same batch: a rejected statement, a participant not in the conversation.
        castVote(p.deps.db, c.id, c.pids[1]!, c.tids[3]!, 1),
        castVote(p.deps.db, c.id, 999, c.tids[1]!, 1),
      ]);
      await until(async () => {
        const r = await p.deps.pool.query<{ n: string }>("select count(*) as n from pg_locks where locktype = 'advisory' and not granted");
        return Number(r.rows[0]?.n) > 0;
      }, 10_000);
      expect((await votesOf()).size).toBe(0);
    } finally {
      await held.query("commit");
      held.release();
    }
    const results = await sent;
    expect(results.slice(0, 18).every(Boolean)).toBe(true);
    expect(results.slice(18)).toEqual([true, true, false, false]);
    const votes = await votesOf();
    expect(votes.size).toBe(18);
    expect(votes.get(`${c.pids[5]}:${c.tids[2]}`)).toBe(-camp(c.pids[5]!, c.tids[2]!));
    expect(votes.get(`${c.pids[1]}:${c.tids[1]}`)).toBe(camp(c.pids[1]!, c.tids[1]!));
  }, 30_000);

  it("tries a failed batch's votes one by one: one person named two ways on one cell does not fail the batch", async () => {
    const c = await conversation(3, 2);
    const { userId } = await signedInClient(p);
    const pid = await ensureParticipant(p.deps.db, c.id, { userId });
    const value = async (tid: number) =>
      (await p.deps.db.execute<{ value: number }>(sql`select value from conversation_votes where conversation_id = ${c.id} and pid = ${pid} and tid = ${tid}`)).rows.map((r) => r.value);
    // The vote lock held: two votes take the two batches in flight and wait; the next four queue and go
    // as ONE batch once the lock is let go. In it the same cell twice under two names (by pid and by
    // account): one statement cannot upsert a row twice, so that statement fails.
    const held = await p.deps.pool.connect();
    let sent: Promise<boolean[]>;
    try {
      await held.query("begin");
      await held.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`conversations-votes:${c.id}`]);
      const ahead = [castVote(p.deps.db, c.id, c.pids[0]!, c.tids[0]!, 1), castVote(p.deps.db, c.id, c.pids[1]!, c.tids[0]!, 1)];
      await until(async () => {
        const r = await p.deps.pool.query<{ n: string }>("select count(*) as n from pg_locks where locktype = 'advisory' and not granted");
        return Number(r.rows[0]?.n) >= 2;
      }, 10_000);
      sent = Promise.all([
        ...ahead,
        castVote(p.deps.db, c.id, pid, c.tids[1]!, 1),
        castVoteAs(p.deps.db, { componentId, conversationId: c.id }, { userId }, c.tids[1]!, -1),
        castVote(p.deps.db, c.id, c.pids[0]!, c.tids[2]!, -1),
        castVote(p.deps.db, c.id, 999, c.tids[2]!, 1),
      ]);
    } finally {
      await held.query("commit");
      held.release();
    }
    // Every vote answered as if sent alone, in order: the later of the doubled cell stays.
    expect(await sent).toEqual([true, true, true, true, true, false]);
    expect(await value(c.tids[1]!)).toEqual([-1]);
  }, 30_000);

  it("lets one instance at a time compute a conversation's tick", async () => {
    const c = await conversation(3, 3);
    const live = listen(c.id);
    // Another instance holds the conversation's tick lock.
    const held = await p.deps.pool.connect();
    try {
      await held.query("begin");
      await held.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`conversations-tick:${c.id}`]);
      await castVote(p.deps.db, c.id, c.pids[0]!, c.tids[0]!, 1);
      expect(await runConversationTick(p.deps.db, c.id, { force: true })).toEqual({ ran: false, reason: "locked" });
      await held.query("commit");
    } finally {
      held.release();
    }
    // Released: the job computes it.
    try {
      expect((await live.next(0)).votes).toBe(1);
    } finally {
      live.stop();
    }
  }, 30_000);

  it("gives a tick asked for now (the demo's seed) after the one in progress, holding every vote", async () => {
    const c = await conversation(3, 4);
    const held = await p.deps.pool.connect();
    let asked: ReturnType<typeof tickNow>;
    try {
      // The tick job holds the conversation (it may have read the votes before these).
      await held.query("begin");
      await held.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`conversations-tick:${c.id}`]);
      for (const pid of c.pids) for (const tid of c.tids) await castVote(p.deps.db, c.id, pid, tid, camp(pid, tid));
      asked = tickNow(p.deps.db, c.id);
      // Held a moment, so that the first try meets the lock (the outcome does not depend on it).
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      await held.query("commit");
      held.release();
    }
    const outcome = await asked;
    // Either this tick read them, or the job's (which ran once the lock was free) did and left nothing new.
    if (outcome.ran) expect(outcome.votesRead).toBe(12);
    else expect(outcome.reason).toBe("unchanged");
    const seqs = await p.deps.db.execute<{ votes: string; map: string }>(sql`
      select (select max(seq) from conversation_votes where conversation_id = ${c.id}) as votes,
             (select last_vote_seq from conversation_math where conversation_id = ${c.id}) as map`);
    expect(seqs.rows[0]?.map).toBe(seqs.rows[0]?.votes);
  }, 30_000);
});
