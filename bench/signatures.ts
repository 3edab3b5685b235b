/**
 * Signing benchmark: thousands of distinct signers sign a few petitions concurrently over HTTP on
 * loopback, each signature being the sign request (a browser form post with its CSRF token) plus the
 * confirmation request (the emailed link). The server runs in a child process on its own embedded
 * PostgreSQL, so client and server do not share an event loop.
 *
 * Prints one JSON line: {"signaturesPerSecond", "p99Ms", "acknowledged", "counted"}.
 * `counted` is the sum of `counts.total` read from GET /api/petitions/:id after the run; the bench
 * fails (exit 1) unless it equals the confirmed rows in the database and `acknowledged`, and unless
 * every confirmation mail was queued (outbox rows in the signing statement, then handed to pg-boss
 * by the relay, which is held during the timed window and released after it).
 *
 * Also reports (stderr) CPU milliseconds per signature of the server, PostgreSQL and the client, which
 * the machine's load inflates far less than wall-clock figures.
 *
 * Options: --signatures N (20000), --petitions N (4), --concurrency N (64), --warmup N (2000),
 * --instances N (1: Pnyx instances on the same database, as behind a load balancer).
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as fsSync from "node:fs";
import { agent, flashKind, openFormSession, request, type FormSession } from "./lib/http";
import { percentile } from "./lib/load";
import { postgresCpuMs } from "./lib/server";

const SECRET = "bench-secret-bench-secret-bench-secret-0123456789";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

interface Ready {
  kind: "ready";
  /** The embedded PostgreSQL's postmaster (for its CPU time), 0 on replicas. */
  postmasterPid: number;
  port: number;
  dbUrl: string;
  petitionIds: number[];
  warmupId: number;
}

/** This process's CPU time (user + system), in microseconds. */
function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

// ---------------------------------------------------------------------------------------------------
// Server side (child processes): the first starts the database and seeds it; others join it.

/** A further instance on the same database (as behind a load balancer). */
async function replica(dbUrl: string): Promise<void> {
  const { loadConfig } = await import("../src/config");
  const { startPlatform } = await import("../src/runtime");
  const { pauseMailRelay } = await import("../src/core/mail/outbox");
  pauseMailRelay(true);
  const config = loadConfig({ NODE_ENV: "production", DATABASE_URL: dbUrl, SESSION_SECRET: SECRET, LOG_LEVEL: "silent", PUBLIC_URL: "http://127.0.0.1", TRUST_PROXY: "loopback" });
  const platform = await startPlatform(config, () => {});
  await platform.app.listen({ port: 0, host: "127.0.0.1" });
  const address = platform.app.server.address();
  process.send?.({ kind: "ready", port: typeof address === "object" && address ? address.port : 0, dbUrl, petitionIds: [], warmupId: 0, postmasterPid: 0 } satisfies Ready);
  process.on("message", (m: { kind: string }) => {
    if (m.kind === "cpu") process.send?.({ kind: "cpu", micros: cpuMicros() });
    if (m.kind === "release") pauseMailRelay(false);
    if (m.kind === "stop") void platform.close().then(() => process.exit(0));
  });
}

