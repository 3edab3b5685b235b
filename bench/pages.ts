/**
 * The scale benchmark (issue 11): `npm run bench:pages`.
 *
 * Starts its own embedded PostgreSQL (under .pnyx-test/) and a Pnyx server in a separate process
 * (`./bin/pnyx start`, production mode, which seeds the demo on first start), then measures every
 * registered page (bench/pages/index.ts) first on the demo data, then on the large data (each phase
 * opens with one second of one client on every page, so that no page meets a colder server than
 * another): each component's SQL seed (10,000 users, 200 spaces, 10,000 petitions, 1,000,000 signatures: three near
 * 100,000, then a long tail; 10,000 proposals with 200,000 supports and 100,000 comments in the demo consultation), followed by VACUUM ANALYZE. Per page: a 2 s warm-up, one client for 10 s
 * (`p50Ms1`, each request with `Cache-Control: no-cache`: the page rendered anew, not the visitor cache), then 50 concurrent clients for 20 s (`p50Ms`, `p99Ms`, `rps`), with autocannon; between
 * runs, the benchmark waits until the database has no active query left. An export (`/petitions.csv`)
 * is downloaded once per data set instead, timed to its last byte (all four figures are that time;
 * `items` says so).
 *
 * Standard output: one JSON line per page on the large data,
 *   {"page","items","p50Ms","p99Ms","rps","p50Ms1"} (plus "errors" when any request failed, timed out
 *   or was not 2xx), then {"pages","petitions","signatures","worstP99Ms","worstRatio","rssAfterMb","proposals",
 *   "proposalSupports","proposalComments"}: `petitions`, `signatures` and the last three are rows in the large data, `worstP99Ms` the largest 50-client p99
 *   and `worstRatio` the largest one-client p50 on the large data over the one on the demo data (both
 *   over pages and API responses, exports excluded), `rssAfterMb` the server's RSS one minute after
 *   the last load. Lines are printed even when a target is missed.
 * Standard error: progress, the seed's timings and row counts, the same lines on the demo data
 * ({"data":"demo",...}), each page's details (URL, status, bytes, requests, one-client p99, the server's
 * RSS and peak RSS after it) and the load average.
 *
 * Options: --clients N (50), --seconds N (20: the 50-client runs), --seconds1 N (10: one client),
 * --warmup N (2), --budget N (13: minutes of load at most; the durations shrink to fit when pages are
 * added), --rss-wait N (60), --scale F (1: multiplies the large data's sizes, for quick trials),
 * --only a,b (pages whose name contains one of these), --keep (keep the database folder).
 */
import pg from "pg";
import { load, settle } from "./lib/load";
import { measureUrl, pageFigures, runBench } from "./lib/report";
import { log, loadavg, option, round1, rssMb, sleep, startDatabase, startServer, stopServer, textOption, type Server } from "./lib/server";
import { benchComponents } from "./pages/index";
import { LARGE, type BenchPage, type PageContext, type Sizes } from "./pages/lib";

const clients = option("--clients", 50);
const warmup = option("--warmup", 2);
const rssWait = option("--rss-wait", 60);
const scale = option("--scale", 1);
const budgetSeconds = option("--budget", 13) * 60;
const only = textOption("--only")?.split(",").filter(Boolean) ?? null;
const keep = process.argv.includes("--keep");
/**
 * The one client asks for a fresh page each time (a hard reload's header): its p50 is the page's own
 * cost at this size, what `worstRatio` compares. The 50 clients are visitors as they come, served from
 * the visitor cache as in production (ADR 10).
 */
const FRESH = { "cache-control": "no-cache" };
/** An export gets this long to download. */
const EXPORT_TIMEOUT_MS = 120_000;

const pages: BenchPage[] = benchComponents.flatMap((c) => c.pages).filter((p) => !only || only.some((o) => p.page.includes(o)));
const loadPages = pages.filter((p) => !p.export).length;

/** The run durations, shrunk in proportion when all the pages would not fit in the budget. */
const durations = (() => {
  const d50 = option("--seconds", 20);
  const d1 = option("--seconds1", 10);
  const settleSeconds = 3;
  const planned = 2 * loadPages * (warmup + d1 + d50 + settleSeconds);
  if (planned <= budgetSeconds || loadPages === 0) return { d50, d1 };
  const f = Math.max(0.1, (budgetSeconds / (2 * loadPages) - warmup - settleSeconds) / (d1 + d50));
  return { d50: Math.max(3, Math.round(d50 * f)), d1: Math.max(2, Math.round(d1 * f)) };
})();

