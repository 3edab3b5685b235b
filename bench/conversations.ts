/**
 * The conversations benchmark (issue 16): `npm run bench:conversations`.
 *
 * Starts its own embedded PostgreSQL and a Pnyx server in a separate process (`./bin/pnyx start`,
 * production mode), then:
 *   1. seeds a published conversation in a public space: 500 statements, 10,000 participants (accounts
 *      with signed-in sessions, made in SQL) who have already cast 20 votes each (200,000 votes), and
 *      waits for the server's tick job to compute its first map;
 *   2. 50 clients post votes over HTTP for 30 s (`POST <conversation>/vote`, the form a participant
 *      posts without JavaScript: a random participant, statement and value each time):
 *      `votesPerSecond`, `p99Ms`; `lost` = distinct (participant, statement) pairs acknowledged (303,
 *      no error) whose vote is not in the database afterwards. CPU per vote (server + PostgreSQL) and
 *      commits per vote (transactions, from pg_stat_database) on standard error. Meanwhile an SSE client listens to the conversation's live stream: each tick
 *      event names the last vote `seq` it includes; `mapLagP99Ms` = p99 over the acknowledged votes
 *      of (first tick event including the vote's seq) − (the vote's acknowledgement);
 *   3. the engine's largest bench conversation (synthetic, the size of the largest real Pol.is one:
 *      33,422 participants x 783 statements, 2.0M votes) written as an openData folder and imported
 *      with `pnyx conversations import` (server stopped); `bigColdMs` = its first tick from the
 *      database with no previous state (the tick job's own function, timed in this process); then the
 *      server again: `bigLagMs` = median over 5 votes of vote → SSE tick event including it.
 *
 * Standard output: one line {"participants","statements","votesPerSecond","p99Ms","lost","mapLagP99Ms",
 * "bigColdMs","bigLagMs"}, printed even when a phase failed (its figures then null). Exit code 1 when
 * a phase failed or a vote was lost. Standard error: progress, p50/p95, CPU per vote, the load average.
 *
 * Options: --participants N (10000), --statements N (500), --clients N (50), --seconds N (30),
 * --no-big (skip phase 3), --big-votes N (2000000; a smaller big conversation), --keep (keep the database folder).
 * Targets (issue 16): votesPerSecond >= 1000, p99Ms < 100, lost 0, mapLagP99Ms < 2000.
 */
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { flashKind, openFormSession, request } from "./lib/http";
import { percentile } from "./lib/load";
import { figure, runBench } from "./lib/report";
import { log, loadavg, option, textOption, postgresCpuMs, processCpuMs, root, round1, sleep, startServer, stopServer, type Server } from "./lib/server";
import { openRig } from "./lib/rig";
import { profilerPreload } from "./lib/profiler";

const participantCount = option("--participants", 10_000);
const statementCount = option("--statements", 500);
const clients = option("--clients", 50);
const seconds = option("--seconds", 30);
const big = !process.argv.includes("--no-big");
/** `--big-votes N`: a smaller big conversation (participants scaled alike) to try the phase quickly. */
const bigVotes = option("--big-votes", 2_000_000);
const keep = process.argv.includes("--keep");
/** `--cpu-prof DIR`: a CPU profile of the server's main thread during the vote phase, written to DIR. */
const profileDir = textOption("--cpu-prof");
const PRIOR_VOTES = 20;

interface Result {
  participants: number | null;
  statements: number | null;
  votesPerSecond: number | null;
  p99Ms: number | null;
  lost: number | null;
  mapLagP99Ms: number | null;
  bigColdMs: number | null;
  bigLagMs: number | null;
}

interface Place {
  slug: string;
  componentId: number;
  conversationId: number;
}

/** CPU time (ms) of a process's main thread (the HTTP requests; the tick's engine runs in a worker thread). */
function mainThreadCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return 0;
  }
}

const sha256 = (t: string) => createHash("sha256").update(t).digest("hex");

