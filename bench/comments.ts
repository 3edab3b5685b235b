/**
 * The comments benchmark (issue 12): `npm run bench:comments`.
 *
 * Starts its own embedded PostgreSQL and a Pnyx server in a separate process (`./bin/pnyx start`,
 * production mode, demo seeded), seeds a published petition in a public space with a discussion
 * (bench/comments/seed.ts: 10,000 comments in threads three levels deep by 3,000 people, with votes,
 * edits and deletions; 200 followers; posters who follow nothing), then:
 *   1. its page (`/petitions/:id`: the petition with the first page of its comments), anonymous:
 *      a warm-up, one client (`p50Ms1`, standard error), then 50 concurrent clients back to back for
 *      20 s asking as browsers do (`Accept-Encoding: gzip`), first with autocannon (its figures on
 *      standard error, comparable with the runs before ADR 34), then with wrk: `pageP99Ms` (wrk's; the
 *      benchmark stops at once, with the install command, when wrk is missing);
 *   2. posting: the posters (signed-in sessions; they do not follow the petition, and commenting does
 *      not make them) post top-level comments as form posts to `/comments`, 200 of them arriving at
 *      20 a second, while the server's relay fans each one out to the followers: `postP99Ms`, the
 *      latency of the requests (the fan-out is the relay's work, not theirs);
 *   3. waits until the relay has drained (no event left in `event_outbox`, no mail left in
 *      `mail_outbox`: every mail handed to the mail queue), then counts `notified`: the followers who
 *      have a notice about the petition for every comment posted (one each), created since the posts
 *      began. Then it waits (at most --mail-wait seconds) for the mail queue to send the real-time
 *      mails to the benchmark's SMTP sink, and reports how many arrived (standard error).
 *
 * Standard output: one line {"comments","followers","pageP99Ms","postP99Ms","notified"}, printed even
 * when a target is missed or a phase failed (its figure is then null); `comments` and `followers` are
 * the petition's rows in the database when its page was measured. Exit code 1 when a phase failed or
 * `notified` is not every follower. Standard error: progress, the seed's timings, each phase's details
 * (statuses, comments shown, p50, rps, failures, drain time), the CPU time the server process and
 * PostgreSQL spent per page and per post (which the machine's load inflates far less than latencies),
 * the same clients' p50/p99 on a small static file just before (the machine's floor at that moment:
 * no page can do better), the CPU time the load generator spent per page, and the load average.
 *
 * Options: --comments N (10000), --followers N (200), --commenters N (3000), --posters N (40: a
 * person may post 10 comments a minute), --posts N (200), --rate N (20 posts a second), --clients N
 * (50), --seconds N (20), --seconds1 N (5),
 * --warmup N (3), --floor-seconds N (5; 0: no floor measurement), --drain-timeout N (600 s),
 * --mail-wait N (120 s), --keep (keep the database folder).
 */
import http from "node:http";
import pg from "pg";
import { agent } from "./lib/http";
import { load, settle, type Run } from "./lib/load";
import { figure, latencyFigures, measureUrl, pageFigures, runBench } from "./lib/report";
import { log, loadavg, option, postgresCpuMs, processCpuMs, round1, rssMb, sleep, startServer, type Server } from "./lib/server";
import { openRig } from "./lib/rig";
import { seedDiscussion, type Discussion, type DiscussionSizes } from "./comments/seed";
import { openPosterSessions, postComments } from "./comments/posts";
import { countNotified, waitForDrain, waitForMailJobs } from "./comments/relay";
import { startSmtpSink } from "./lib/smtp-sink";
import { requireWrk, wrk, wrkFigures } from "./lib/wrk";

const sizes: DiscussionSizes = {
  comments: option("--comments", 10_000),
  followers: option("--followers", 200),
  commenters: option("--commenters", 3_000),
  posters: option("--posters", 40),
};
const posts = option("--posts", 200);
const rate = option("--rate", 20);
const clients = option("--clients", 50);
const seconds = option("--seconds", 20);
const seconds1 = option("--seconds1", 5);
const warmup = option("--warmup", 3);
const drainTimeout = option("--drain-timeout", 600);
const mailWait = option("--mail-wait", 120);
const floorSeconds = option("--floor-seconds", 5);
const keep = process.argv.includes("--keep");

interface Result {
  comments: number | null;
  followers: number | null;
  pageP99Ms: number | null;
  postP99Ms: number | null;
  notified: number | null;
}

/** Comments shown on a page (each has an element with id="comment-<id>"). */
const commentsShown = (html: string): number => html.match(/id="comment-\d+"/g)?.length ?? 0;

