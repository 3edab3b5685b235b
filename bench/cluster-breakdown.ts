/**
 * Where the CPU of a signature goes, one instance against three (issue 18):
 * `npx tsx bench/cluster-breakdown.ts [--rate 200] [--seconds 10] [--rounds 2] [--warmup-seconds 5] [--profile DIR] [--node-args "..."]`.
 *
 * The cluster benchmark (bench/cluster.ts) finds each mode's peak; on a shared machine its wall-clock
 * peaks are noise. This one offers the SAME fixed open-loop rate of signatures (sign + confirmation link)
 * through the same nginx, alternately with one instance (the two others stopped) and with three, and
 * prints, per step, the CPU per signature of every process: each instance, PostgreSQL's backends by type
 * (client backends by instance: each instance names its connections, PGAPPNAME), the postmaster's
 * reaped children, nginx and this load generator; with PostgreSQL's commits, WAL records, bytes, writes
 * and syncs per signature (pg_stat_database, pg_stat_wal). With --profile DIR the first instance runs
 * under `node --cpu-prof` and is restarted at each mode change (one profile per mode in DIR).
 * Standard error: one JSON line per step; standard output: a JSON line per mode (the rounds' means).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import pg from "pg";
import { startCluster, type Cluster } from "../src/cluster/cluster";
import { closeConnections, openLoop, percentile, signatureSender } from "../src/cluster/load";
import { createLoadFixture } from "../src/cluster/load-fixture";
import { processCpuMs, statFields } from "./lib/server";

const option = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
};
const stringOption = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const RATE = option("--rate", 200);
const SECONDS = option("--seconds", 10);
const ROUNDS = option("--rounds", 2);
const PROFILE = stringOption("--profile");
/** --node-args "...": Node's own flags for every instance (V8 options NODE_OPTIONS refuses), in both modes. */
/** --perf DIR: `perf record -e cpu-clock` of the running instances during each measured step (DIR/<tag>.data; on-CPU samples, unlike --profile's wall-clock ones). */
const PERF = stringOption("--perf");
/** --explain-ms N: auto_explain logs the plan of every statement (nested ones too) slower than N ms to /tmp/pnyx-explain/pg.log. */
const EXPLAIN_MS = stringOption("--explain-ms");
const NODE_ARGS = stringOption("--node-args")?.split(/\s+/).filter(Boolean);
/** An unmeasured step at the same rate first: every running instance's JIT warm, its pools filled. */
const WARMUP_SECONDS = option("--warmup-seconds", 5);
/** With --statements: pg_stat_statements loaded, each step's top statements (calls, plan and execution ms per signature). */
const STATEMENTS = process.argv.includes("--statements");
const SECRET = randomBytes(32).toString("hex");
const log = (m: string) => process.stderr.write(`${m}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const r2 = (n: number) => Math.round(n * 100) / 100;

/** Children of `ppid` (pid → comm). */
function children(ppid: number): Map<number, string> {
  const out = new Map<number, string>();
  for (const d of readdirSync("/proc").filter((x) => /^\d+$/.test(x))) {
    const f = statFields(d);
    if (f && Number(f[1]) === ppid) out.set(Number(d), readFileSync(`/proc/${d}/comm`, "utf8").trim());
  }
  return out;
}

/** A process's own CPU plus its reaped children's (ms). */
function withReaped(pid: number): number {
  const f = statFields(pid);
  return f ? (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 10 : 0;
}

/** An instance's user and system CPU (ms) and context switches (voluntary, involuntary). */
function kernelShare(pid: number): number[] {
  const f = statFields(pid);
  let status = "";
  try {
    status = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return [0, 0, 0, 0];
  }
  const n = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return [Number(f?.[11] ?? 0) * 10, Number(f?.[12] ?? 0) * 10, n("voluntary_ctxt_switches"), n("nonvoluntary_ctxt_switches")];
}

interface Snapshot {
  instances: Map<number, number[]>;
  perPid: Map<number, number>;
  labels: Map<number, string>;
  postmasterReaped: number;
  nginx: number;
  loader: number;
  commits: number;
  wal: { records: number; bytes: number; writes: number; syncs: number };
}

async function snapshot(cluster: Cluster, db: pg.Pool, postmaster: number, nginx: number, label: Map<number, string>): Promise<Snapshot> {
  const stats = (await db.query<{ commits: string; records: string; bytes: string; writes: string; syncs: string }>(
    `select (select xact_commit from pg_stat_database where datname = current_database()) as commits,
       wal_records as records, wal_bytes as bytes, wal_write as writes, wal_sync as syncs from pg_stat_wal`,
  )).rows[0]!;
  const perPid = new Map<number, number>();
  for (const i of cluster.instances.filter((x) => x.running)) perPid.set(i.pid, processCpuMs(i.pid));
  for (const pid of children(postmaster).keys()) perPid.set(pid, processCpuMs(pid));
  const pm = statFields(postmaster);
  return {
    instances: new Map(cluster.instances.filter((x) => x.running).map((i) => [i.pid, kernelShare(i.pid)])),
    perPid,
    labels: label,
    postmasterReaped: pm ? (Number(pm[11]) + Number(pm[12]) + Number(pm[13]) + Number(pm[14])) * 10 : 0,
    nginx: nginx ? withReaped(nginx) + [...children(nginx).keys()].reduce((a, p) => a + processCpuMs(p), 0) : 0,
    loader: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    commits: Number(stats.commits),
    wal: { records: Number(stats.records), bytes: Number(stats.bytes), writes: Number(stats.writes), syncs: Number(stats.syncs) },
  };
}

/**
 * Connections to the instances' ports in TIME_WAIT (/proc/net/tcp and tcp6): each is a connection nginx
 * closed within the last minute (the side that closes keeps TIME_WAIT). With upstream keep-alive working,
 * nginx closes none; a keep-alive cache smaller than the requests in flight closes one per request above it.
 */
function upstreamTimeWaits(ports: number[]): number {
  const wanted = new Set(ports.map((p) => p.toString(16).toUpperCase().padStart(4, "0")));
  let n = 0;
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      // f[2]: remote address:port, f[3]: state (06: TIME_WAIT)
      if (f[3] === "06" && wanted.has(f[2]?.split(":")[1] ?? "")) n++;
    }
  }
  return n;
}

/** Labels of PostgreSQL's children: backend type, and for client backends the instance (application_name). */
async function pgLabels(db: pg.Pool, postmaster: number, cluster: Cluster): Promise<Map<number, string>> {
  const rows = (await db.query<{ pid: number; backend_type: string; application_name: string }>("select pid, backend_type, application_name from pg_stat_activity")).rows;
  const m = new Map<number, string>();
  for (const r of rows) m.set(r.pid, r.backend_type === "client backend" ? `pg:${r.application_name || "other"}` : `pg:${r.backend_type}`);
  for (const [pid, comm] of children(postmaster)) if (!m.has(pid)) m.set(pid, `pg:${comm}`);
  for (const i of cluster.instances) if (i.running) m.set(i.pid, `node:i${i.index}`);
  return m;
}

function nginxPid(): number {
  for (const [pid, comm] of children(process.pid)) if (comm === "nginx") return pid;
  return 0;
}

/** A sender once nginx serves again (a mode change can leave instances marked failed for fail_timeout). */
async function senderWhenServing(cluster: Cluster, fixture: Parameters<typeof signatureSender>[1], prefix: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await signatureSender(cluster.url, fixture, SECRET, { prefix, confirmTries: 1 });
    } catch (error) {
      if (attempt >= 30) throw error;
      await sleep(1_000);
    }
  }
}

async function step(cluster: Cluster, db: pg.Pool, postmaster: number, mode: string, tag: string, fixture: Parameters<typeof signatureSender>[1]) {
  if (WARMUP_SECONDS > 0) {
    const warm = await senderWhenServing(cluster, fixture, `${tag}-warm`);
    await openLoop(warm, { rate: RATE, seconds: WARMUP_SECONDS, maxInFlight: 4_000 }).done;
  }
  const sender = await senderWhenServing(cluster, fixture, tag);
  await sleep(1_000);
  const nginx = nginxPid();
  const labels = await pgLabels(db, postmaster, cluster);
  if (STATEMENTS) await db.query("select pg_stat_statements_reset()");
  const table = (await db.query<Record<string, string>>(
    "select n_live_tup as live, n_dead_tup as dead, n_mod_since_analyze as mods, analyze_count as analyzes, autoanalyze_count as autoanalyzes, (select relpages from pg_class where relname = $$petition_signatures$$) as relpages, pg_relation_size($$petition_signatures$$) / current_setting($$block_size$$)::int as pages from pg_stat_user_tables where relname = 'petition_signatures'",
  )).rows[0];
  const ports = cluster.instances.map((i) => i.port);
  const timeWaitsBefore = upstreamTimeWaits(ports);
  const before = await snapshot(cluster, db, postmaster, nginx, labels);
  const perf = PERF
    ? spawn("perf", ["record", "-q", "-e", "cpu-clock", "-F", "499", "-g", "-p", cluster.instances.filter((i) => i.running).map((i) => i.pid).join(","), "-o", `${PERF}/${tag}.data`], { stdio: "ignore" })
    : undefined;
  const run = await openLoop(sender, { rate: RATE, seconds: SECONDS, maxInFlight: 4_000 }).done;
  if (perf) await new Promise((r) => (perf.once("exit", r), perf.kill("SIGINT")));
  const after = await snapshot(cluster, db, postmaster, nginx, labels);
  const timeWaitsAfter = upstreamTimeWaits(ports);
  const n = Math.max(1, run.acknowledged);
  const byLabel: Record<string, number> = {};
  let pgTotal = 0;
  let appTotal = 0;
  for (const [pid, t1] of after.perPid) {
    const d = t1 - (before.perPid.get(pid) ?? 0);
    const l = labels.get(pid) ?? "pg:new";
    byLabel[l] = (byLabel[l] ?? 0) + d;
    if (l.startsWith("node:")) appTotal += d;
    else pgTotal += d;
  }
  // Backends that ended during the step: their CPU is in the postmaster's reaped time (and its own).
  const pmDelta = after.postmasterReaped - before.postmasterReaped;
  byLabel["pg:postmaster+reaped"] = pmDelta;
  pgTotal += pmDelta;
  const perSig = Object.fromEntries(Object.entries(byLabel).sort().map(([k, v]) => [k, r2(v / n)]));
  const sorted = [...sender.ledger.latencies].sort((a, b) => a - b);
  const result = {
    mode,
    rate: RATE,
    /** petition_signatures before the step: live and dead rows, rows changed since its last analyze, analyzes so far (by Pnyx; by autovacuum), pages known to the planner and on disk. */
    signaturesTable: table,
    profiledPid: PROFILE ? cluster.instances[0]!.pid : undefined,
    acknowledged: run.acknowledged,
    offered: run.offered,
    p50Ms: r2(percentile(sorted, 50)),
    p99Ms: r2(percentile(sorted, 99)),
    appMs: r2(appTotal / n),
    pgMs: r2(pgTotal / n),
    nginxMs: r2((after.nginx - before.nginx) / n),
    loaderMs: r2((after.loader - before.loader) / n),
    commits: r2((after.commits - before.commits) / n),
    walRecords: r2((after.wal.records - before.wal.records) / n),
    walBytes: Math.round((after.wal.bytes - before.wal.bytes) / n),
    walWrites: r2((after.wal.writes - before.wal.writes) / n),
    walSyncs: r2((after.wal.syncs - before.wal.syncs) / n),
    perSignatureMs: perSig,
    /** Connections nginx closed to the instances (TIME_WAIT) before and after the step: keep-alive misses. */
    upstreamClosedBeforeAfter: [timeWaitsBefore, timeWaitsAfter],
    /** The instances together, per signature: user ms, system ms, voluntary and involuntary context switches. */
    instancesUserSysCtx: [0, 1, 2, 3].map((k) => r2([...after.instances].reduce((a, [pid, v]) => a + (v[k] ?? 0) - (before.instances.get(pid)?.[k] ?? 0), 0) / n)),
    failures: Object.fromEntries(sender.ledger.causes),
    loadavg: os.loadavg().map((l) => r2(l)),
  };
  log(JSON.stringify(result));
  if (STATEMENTS) {
    const top = await db.query<{ q: string; calls: string; plan: number; exec: number; rows: string }>(
      `select left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as q, calls, total_plan_time as plan, total_exec_time as exec, rows
       from pg_stat_statements order by total_plan_time + total_exec_time desc limit 12`,
    );
    for (const t of top.rows) log(JSON.stringify({ mode, perSignature: { calls: r2(Number(t.calls) / n), planMs: r2(t.plan / n), execMs: r2(t.exec / n) }, rowsPerCall: r2(Number(t.rows) / Math.max(1, Number(t.calls))), q: t.q }));
  }
  return result;
}

async function main(): Promise<void> {
  const instanceEnv = (i: number): Record<string, string> => {
    const profile = PROFILE && i === 0 ? `--import ${new URL("./cluster-cpu-profile.mjs", import.meta.url).href}` : "";
    return { PGAPPNAME: `i${i}`, ...(profile ? { NODE_OPTIONS: profile, PNYX_CPU_PROFILE_DIR: PROFILE ?? "" } : {}) };
  };
  const preload = [STATEMENTS ? "pg_stat_statements" : "", EXPLAIN_MS ? "auto_explain" : ""].filter(Boolean).join(",");
  const postgresSettings = preload
    ? {
        shared_preload_libraries: preload,
        ...(STATEMENTS ? { "pg_stat_statements.track_planning": "on" } : {}),
        ...(EXPLAIN_MS
          ? { "auto_explain.log_min_duration": EXPLAIN_MS, "auto_explain.log_nested_statements": "on", logging_collector: "on", log_directory: "/tmp/pnyx-explain", log_filename: "pg.log" }
          : {}),
      }
    : undefined;
  if (EXPLAIN_MS) mkdirSync("/tmp/pnyx-explain", { recursive: true, mode: 0o777 });
  const cluster = await startCluster({ instances: 3, env: { SESSION_SECRET: SECRET }, instanceEnv, postgresSettings, nodeArgs: NODE_ARGS, log: process.argv.includes("--verbose") ? log : () => {} });
  const db = new pg.Pool({ connectionString: cluster.databaseUrl, max: 2, application_name: "bench" });
  db.on("error", () => {});
  const results: Array<Awaited<ReturnType<typeof step>>> = [];
  try {
    const all = await createLoadFixture(db, { petitions: 4, voters: 10, participants: 10, statements: 2 });
    if (STATEMENTS) await db.query("create extension if not exists pg_stat_statements");
    const backend = (await db.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]?.pid ?? 0;
    const postmaster = Number(statFields(backend)?.[1] ?? 0);
    await sleep(3_000);
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of ["single", "three"] as const) {
        if (PROFILE) await cluster.instances[0]!.kill("SIGTERM").then(() => cluster.instances[0]!.start());
        if (mode === "single") await Promise.all(cluster.instances.slice(1).map((i) => i.kill("SIGTERM")));
        else await Promise.all(cluster.instances.map((i) => i.start()));
        await sleep(6_000);
        results.push(await step(cluster, db, postmaster, mode, `${mode}-${round}`, all));
      }
    }
    if (PROFILE) await cluster.instances[0]!.kill("SIGTERM");
  } finally {
    closeConnections();
    await db.end().catch(() => {});
    await cluster.stop();
  }
  for (const mode of ["single", "three"]) {
    const rs = results.filter((r) => r.mode === mode);
    const mean = (f: (r: (typeof rs)[number]) => number) => r2(rs.reduce((a, r) => a + f(r), 0) / Math.max(1, rs.length));
    process.stdout.write(`${JSON.stringify({ mode, rate: RATE, steps: rs.length, appMs: mean((r) => r.appMs), pgMs: mean((r) => r.pgMs), nginxMs: mean((r) => r.nginxMs), loaderMs: mean((r) => r.loaderMs), commits: mean((r) => r.commits), walSyncs: mean((r) => r.walSyncs), walBytes: mean((r) => r.walBytes) })}\n`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