/** mulberry32: a small seeded generator (the bench is the same run after run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function createPlace(db: pg.Pool, slug: string): Promise<{ spaceId: number; componentId: number }> {
  const space = await db.query<{ id: string }>(`insert into spaces (type, slug, title, published_at) values ('process', $1, '{"en":"Bench conversation"}'::jsonb, now()) returning id`, [slug]);
  const spaceId = Number(space.rows[0]?.id);
  const settings = { global: {}, defaultStep: { votingEnabled: true, writingEnabled: false, announcement: {} }, steps: {} };
  const component = await db.query<{ id: string }>(
    `insert into components (space_id, manifest, name, settings, published_at) values ($1, 'conversations', '{"en":"Conversations"}'::jsonb, $2::jsonb, now()) returning id`,
    [spaceId, JSON.stringify(settings)],
  );
  return { spaceId, componentId: Number(component.rows[0]?.id) };
}

/** Accounts with a signed-in session each (tokens in the order of the ids). */
async function voters(db: pg.Pool, n: number, tag: string): Promise<{ ids: number[]; tokens: string[] }> {
  const users = await db.query<{ id: string }>(
    `insert into users (email, name, password_hash, locale, email_confirmed_at, terms_accepted_at, follow_by_default, created_at, updated_at)
     select 'bench-' || $2 || '-' || g || '@bench.example', 'Participant ' || g, '!bench-no-password', 'en', now(), now(), false, now(), now()
     from generate_series(1, $1::int) g returning id`,
    [n, tag],
  );
  const ids = users.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  const tokens = ids.map(() => randomBytes(32).toString("base64url"));
  await db.query(
    `insert into sessions (id, user_id, csrf_secret, expires_at) select t.hash, t.user_id, md5(t.hash), now() + interval '1 day' from unnest($1::text[], $2::bigint[]) as t(hash, user_id)`,
    [tokens.map(sha256), ids],
  );
  return { ids, tokens };
}

async function seed(db: pg.Pool): Promise<{ place: Place; tokens: string[] }> {
  const t0 = performance.now();
  const slug = `bench-conversation-${Date.now()}`;
  const { componentId } = await createPlace(db, slug);
  const conv = await db.query<{ id: string }>(
    `insert into conversations (component_id, topic, anonymous_allowed, next_pid, next_tid, published_at)
     values ($1, '{"en":"What should the student budget fund?"}'::jsonb, false, $2, $3, now()) returning id`,
    [componentId, participantCount, statementCount],
  );
  const conversationId = Number(conv.rows[0]?.id);
  await db.query(
    `insert into conversation_statements (conversation_id, tid, text, state, is_seed)
     select $1, g, 'Statement ' || g || ': the budget should fund project ' || g, 'accepted', true from generate_series(0, $2::int - 1) g`,
    [conversationId, statementCount],
  );
  const { ids, tokens } = await voters(db, participantCount, "participant");
  await db.query(`insert into conversation_participants (conversation_id, pid, user_id) select $1, t.pid - 1, t.user_id from unnest($2::bigint[]) with ordinality as t(user_id, pid)`, [conversationId, ids]);
  // Prior votes: two opinion groups on the first half of the statements, noise elsewhere.
  const rand = rng(7);
  const pids: number[] = [];
  const tids: number[] = [];
  const vals: number[] = [];
  for (let p = 0; p < participantCount; p++) {
    const side = p % 2 === 0 ? 1 : -1;
    const seen = new Set<number>();
    while (seen.size < Math.min(PRIOR_VOTES, statementCount)) seen.add(Math.floor(rand() * statementCount));
    for (const t of seen) {
      pids.push(p);
      tids.push(t);
      vals.push(t < statementCount / 2 ? (rand() < 0.8 ? side : -side) : Math.floor(rand() * 3) - 1);
    }
  }
  for (let i = 0; i < pids.length; i += 50_000) {
    await db.query(`insert into conversation_votes (conversation_id, pid, tid, value) select $1, * from unnest($2::int[], $3::int[], $4::smallint[])`, [
      conversationId,
      pids.slice(i, i + 50_000),
      tids.slice(i, i + 50_000),
      vals.slice(i, i + 50_000),
    ]);
  }
  await db.query("vacuum analyze");
  log(JSON.stringify({ seeded: { participants: participantCount, statements: statementCount, priorVotes: pids.length, conversationId }, ms: Math.round(performance.now() - t0) }));
  return { place: { slug, componentId, conversationId }, tokens };
}

/** The conversation's page path. */
const conversationPath = (place: Place) => `/spaces/${place.slug}/c/${place.componentId}/conversations/${place.conversationId}`;

/** Tick events heard on the conversation's live stream: when, and the last vote seq each includes. */
interface TickWatch {
  events: Array<{ at: number; lastVoteSeq: number }>;
  close: () => void;
}

/** Listens to the conversation's Server-Sent Events (the stream the map page's script opens). */
function watchTicks(port: number, place: Place, cookie: string): Promise<TickWatch> {
  const events: TickWatch["events"] = [];
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: `${conversationPath(place)}/events`, headers: { accept: "text/event-stream", cookie } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`the live stream answered ${res.statusCode}`));
        res.resume();
        return;
      }
      let buffer = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split("\n")
            .filter((l) => l.startsWith("data:"))
            .map((l) => l.slice(5).trim())
            .join("\n");
          if (!data) continue;
          try {
            const parsed = JSON.parse(data) as { lastVoteSeq?: unknown };
            if (typeof parsed.lastVoteSeq === "number") events.push({ at: performance.now(), lastVoteSeq: parsed.lastVoteSeq });
          } catch {
            // Not a tick event.
          }
        }
      });
      resolve({ events, close: () => req.destroy() });
    });
    req.on("error", (e) => {
      if (!events.length) reject(e);
    });
  });
}