/** CPU time so far of the server process and of PostgreSQL, to divide by the requests of a phase. */
interface Cpu {
  server: number;
  postgres: number;
}
const cpuOf = (server: Server, postmasterPid: number): Cpu => ({ server: processCpuMs(server.pid), postgres: postgresCpuMs(postmasterPid) });
const cpuPer = (before: Cpu, after: Cpu, n: number) => ({ server: round1((after.server - before.server) / Math.max(1, n)), postgres: round1((after.postgres - before.postgres) / Math.max(1, n)) });

/** What a browser sends that changes the answer: it takes gzip (every browser does; autocannon and wrk do not unless told). */
const BROWSER = { "accept-encoding": "gzip, deflate, br" };

/** CPU time (ms) this process has used: autocannon runs in it. */
const ownCpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** A GET as a client with `headers` makes it: status, bytes received, encoding, the body when not encoded. */
function get(url: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; encoding: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const all = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, bytes: all.length, encoding: res.headers["content-encoding"], body: res.headers["content-encoding"] ? "" : all.toString("utf8") });
        });
      })
      .on("error", reject);
  });
}

/** Bytes of the page as sent plain and gzipped (the second request a visitor-cache hit, as the runs' are). */
async function pageBytes(url: string): Promise<{ status: number; bytes: number; gzipBytes: number | null; commentsShown: number }> {
  const plain = await get(url, {});
  const gz = await get(url, BROWSER);
  return { status: plain.status, bytes: plain.bytes, gzipBytes: gz.encoding === "gzip" ? gz.bytes : null, commentsShown: commentsShown(plain.body) };
}

async function measurePage(server: Server, postmasterPid: number, db: pg.Pool, d: Discussion, result: Result): Promise<void> {
  const page = `/petitions/${d.petitionId}`;
  const url = server.base + page;
  const [counts] = (
    await db.query<{ comments: number; followers: number }>(
      `select (select count(*)::int from comments where resource_type = 'petition' and resource_id = $1) as comments,
         (select count(*)::int from follows where resource_type = 'petition' and resource_id = $1) as followers`,
      [d.petitionId],
    )
  ).rows;
  result.comments = counts?.comments ?? null;
  result.followers = counts?.followers ?? null;
  const sizes = await pageBytes(url);
  log(JSON.stringify({ page, ...sizes }));
  if (sizes.status !== 200) throw new Error(`${page} answered ${sizes.status}`);
  const staticFile = `${server.base}/assets/favicon.svg`;
  // autocannon (for comparison with the runs before ADR 34): one client, then the static file's floor and 50 clients.
  const around: { floor: Run | null; before: Cpu; client0: number; cpuMsPerPage: Cpu | null; clientCpuMs: number; clientCpuMsPerPage: number | null } = { floor: null, before: cpuOf(server, postmasterPid), client0: 0, cpuMsPerPage: null, clientCpuMs: 0, clientCpuMsPerPage: null };
  const { one, many } = await measureUrl(db, url, {
    warmup,
    seconds1,
    clients,
    seconds,
    manyHeaders: BROWSER,
    beforeMany: async () => {
      around.floor = floorSeconds > 0 ? await load(staticFile, clients, floorSeconds) : null;
      await settle(db);
      around.before = cpuOf(server, postmasterPid);
      around.client0 = ownCpuMs();
    },
    afterMany: (m) => {
      around.cpuMsPerPage = cpuPer(around.before, cpuOf(server, postmasterPid), m.ok);
      around.clientCpuMs = Math.round(ownCpuMs() - around.client0);
      around.clientCpuMsPerPage = Math.round((around.clientCpuMs / Math.max(1, m.ok)) * 1000) / 1000;
    },
  });
  const f = around.floor;
  log(
    JSON.stringify({
      phase: "page",
      generator: "autocannon",
      ...pageFigures(one, many),
      p99Ms1: figure(one.p99),
      clients,
      seconds,
      requests: many.ok,
      failed: one.failed + many.failed,
      cpuMsPerPage: around.cpuMsPerPage,
      clientCpuMs: around.clientCpuMs,
      clientCpuMsPerPage: around.clientCpuMsPerPage,
      ...(f ? { staticFileP50Ms: figure(f.p50), staticFileP99Ms: figure(f.p99), staticFileRps: figure(f.rps) } : {}),
      serverRssMb: rssMb(server.pid),
      loadavg: loadavg(),
    }),
  );
  // wrk (ADR 34): the figure of record; the same clients, as browsers (gzip), after the same floor.
  const floorCpu0 = cpuOf(server, postmasterPid);
  const wf = floorSeconds > 0 ? await wrk(staticFile, clients, floorSeconds) : null;
  // The server's CPU per request of the static file: the framework's floor under any page.
  const staticFileCpuMs = wf ? round1(((cpuOf(server, postmasterPid).server - floorCpu0.server) / Math.max(1, wf.ok)) * 10) / 10 : null;
  await settle(db);
  const before = cpuOf(server, postmasterPid);
  const w = await wrk(url, clients, seconds, BROWSER);
  const cpuMsPerPage = cpuPer(before, cpuOf(server, postmasterPid), w.ok);
  await settle(db);
  result.pageP99Ms = w.failed === 0 ? figure(w.p99) : null;
  log(
    JSON.stringify({
      phase: "page",
      generator: "wrk",
      ...wrkFigures(w),
      clients,
      seconds,
      cpuMsPerPage,
      ...(wf ? { staticFileP50Ms: figure(wf.p50), staticFileP99Ms: figure(wf.p99), staticFileRps: figure(wf.rps), staticFileCpuMs } : {}),
      loadavg: loadavg(),
    }),
  );
  if (one.failed + many.failed + w.failed > 0) throw new Error(`${one.failed + many.failed + w.failed} page requests failed`);
}