interface Line {
  page: string;
  items: number | string;
  p50Ms: number | null;
  p99Ms: number | null;
  rps: number | null;
  p50Ms1: number | null;
  errors?: number;
}

/** One second of one client on every page, so the first pages measured do not meet a colder server than the last. */
async function warmPass(ctx: PageContext, server: Server, db: pg.Pool): Promise<void> {
  for (const page of pages) {
    if (page.export) continue;
    const url = await page.url(ctx);
    await load(server.base + url, 1, 1).catch(() => null);
  }
  await settle(db);
}

async function measure(page: BenchPage, ctx: PageContext, server: Server, db: pg.Pool): Promise<Line> {
  const base = server.base;
  const url = await page.url(ctx);
  if (page.export) {
    const t0 = performance.now();
    try {
      const res = await fetch(base + url, { signal: AbortSignal.timeout(EXPORT_TIMEOUT_MS) });
      const body = await res.text();
      const ms = round1(performance.now() - t0);
      const rows = page.items(body);
      log(JSON.stringify({ data: ctx.data, page: page.page, url, status: res.status, bytes: Buffer.byteLength(body), downloadMs: ms, serverRssMb: rssMb(server.pid) }));
      return { page: page.page, items: `export: ${rows} rows, one full download (not under load)`, p50Ms: ms, p99Ms: ms, rps: Math.round(100_000 / ms) / 100, p50Ms1: ms, ...(res.status === 200 ? {} : { errors: 1 }) };
    } catch (error) {
      log(JSON.stringify({ data: ctx.data, page: page.page, url, error: String(error) }));
      return { page: page.page, items: `export: failed or over ${EXPORT_TIMEOUT_MS / 1000} s (${Math.round(performance.now() - t0)} ms)`, p50Ms: null, p99Ms: null, rps: null, p50Ms1: null, errors: 1 };
    }
  }
  const first = await ctx.get(url);
  let items = 0;
  try {
    items = page.items(first.body);
  } catch {
    items = 0;
  }
  const { one, many } = await measureUrl(db, base + url, { warmup, seconds1: durations.d1, clients, seconds: durations.d50, oneClientHeaders: FRESH });
  const failed = one.failed + many.failed + (first.status === 200 ? 0 : 1);
  log(JSON.stringify({ data: ctx.data, page: page.page, url, status: first.status, bytes: Buffer.byteLength(first.body), requests1: one.ok, p99Ms1: round1(one.p99), requests: many.ok, failed, serverRssMb: rssMb(server.pid), loadavg: loadavg() }));
  return { page: page.page, items, ...pageFigures(one, many), ...(failed > 0 ? { errors: failed } : {}) };
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const sizes: Sizes = { users: Math.round(LARGE.users * scale), spaces: Math.round(LARGE.spaces * scale), petitions: Math.round(LARGE.petitions * scale), signatures: Math.round(LARGE.signatures * scale) };
  log(JSON.stringify({ pages: pages.map((p) => p.page), seconds: durations.d50, seconds1: durations.d1, clients, sizes, loadavg: loadavg() }));
  const location = await startDatabase("bench-pages", keep);
  const db = new pg.Pool({ connectionString: location.url, max: 2 });
  // An idle connection cut when the database stops at the end is no failure of the benchmark.
  db.on("error", (e) => log(`[db] idle connection: ${e.message}`));
  let server: Server | null = null;
  const stopAll = async () => {
    if (server) await stopServer(server);
    server = null;
    await db.end().catch(() => {});
    await location.stop();
  };
  process.once("SIGINT", () => void stopAll().then(() => process.exit(130)));
  let code = 0;
  const demo = new Map<string, Line>();
  const large = new Map<string, Line>();
  let rssAfterMb: number | null = null;
  try {
    const t0 = performance.now();
    const s = await startServer(location.url);
    server = s;
    log(`server pid ${s.pid} ready in ${Math.round(performance.now() - t0)} ms, RSS ${rssMb(s.pid).rss} MB`);
    const get = async (p: string) => {
      const res = await fetch(s.base + p);
      return { status: res.status, body: await res.text() };
    };

    await warmPass({ data: "demo", db, get }, s, db);
    for (const page of pages) {
      const line = await measure(page, { data: "demo", db, get }, s, db).catch((e: unknown) => {
        log(`demo ${page.page}: ${String(e)}`);
        return null;
      });
      if (line) {
        demo.set(page.page, line);
        log(JSON.stringify({ data: "demo", ...line }));
      }
    }
    log(JSON.stringify({ rssAfterDemoMb: rssMb(s.pid) }));

    // The large data: each component's SQL seed, then statistics and the visibility map.
    const seedDb = new pg.Pool({ connectionString: location.url, max: 1, options: "-c synchronous_commit=off -c work_mem=64MB -c maintenance_work_mem=512MB" });
    seedDb.on("error", (e) => log(`[db] idle seed connection: ${e.message}`));
    const seedStart = performance.now();
    try {
      for (const c of benchComponents) await c.seed?.({ db: seedDb, sizes, log });
      const seedMs = Math.round(performance.now() - seedStart);
      await seedDb.query("vacuum analyze");
      const totalMs = Math.round(performance.now() - seedStart);
      const counts = (await seedDb.query<Record<string, number>>(`select
        (select count(*)::int from users) as users, (select count(*)::int from spaces) as spaces, (select count(*)::int from petitions) as petitions,
        (select count(*)::int from petition_signatures) as signatures, (select count(*)::int from petition_signatures where state = 'confirmed') as confirmed,
        (select coalesce(sum(count), 0)::int from petition_counts k where exists (select 1 from petition_signatures s where s.petition_id = k.petition_id)) as counted,
        (select max(n)::int from (select sum(count) as n from petition_counts group by petition_id) x) as biggest`)).rows[0];
      // `counted`: the petitions with signature rows (the demo's citizens' suggestion has an aggregate only).
      log(JSON.stringify({ seedMs, seedAndVacuumMs: totalMs, underTwoMinutes: totalMs < 120_000, ...counts, countsMatch: counts?.confirmed === counts?.counted, loadavg: loadavg() }));
    } finally {
      await seedDb.end();
    }
    // Let the server's short caches (totals, lists) expire before measuring.
    await sleep(10_000);
    await warmPass({ data: "large", db, get }, s, db);

    for (const page of pages) {
      const line = await measure(page, { data: "large", db, get }, s, db).catch((e: unknown) => {
        log(`large ${page.page}: ${String(e)}`);
        return { page: page.page, items: `failed: ${String(e)}`, p50Ms: null, p99Ms: null, rps: null, p50Ms1: null, errors: 1 } satisfies Line;
      });
      large.set(page.page, line);
      console.log(JSON.stringify(line));
    }
    log(JSON.stringify({ rssRightAfterLoadMb: rssMb(s.pid), loadavg: loadavg() }));
    await sleep(rssWait * 1000);
    rssAfterMb = rssMb(s.pid).rss;
  } catch (error) {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    code = 1;
  } finally {
    let petitions: number | null = null;
    let signatures: number | null = null;
    let rows: Record<string, number> = {};
    try {
      const r = await db.query<{ p: number; s: number; proposals: number; supports: number; comments: number }>(
        "select (select count(*)::int from petitions) as p, (select count(*)::int from petition_signatures) as s, (select count(*)::int from proposals) as proposals, (select count(*)::int from proposal_supports) as supports, (select count(*)::int from comments where resource_type = 'proposal') as comments",
      );
      petitions = r.rows[0]?.p ?? null;
      signatures = r.rows[0]?.s ?? null;
      rows = { proposals: r.rows[0]?.proposals ?? 0, proposalSupports: r.rows[0]?.supports ?? 0, proposalComments: r.rows[0]?.comments ?? 0 };
    } catch {
      // The database is gone: the counts stay null.
    }
    const measured = pages.filter((p) => !p.export).map((p) => ({ l: large.get(p.page), d: demo.get(p.page) }));
    const p99s = measured.map(({ l }) => l?.p99Ms).filter((n): n is number => typeof n === "number");
    const ratios = measured.map(({ l, d }) => (l?.p50Ms1 && d?.p50Ms1 ? l.p50Ms1 / d.p50Ms1 : NaN)).filter((n) => Number.isFinite(n));
    if (large.size > 0) {
      console.log(JSON.stringify({ pages: large.size, petitions, signatures, worstP99Ms: p99s.length ? Math.max(...p99s) : null, worstRatio: ratios.length ? Math.round(Math.max(...ratios) * 100) / 100 : null, rssAfterMb, ...rows }));
    }
    log(JSON.stringify({ loadavg: loadavg() }));
    await stopAll();
  }
  return code;
}

runBench(main);