/** Lag of each vote: first tick event whose lastVoteSeq reaches its seq, after its acknowledgement. */
function lags(acks: Array<{ at: number; seq: number }>, events: TickWatch["events"]): number[] {
  const out: number[] = [];
  for (const a of acks) {
    const e = events.find((x) => x.lastVoteSeq >= a.seq && x.at >= a.at - 1);
    out.push(e ? Math.max(0, e.at - a.at) : Infinity);
  }
  return out.sort((x, y) => x - y);
}

/**
 * Transactions committed in the database so far (each statement outside a transaction is one): their
 * count per vote tells how many round trips with a commit a vote costs (backends report within a second).
 */
async function commits(db: pg.Pool): Promise<number> {
  await sleep(1_100);
  const r = await db.query<{ n: string }>(`select xact_commit as n from pg_stat_database where datname = current_database()`);
  return Number(r.rows[0]?.n ?? 0);
}

async function waitForTick(db: pg.Pool, conversationId: number, timeoutMs: number): Promise<boolean> {
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    const r = await db.query(`select 1 from conversation_math where conversation_id = $1`, [conversationId]);
    if (r.rows.length) return true;
    await sleep(100);
  }
  return false;
}

async function votePhase(server: Server, db: pg.Pool, place: Place, tokens: string[], database: { postmasterPid: number; pgStats: { reset: () => Promise<void> } | null }, result: Result): Promise<boolean> {
  const port = Number(new URL(server.base).port);
  const form = await openFormSession(port, conversationPath(place), `pnyx_session=${tokens[0]}`);
  const csrfCookie = form.cookie.replace(/(^|;\s*)pnyx_session=[^;]*;?\s*/, "$1");
  const watch = await watchTicks(port, place, `pnyx_session=${tokens[0]}`);
  const path = `${conversationPath(place)}/vote`;
  const latencies: number[] = [];
  const acked: Array<{ pid: number; tid: number; at: number }> = [];
  const failures: string[] = [];
  let failed = 0;
  const rand = rng(11);
  // The idle cost first (job queue polling, the tick job finding nothing due), to tell the votes' own cost.
  const idle0 = processCpuMs(server.pid) + postgresCpuMs(database.postmasterPid);
  const idleStarted = performance.now();
  await sleep(5_000);
  const idleCpuPerSecond = (processCpuMs(server.pid) + postgresCpuMs(database.postmasterPid) - idle0) / ((performance.now() - idleStarted) / 1000);
  // With PNYX_BENCH_PG_STATS=1 the rig prints PostgreSQL's statements since here when it stops.
  await database.pgStats?.reset();
  const commits0 = await commits(db);
  const server0 = processCpuMs(server.pid);
  const main0 = mainThreadCpuMs(server.pid);
  const postgres0 = postgresCpuMs(database.postmasterPid);
  if (profileDir) process.kill(server.pid, "SIGUSR2");
  const started = performance.now();
  const until = started + seconds * 1000;
  const lane = async () => {
    while (performance.now() < until) {
      const pid = Math.floor(rand() * tokens.length);
      const tid = Math.floor(rand() * statementCount);
      const vote = ["agree", "disagree", "pass"][Math.floor(rand() * 3)]!;
      const body = new URLSearchParams({ _csrf: form.csrf, tid: String(tid), vote }).toString();
      const t0 = performance.now();
      try {
        const res = await request(port, "POST", path, { cookie: `${csrfCookie}; pnyx_session=${tokens[pid]}`, "content-type": "application/x-www-form-urlencoded" }, body);
        const t1 = performance.now();
        if (res.status === 303 && flashKind(res) !== "error") {
          latencies.push(t1 - t0);
          acked.push({ pid, tid, at: t1 });
        } else {
          failed++;
          if (failures.length < 5) failures.push(`${res.status} ${flashKind(res) ?? ""} ${res.headers.location ?? ""} ${res.body.slice(0, 200).replace(/\s+/g, " ")}`);
        }
      } catch (error) {
        failed++;
        if (failures.length < 5) failures.push(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, lane));
  const elapsed = (performance.now() - started) / 1000;
  const serverCpuMs = processCpuMs(server.pid) - server0;
  const mainCpuMs = mainThreadCpuMs(server.pid) - main0;
  const postgresCpu = postgresCpuMs(database.postmasterPid) - postgres0;
  const cpuMs = serverCpuMs + postgresCpu;
  const commitCount = (await commits(db)) - commits0;
  if (profileDir) process.kill(server.pid, "SIGUSR2");
  latencies.sort((a, b) => a - b);
  result.votesPerSecond = figure(latencies.length / elapsed);
  result.p99Ms = latencies.length ? figure(percentile(latencies, 99)) : null;
  log(JSON.stringify({ phase: "votes", acknowledged: latencies.length, failed, seconds: round1(elapsed), p50Ms: figure(percentile(latencies, 50)), p95Ms: figure(percentile(latencies, 95)), cpuMsPerVote: figure(cpuMs / Math.max(1, latencies.length)), cpuMsPerVoteBeyondIdle: figure((cpuMs - idleCpuPerSecond * elapsed) / Math.max(1, latencies.length)), idleCpuMsPerSecond: figure(idleCpuPerSecond), serverCpuMsPerVote: figure(serverCpuMs / Math.max(1, latencies.length)), serverMainThreadCpuMsPerVote: figure(mainCpuMs / Math.max(1, latencies.length)), postgresCpuMsPerVote: figure(postgresCpu / Math.max(1, latencies.length)), commitsPerVote: figure(commitCount / Math.max(1, latencies.length)), failures, loadavg: loadavg() }));

  // None lost: every acknowledged (participant, statement) pair has its vote; and its seq for the lag.
  const rows = await db.query<{ pid: number; tid: number; seq: string }>(`select pid, tid, seq from conversation_votes where conversation_id = $1`, [place.conversationId]);
  const seqOf = new Map(rows.rows.map((r) => [r.pid * 100_000 + r.tid, Number(r.seq)]));
  // The last acknowledgement of each cell is the one its current seq belongs to.
  const lastAck = new Map<number, number>();
  for (const a of acked) lastAck.set(a.pid * 100_000 + a.tid, a.at);
  let lost = 0;
  const withSeq: Array<{ at: number; seq: number }> = [];
  for (const [cell, at] of lastAck) {
    const seq = seqOf.get(cell);
    if (seq === undefined) lost++;
    else withSeq.push({ at, seq });
  }
  result.lost = lost;
  // Let the last ticks arrive (at most 10 s), then measure.
  const maxSeq = Math.max(0, ...withSeq.map((a) => a.seq));
  const t0 = performance.now();
  while (!watch.events.some((e) => e.lastVoteSeq >= maxSeq) && performance.now() - t0 < 10_000) await sleep(50);
  watch.close();
  const lagged = lags(withSeq, watch.events);
  result.mapLagP99Ms = lagged.length ? figure(percentile(lagged, 99)) : null;
  log(JSON.stringify({ phase: "map", ticks: watch.events.length, cells: lastAck.size, lost, lagP50Ms: figure(percentile(lagged, 50)), lagP99Ms: result.mapLagP99Ms, neverShown: lagged.filter((x) => x === Infinity).length }));
  return failed === 0 && lost === 0;
}

/** The engine's largest bench conversation as a Pol.is openData folder (comments.csv, votes.csv). */
async function writeBigFolder(): Promise<string> {
  const { syntheticConversation } = await import("../src/engines/opinion/synthetic");
  const conv = syntheticConversation({ participants: Math.max(100, Math.round((33_422 * bigVotes) / 2_000_000)), comments: 783, votes: bigVotes, groups: 3, seed: 42 });
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-conversations-"));
  const comments = ["timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body"];
  for (let t = 0; t < 783; t++) comments.push(`${1_600_000_000 + t},x,${t},0,0,0,1,Statement ${t}`);
  writeFileSync(path.join(dir, "comments.csv"), comments.join("\n") + "\n");
  const lines: string[] = ["timestamp,datetime,comment-id,voter-id,vote"];
  // The engine's sign is agree = -1; the export's agree = 1.
  for (let i = 0; i < conv.votes.pid.length; i++) lines.push(`${1_600_000_000 + i},x,${conv.votes.tid[i]},${conv.votes.pid[i]},${-conv.votes.vote[i]!}`);
  writeFileSync(path.join(dir, "votes.csv"), lines.join("\n") + "\n");
  return dir;
}

function runImport(databaseUrl: string, dir: string, slug: string): Promise<{ conversationId: number; votes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "bin/pnyx"), ["conversations", "import", dir, "--space", slug, "--json"], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => log(`[import] ${c.toString("utf8").trim()}`));
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`pnyx conversations import exited ${code}`));
      try {
        const r = JSON.parse(out.trim().split("\n").at(-1) ?? "") as { conversationId: number; votes: number };
        resolve(r);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
}