/** Real-time mails the posts should bring: each follower who wants mail at once, once per post. */
async function expectedMails(db: pg.Pool, d: Discussion, posted: number): Promise<number> {
  const [r] = (
    await db.query<{ n: number }>(
      `select count(*)::int as n from follows f join users u on u.id = f.user_id
       where f.resource_type = 'petition' and f.resource_id = $1 and u.email is not null and u.email_frequency = 'realtime'`,
      [d.petitionId],
    )
  ).rows;
  return (r?.n ?? 0) * posted;
}

async function main(): Promise<number> {
  requireWrk();
  log(JSON.stringify({ sizes, posts, rate, clients, seconds, loadavg: loadavg() }));
  const smtp = await startSmtpSink();
  const rig = await openRig("bench-comments", keep, () => smtp.close());
  const { database, db } = rig;
  const result: Result = { comments: null, followers: null, pageP99Ms: null, postP99Ms: null, notified: null };
  let code = 0;
  try {
    const t0 = performance.now();
    const s = await startServer(database.url, { SMTP_URL: smtp.url });
    rig.server = s;
    log(`server pid ${s.pid} ready in ${Math.round(performance.now() - t0)} ms, RSS ${rssMb(s.pid).rss} MB`);
    const seedDb = new pg.Pool({ connectionString: database.url, max: 1, options: "-c synchronous_commit=off -c work_mem=64MB -c maintenance_work_mem=256MB" });
    seedDb.on("error", (e) => log(`[db] idle seed connection: ${e.message}`));
    const discussion = await seedDiscussion(seedDb, sizes, log).finally(() => seedDb.end());
    // The server's short caches (settings, lists) expire before measuring.
    await sleep(3_000);

    await measurePage(s, database.postmasterPid, db, discussion, result).catch((e: unknown) => {
      log(`page: ${String(e)}`);
      code = 1;
    });

    const [{ since } = { since: new Date() }] = (await db.query<{ since: Date }>("select now() as since")).rows;
    const port = Number(new URL(s.base).port);
    const page = `/petitions/${discussion.petitionId}`;
    const sessions = await openPosterSessions(port, page, discussion.posterTokens);
    await settle(db);
    const mailsBefore = smtp.received();
    const before = cpuOf(s, database.postmasterPid);
    const run = await postComments({ port, page, resource: { type: "petition", id: discussion.petitionId }, sessions, posts, perSecond: rate });
    // Includes the relay's and the mail queue's work during the posts (same process, same database).
    const afterPosts = cpuOf(s, database.postmasterPid);
    const cpuMsPerPost = cpuPer(before, afterPosts, run.latencies.length);
    const posted = run.latencies.length;
    const { p50Ms, p95Ms, p99Ms, maxMs } = latencyFigures(run.latencies);
    result.postP99Ms = posted > 0 ? p99Ms : null;
    log(JSON.stringify({ phase: "posts", posted, failed: run.failed, seconds: round1(run.seconds), p50Ms, p95Ms, maxMs, cpuMsPerPost, failures: run.failures, loadavg: loadavg() }));
    if (run.failed > 0 || posted === 0) code = 1;

    const drain = await waitForDrain(db, drainTimeout * 1000);
    // The relay's work left after the last post (and the mail queue's meanwhile), per post.
    log(JSON.stringify({ phase: "relay", ...drain, cpuMsPerPostAfter: cpuPer(afterPosts, cpuOf(s, database.postmasterPid), posted), loadavg: loadavg() }));
    if (!drain.drained) code = 1;
    result.notified = await countNotified(db, { type: "petition", id: discussion.petitionId }, since, posted, log);
    if (result.notified !== result.followers) code = 1;
    const mails = await waitForMailJobs(db, mailWait * 1000);
    log(JSON.stringify({ phase: "mail", ...mails, mailsExpected: await expectedMails(db, discussion, posted), mailsReceived: smtp.received() - mailsBefore, loadavg: loadavg() }));
  } catch (error) {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    code = 1;
  } finally {
    console.log(JSON.stringify(result));
    log(JSON.stringify({ loadavg: loadavg() }));
    await rig.stop();
  }
  return code;
}

runBench(main);