async function server(): Promise<void> {
  const { loadConfig } = await import("../src/config");
  const { startPlatform } = await import("../src/runtime");
  const { seedDemo } = await import("../src/seeds");
  const { pauseMailRelay, relayMailOutbox } = await import("../src/core/mail/outbox");
  const { sql } = await import("drizzle-orm");
  // Inside the project (as the test databases): a root-run PostgreSQL drops to a user that cannot
  // enter a private temporary folder.
  const dataDir = path.resolve(".pnyx-test", `bench-signatures-${process.pid}`);
  await mkdir(dataDir, { recursive: true });
  pauseMailRelay(true);
  const config = loadConfig({
    NODE_ENV: "production",
    PNYX_DATA_DIR: dataDir,
    PNYX_PG_PORT: String(56000 + Math.floor(Math.random() * 4000)),
    SESSION_SECRET: SECRET,
    LOG_LEVEL: "silent",
    PUBLIC_URL: "http://127.0.0.1",
    TRUST_PROXY: "loopback",
  });
  const platform = await startPlatform(config, () => {});
  await seedDemo(platform.deps);
  const { db } = platform.deps;
  // Bench petitions: a large open type (no residence rule), published, signing open.
  const component = await db.execute<{ id: string }>(sql`select id from components where manifest = 'petitions' order by id limit 1`);
  const componentId = Number(component.rows[0]?.id);
  const type = await db.execute<{ id: string }>(sql`select id from petition_types where component_id = ${componentId} and residence_regions = '[]'::jsonb order by id limit 1`);
  const typeId = Number(type.rows[0]?.id);
  // One IP may sign a petition 20 times per 5 minutes; the clients come from many addresses.
  await db.execute(sql`update components set settings = jsonb_set(settings, '{global}', '{"ipLimit": 20, "ipWindowSeconds": 300}') where id = ${componentId}`);
  const count = arg("--petitions", 4) + 1;
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = await db.execute<{ id: string }>(sql`
      insert into petitions (component_id, type_id, title, body, language, state, sponsor_token, published_at, signing_ends_at)
      values (${componentId}, ${typeId}, ${`Bench petition ${i}`}, 'A petition created by the signing benchmark.', 'en', 'published', ${`bench-${i}`}, now(), now() + interval '30 days')
      returning id`);
    ids.push(Number(r.rows[0]?.id));
  }
  await platform.app.listen({ port: 0, host: "127.0.0.1" });
  const address = platform.app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const [warmupId, ...petitionIds] = ids;
  const dbUrl = (platform.deps.pool as unknown as { options: { connectionString: string } }).options.connectionString;
  const postmasterPid = Number(fsSync.readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
  process.send?.({ kind: "ready", port, dbUrl, petitionIds, warmupId: warmupId ?? 0, postmasterPid } satisfies Ready);
  process.on("message", (m: { kind: string }) => {
    if (m.kind === "cpu") process.send?.({ kind: "cpu", micros: cpuMicros() });
    if (m.kind === "release") {
      pauseMailRelay(false);
      void relayMailOutbox(platform.deps, 1000).then((moved) => process.send?.({ kind: "released", moved }));
    }
    if (m.kind === "stop") {
      void platform.close().then(async () => {
        await rm(dataDir, { recursive: true, force: true });
        process.exit(0);
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------------
// Client side.

async function openSession(port: number, petitionId: number): Promise<FormSession> {
  return openFormSession(port, `/petitions/${petitionId}`);
}

async function client(): Promise<void> {
  const { confirmationToken, signingKey } = await import("../src/modules/petitions/tokens");
  const pg = (await import("pg")).default;
  const total = arg("--signatures", 20_000);
  const concurrency = arg("--concurrency", 64);
  const warmup = arg("--warmup", 2_000);
  const key = signingKey({ SESSION_SECRET: SECRET });

  const instances = Math.max(1, arg("--instances", 1));
  const execArgv = ["--import", "tsx", ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])];
  const start = async (args: string[]): Promise<{ child: ChildProcess; ready: Ready }> => {
    const child: ChildProcess = fork(fileURLToPath(import.meta.url), args, { execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    const ready = await new Promise<Ready>((resolve, reject) => {
      child.on("message", (m: Ready) => m.kind === "ready" && resolve(m));
      child.on("exit", (code) => reject(new Error(`server exited (${code})`)));
    });
    return { child, ready };
  };
  const primary = await start(["--server", ...process.argv.slice(2)]);
  const child = primary.child;
  const ready = primary.ready;
  const replicas = await Promise.all(Array.from({ length: instances - 1 }, () => start(["--replica", ready.dbUrl])));
  const ports = [ready.port, ...replicas.map((r) => r.ready.port)];
  const { petitionIds, warmupId } = ready;
  const port = ready.port;

  // Each virtual browser talks to one instance (round robin), as a load balancer would spread them.
  const sessions = await Promise.all(Array.from({ length: concurrency }, (_, i) => openSession(ports[i % ports.length] ?? port, petitionIds[0] ?? 0)));

  /** One signature: sign, then open the confirmation link. Returns its latency, or null if refused. */
  async function signOnce(s: FormSession, petitionId: number, n: number, prefix: string): Promise<number | null> {
    const email = `${prefix}${n}@signers.example`;
    // 250 signers per /24 network, ~10 per address per petition: under the per-IP limit of 20.
    const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${(n % 25) + 1}`;
    const form = new URLSearchParams({ _csrf: s.csrf, name: `Signer ${n}`, email, birthDate: "1985-06-15", postalCode: String([1000, 2000, 4000, 9000][n % 4]), showName: n % 3 === 0 ? "on" : "" }).toString();
    const t0 = performance.now();
    const signed = await request(s.port, "POST", `/petitions/${petitionId}/sign`, { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip }, form);
    if (signed.status !== 303 || flashKind(signed) !== "info") return null;
    const token = confirmationToken(key, petitionId, email);
    const confirmed = await request(s.port, "GET", `/petitions/${petitionId}/confirm/${token}`, { "x-forwarded-for": ip });
    if (confirmed.status !== 303 || flashKind(confirmed) !== "success") return null;
    return performance.now() - t0;
  }

  async function run(count: number, pick: (n: number) => number, prefix: string): Promise<{ latencies: number[]; failed: number; seconds: number }> {
    let next = 0;
    let failed = 0;
    const latencies: number[] = [];
    const start = performance.now();
    await Promise.all(
      sessions.map(async (s) => {
        for (;;) {
          const n = next++;
          if (n >= count) return;
          const ms = await signOnce(s, pick(n), n, prefix).catch(() => null);
          if (ms === null) failed++;
          else latencies.push(ms);
        }
      }),
    );
    return { latencies, failed, seconds: (performance.now() - start) / 1000 };
  }

  const warm = await run(warmup, () => warmupId, "warm");
  const serverCpu = (): Promise<number> =>
    Promise.all(
      [child, ...replicas.map((r) => r.child)].map(
        (c) =>
          new Promise<number>((resolve) => {
            const on = (m: { kind: string; micros: number }) => {
              if (m.kind !== "cpu") return;
              c.off("message", on);
              resolve(m.micros);
            };
            c.on("message", on);
            c.send({ kind: "cpu" });
          }),
      ),
    ).then((all) => all.reduce((a, b) => a + b, 0) / 1000);
  const cpuBefore = { server: await serverCpu(), postgres: postgresCpuMs(ready.postmasterPid), client: cpuMicros() / 1000 };
  const load = os.loadavg();
  const timed = await run(total, (n) => petitionIds[n % petitionIds.length] ?? 0, "s");
  const loadAfter = os.loadavg();
  const cpuAfter = { server: await serverCpu(), postgres: postgresCpuMs(ready.postmasterPid), client: cpuMicros() / 1000 };
  const perSignature = (k: keyof typeof cpuAfter) => Math.round(((cpuAfter[k] - cpuBefore[k]) / Math.max(1, timed.latencies.length)) * 1000) / 1000;
  const cpuMsPerSignature = { server: perSignature("server"), postgres: perSignature("postgres"), client: perSignature("client") };
  const acknowledged = timed.latencies.length;

  // Counts from the public API once the journal is folded (it is exact at any time: aggregates plus
  // the journal rows not yet folded).
  let counted = 0;
  for (const id of petitionIds) {
    const res = await request(port, "GET", `/api/petitions/${id}`, {});
    counted += (JSON.parse(res.body) as { data: { counts: { total: number } } }).data.counts.total;
  }
  const db = new pg.Client({ connectionString: ready.dbUrl });
  await db.connect();
  const confirmedRows = Number((await db.query<{ n: string }>("select count(*) as n from petition_signatures where state = 'confirmed' and petition_id = any($1::bigint[])", [petitionIds])).rows[0]?.n);
  const outbox = Number((await db.query<{ n: string }>("select count(*) as n from mail_outbox")).rows[0]?.n);
  for (const r of replicas) r.child.send({ kind: "release" });
  child.send({ kind: "release" });
  const moved = await new Promise<number>((resolve) => child.on("message", (m: { kind: string; moved: number }) => m.kind === "released" && resolve(m.moved)));
  // The relay also runs in the background (the core's relay job): wait until the outbox is empty before counting jobs.
  for (let i = 0; i < 600; i++) {
    const left = Number((await db.query<{ n: string }>("select count(*) as n from mail_outbox")).rows[0]?.n);
    if (left === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const mailJobs = Number((await db.query<{ n: string }>("select count(*) as n from pnyx_jobs.job where name = 'mail.send'")).rows[0]?.n);
  await db.end();
  for (const r of replicas) r.child.send({ kind: "stop" });
  await Promise.all(replicas.map((r) => new Promise((res) => r.child.on("exit", res))));
  child.send({ kind: "stop" });

  const sorted = [...timed.latencies].sort((a, b) => a - b);
  const result = { signaturesPerSecond: Math.round(acknowledged / timed.seconds), p99Ms: Math.round(percentile(sorted, 99) * 10) / 10, acknowledged, counted };
  console.log(JSON.stringify(result));
  console.error(
    JSON.stringify({
      p50Ms: Math.round(percentile(sorted, 50) * 10) / 10,
      p95Ms: Math.round(percentile(sorted, 95) * 10) / 10,
      failed: timed.failed,
      seconds: Math.round(timed.seconds * 100) / 100,
      confirmedRows,
      outboxBeforeRelay: outbox,
      mailsHandedToQueue: moved,
      mailJobs,
      cpuMsPerSignature,
      concurrency,
      instances,
      petitions: petitionIds.length,
      loadavgBefore: load.map((l) => Math.round(l * 100) / 100),
      loadavgAfter: loadAfter.map((l) => Math.round(l * 100) / 100),
    }),
  );
  // Every confirmation mail was in the outbox when the run ended, and every one reached the job queue.
  const mailsOk = outbox >= acknowledged + warm.latencies.length && mailJobs >= outbox;
  agent.destroy();
  if (counted !== confirmedRows || counted !== acknowledged || !mailsOk) {
    console.error(`bench check failed: counted ${counted}, confirmed rows ${confirmedRows}, acknowledged ${acknowledged}, outbox ${outbox}, mail jobs ${mailJobs}`);
    process.exit(1);
  }
}

if (process.argv.includes("--replica")) {
  replica(process.argv[process.argv.indexOf("--replica") + 1] ?? "").catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
} else if (process.argv.includes("--server")) {
  server().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
} else {
  client().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