async function bigPhase(databaseUrl: string, db: pg.Pool, result: Result): Promise<{ place: Place } | null> {
  const slug = `bench-big-${Date.now()}`;
  const { componentId } = await createPlace(db, slug);
  const t0 = performance.now();
  const dir = await writeBigFolder();
  log(JSON.stringify({ phase: "big.folder", ms: Math.round(performance.now() - t0) }));
  try {
    const t1 = performance.now();
    const imported = await runImport(databaseUrl, dir, slug);
    log(JSON.stringify({ phase: "big.import", votes: imported.votes, ms: Math.round(performance.now() - t1), loadavg: loadavg() }));
    // Cold: no previous state; the tick job's own function, timed here (the server is stopped).
    await db.query(`delete from conversation_math where conversation_id = $1`, [imported.conversationId]);
    const { openDatabase } = await import("../src/db/client");
    const { runConversationTick, closeSharedWorker } = await import("../src/modules/conversations/math");
    const database = openDatabase(databaseUrl, 4, log);
    try {
      const t2 = performance.now();
      const tick = await runConversationTick(database.db, imported.conversationId, { force: true });
      result.bigColdMs = figure(performance.now() - t2);
      log(JSON.stringify({ phase: "big.cold", ran: tick.ran, computeMs: tick.ran ? figure(tick.durationMs) : null, wallMs: result.bigColdMs, loadavg: loadavg() }));
    } finally {
      await closeSharedWorker();
      await database.close();
    }
    return { place: { slug, componentId, conversationId: imported.conversationId } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function bigLag(server: Server, db: pg.Pool, place: Place, result: Result): Promise<void> {
  const port = Number(new URL(server.base).port);
  const { tokens } = await voters(db, 5, "big");
  const samples: number[] = [];
  for (const [i, token] of tokens.entries()) {
    const watch = await watchTicks(port, place, `pnyx_session=${token}`);
    const form = await openFormSession(port, conversationPath(place), `pnyx_session=${token}`);
    const res = await request(port, "POST", `${conversationPath(place)}/vote`, { cookie: form.cookie, "content-type": "application/x-www-form-urlencoded" }, new URLSearchParams({ _csrf: form.csrf, tid: String(i * 7), vote: "agree" }).toString());
    const at = performance.now();
    if (res.status !== 303 || flashKind(res) === "error") throw new Error(`a vote on the big conversation answered ${res.status} ${flashKind(res) ?? ""}`);
    const seq = Number((await db.query<{ seq: string }>(`select max(seq) as seq from conversation_votes where conversation_id = $1`, [place.conversationId])).rows[0]?.seq);
    while (!watch.events.some((e) => e.lastVoteSeq >= seq) && performance.now() - at < 30_000) await sleep(20);
    watch.close();
    const e = watch.events.find((x) => x.lastVoteSeq >= seq);
    samples.push(e ? e.at - at : Infinity);
  }
  samples.sort((a, b) => a - b);
  result.bigLagMs = figure(percentile(samples, 50));
  log(JSON.stringify({ phase: "big.lag", samplesMs: samples.map((s) => figure(s)), loadavg: loadavg() }));
}

async function main(): Promise<number> {
  log(JSON.stringify({ participants: participantCount, statements: statementCount, clients, seconds, big, loadavg: loadavg() }));
  const result: Result = { participants: participantCount, statements: statementCount, votesPerSecond: null, p99Ms: null, lost: null, mapLagP99Ms: null, bigColdMs: null, bigLagMs: null };
  const rig = await openRig("bench-conversations", keep);
  const { database, db } = rig;
  let ok = true;
  try {
    rig.server = await startServer(database.url, profileDir ? { NODE_OPTIONS: `--import ${profilerPreload(profileDir)}` } : {});
    const { place, tokens } = await seed(db);
    if (!(await waitForTick(db, place.conversationId, 60_000))) throw new Error("the first tick did not come within 60 s");
    ok = (await votePhase(rig.server, db, place, tokens, database, result)) && ok;
    if (big) {
      await stopServer(rig.server);
      rig.server = null;
      const bigPlace = await bigPhase(database.url, db, result);
      rig.server = await startServer(database.url);
      if (bigPlace) await bigLag(rig.server, db, bigPlace.place, result);
    }
  } catch (error) {
    ok = false;
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    console.log(JSON.stringify(result));
    await rig.stop();
  }
  return ok ? 0 : 1;
}

runBench(main);
