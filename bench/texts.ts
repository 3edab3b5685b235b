/**
 * The texts benchmark (issue 14): `npm run bench:texts`.
 *
 *   1. Re-anchoring alone (the engine, no database): a 400-block text (the size of a municipal
 *      constitution, one heading in ten) with 5,000 annotations, across a version that rewrites 20 % of
 *      the blocks and moves 10 % of them (src/engines/texts/synthetic.ts): `reanchorMs`, the median of
 *      5 runs after a warm-up, with how many annotations were kept, moved and orphaned on standard error.
 *   2. The text page: its own embedded PostgreSQL and a Pnyx server (`./bin/pnyx start`, production
 *      mode); a published text in a public space with those 400 blocks, the 5,000 annotations and
 *      10,000 comments on its blocks (SQL); the page `<component>/texts/:id` (the table of contents
 *      and every block with its counts) requested by 50 concurrent anonymous clients for 20 s asking as
 *      browsers do (`Accept-Encoding: gzip`), first with autocannon (its figures on standard error,
 *      comparable with the runs before ADR 34), then with wrk: `pageP99Ms` (wrk's; the benchmark stops
 *      at once, with the install command, when wrk is missing); `annotations` and `comments` are the
 *      rows in the database then. On
 *      standard error: the page's bytes plain and gzipped, and the CPU per page (server and PostgreSQL
 *      apart, the load-independent figure) of one client asking as a hard reload does (counts read
 *      live, no visitor cache) and of the 50 clients, and the CPU the load generator spent per page.
 *
 * Standard output: one line {"blocks","annotations","comments","reanchorMs","pageP99Ms"}, printed even
 * when a target is missed or a phase failed (its figure then null). Exit code 1 when a phase failed.
 * Options: --blocks N (400), --annotations N (5000), --comments N (10000), --clients N (50),
 * --seconds N (20), --keep. Targets (issue 14): reanchorMs < 1000, pageP99Ms < 100.
 */
import http from "node:http";
import pg from "pg";
import { reanchor } from "../src/engines/texts/reanchor";
import { syntheticCase } from "../src/engines/texts/synthetic";
import { agent } from "./lib/http";
import { load, settle } from "./lib/load";
import { figure, pageFigures, runBench } from "./lib/report";
import { requireWrk, wrk, wrkFigures } from "./lib/wrk";
import { log, loadavg, option, postgresCpuMs, processCpuMs, startDatabase, startServer, stopServer, type Server } from "./lib/server";

const blockCount = option("--blocks", 400);
const annotationCount = option("--annotations", 5000);
const commentCount = option("--comments", 10_000);
const clients = option("--clients", 50);
const seconds = option("--seconds", 20);
const keep = process.argv.includes("--keep");

interface Result {
  blocks: number | null;
  annotations: number | null;
  comments: number | null;
  reanchorMs: number | null;
  pageP99Ms: number | null;
}

/** The one-client run asks for the page as a hard reload does: the counts read live, not shared for the visitor cache's moment. */
const BROWSER = { "accept-encoding": "gzip, deflate, br" };
const NO_CACHE = { "cache-control": "no-cache" };

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function reanchorPhase(result: Result): ReturnType<typeof syntheticCase> {
  const c = syntheticCase({ blocks: blockCount, annotations: annotationCount, rewrite: 0.2, move: 0.1, seed: 42 });
  reanchor(c.oldBlocks, c.newBlocks, c.annotations);
  const times: number[] = [];
  let summary = { kept: 0, moved: 0, orphaned: 0 };
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = reanchor(c.oldBlocks, c.newBlocks, c.annotations);
    times.push(performance.now() - t0);
    summary = { kept: r.kept, moved: r.moved, orphaned: r.orphaned };
  }
  result.reanchorMs = figure(median(times));
  log(JSON.stringify({ phase: "reanchor", runsMs: times.map((t) => figure(t)), ...summary, loadavg: loadavg() }));
  return c;
}

async function seed(db: pg.Pool, blocks: string[], c: ReturnType<typeof syntheticCase>): Promise<string> {
  const t0 = performance.now();
  const slug = `bench-text-${Date.now()}`;
  const space = await db.query<{ id: string }>(`insert into spaces (type, slug, title, published_at) values ('assembly', $1, '{"en":"Bench assembly"}'::jsonb, now()) returning id`, [slug]);
  const spaceId = Number(space.rows[0]?.id);
  const settings = { global: { maxLength: 2000 }, defaultStep: { phase: "commenting", commentsEnabled: true, annotationsEnabled: true, amendmentsEnabled: false, announcement: {} }, steps: {} };
  const component = await db.query<{ id: string }>(
    `insert into components (space_id, manifest, name, settings, published_at) values ($1, 'texts', '{"en":"Charter"}'::jsonb, $2::jsonb, now()) returning id`,
    [spaceId, JSON.stringify(settings)],
  );
  const componentId = Number(component.rows[0]?.id);
  const text = await db.query<{ id: string }>(`insert into texts (component_id, title, locale, published) values ($1, '{"en":"Municipal charter"}'::jsonb, 'en', true) returning id`, [componentId]);
  const textId = Number(text.rows[0]?.id);
  const version = await db.query<{ id: string }>(
    `insert into text_versions (text_id, number, status, source, published_at) values ($1, 1, 'published', $2, now()) returning id`,
    [textId, blocks.join("\n\n")],
  );
  const versionId = Number(version.rows[0]?.id);
  await db.query(`update texts set current_version_id = $1 where id = $2`, [versionId, textId]);
  const ids = (
    await db.query<{ id: string }>(`insert into text_blocks (text_id, created_in_version_id) select $1, $2 from generate_series(1, $3::int) returning id`, [textId, versionId, blocks.length])
  ).rows
    .map((r) => Number(r.id))
    .sort((a, b) => a - b);
  const heading = blocks.map((b) => b.startsWith("#"));
  await db.query(
    `insert into text_version_blocks (version_id, block_id, position, kind, level, number, body, change)
     select $1, t.block_id, t.position - 1, case when t.heading then 'article' else 'paragraph' end, case when t.heading then 2 else 0 end,
            case when t.heading then substring(t.body from 'Article ([0-9]+)') end, regexp_replace(t.body, '^#+ ', ''), 'new'
     from unnest($2::bigint[], $3::text[], $4::boolean[]) with ordinality as t(block_id, body, heading, position)`,
    [versionId, ids, blocks, heading],
  );
  const users = await db.query<{ id: string }>(
    `insert into users (email, name, password_hash, locale, email_confirmed_at, terms_accepted_at, follow_by_default, created_at, updated_at)
     select 'bench-reader-' || g || '@bench.example', 'Reader ' || g, '!bench-no-password', 'en', now(), now(), false, now(), now() from generate_series(1, 500) g returning id`,
  );
  const userIds = users.rows.map((r) => Number(r.id));
  const a = c.annotations;
  await db.query(
    `insert into text_annotations (text_id, author_id, block_id, version_id, exact, prefix, suffix, start, "end", body, original_block_id, original_version_id)
     select $1, t.author, t.block, $2, t.exact, t.prefix, t.suffix, t.s, t.e, 'A note on this passage.', t.block, $2
     from unnest($3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::int[], $9::int[]) as t(author, block, exact, prefix, suffix, s, e)`,
    [textId, versionId, a.map((_, i) => userIds[i % userIds.length]), a.map((x) => ids[x.block]), a.map((x) => x.exact), a.map((x) => x.prefix), a.map((x) => x.suffix), a.map((x) => x.start), a.map((x) => x.end)],
  );
  // Comments on paragraphs (most on the first articles, as in a real reading), a third of them replies.
  await db.query(
    `insert into comments (component_id, space_id, resource_type, resource_id, depth, author_id, body, locale, alignment)
     select $1, $2, 'text_block', ($3::bigint[])[1 + ((g * g) % array_length($3::bigint[], 1))], 0, ($4::bigint[])[1 + g % 500],
            'Comment ' || g || ' on this paragraph.', 'en', (g % 3) - 1
     from generate_series(1, $5::int) g`,
    [componentId, spaceId, ids.filter((_, i) => !heading[i]), userIds, commentCount],
  );
  await db.query(`update comments set root_id = id where root_id is null and component_id = $1`, [componentId]);
  await db.query("vacuum analyze");
  log(JSON.stringify({ seeded: { blocks: blocks.length, annotations: a.length, comments: commentCount, textId }, ms: Math.round(performance.now() - t0) }));
  return `/spaces/${slug}/c/${componentId}/texts/${textId}`;
}

/** Bytes of the page as sent with and without `Accept-Encoding: gzip` (a browser's request and autocannon's). */
async function pageBytes(url: string): Promise<{ bytes: number; gzipBytes: number | null }> {
  const plain = await get(url, {});
  if (plain.status !== 200) throw new Error(`the text page answered ${plain.status}`);
  const gzip = await get(url, { "accept-encoding": "gzip" });
  return { bytes: plain.bytes, gzipBytes: gzip.encoding === "gzip" ? gzip.bytes : null };
}

function get(url: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent }, (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => (bytes += chunk.length));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes, encoding: res.headers["content-encoding"] }));
      })
      .on("error", reject);
  });
}

async function pagePhase(server: Server, db: pg.Pool, database: { postmasterPid: number }, path: string, result: Result): Promise<boolean> {
  const url = `${server.base}${path}`;
  const sizes = await pageBytes(url);
  // CPU per page, server and PostgreSQL apart: one client (a hard reload, live counts) and the concurrent run.
  const cpu = () => ({ server: processCpuMs(server.pid), postgres: postgresCpuMs(database.postmasterPid) });
  const perPage = (a: ReturnType<typeof cpu>, b: ReturnType<typeof cpu>, pages: number) => ({ server: figure((b.server - a.server) / Math.max(1, pages)), postgres: figure((b.postgres - a.postgres) / Math.max(1, pages)) });
  await load(url, 1, 3, NO_CACHE);
  await settle(db);
  const cpu0 = cpu();
  const one = await load(url, 1, 5, NO_CACHE);
  const cpu1 = cpu();
  await settle(db);
  const cpu1b = cpu();
  // The 50 clients ask as browsers do (Accept-Encoding: gzip): a page of this size is sent compressed.
  const own0 = process.cpuUsage();
  const many = await load(url, clients, seconds, BROWSER);
  const cpu2 = cpu();
  const own = process.cpuUsage(own0);
  await settle(db);
  // wrk (ADR 34): the figure of record, the same clients asking the same way.
  const cpu3 = cpu();
  const w = await wrk(url, clients, seconds, BROWSER);
  const cpu4 = cpu();
  await settle(db);
  result.pageP99Ms = w.failed === 0 ? figure(w.p99) : null;
  const perMille = (ms: number, n: number) => Math.round((ms / Math.max(1, n)) * 1000) / 1000;
  const counts = await db.query<{ annotations: string; comments: string }>(
    `select (select count(*) from text_annotations) as annotations, (select count(*) from comments where resource_type = 'text_block') as comments`,
  );
  result.annotations = Number(counts.rows[0]?.annotations);
  result.comments = Number(counts.rows[0]?.comments);
  const [oneCpu, manyCpu] = [perPage(cpu0, cpu1, one.ok), perPage(cpu1b, cpu2, many.ok)];
  log(
    JSON.stringify({
      phase: "page",
      generator: "autocannon",
      ...sizes,
      ...pageFigures(one, many),
      failed: many.failed,
      cpuMsPerPage: figure((cpu2.server + cpu2.postgres - cpu1b.server - cpu1b.postgres + cpu1.server + cpu1.postgres - cpu0.server - cpu0.postgres) / Math.max(1, one.ok + many.ok)),
      cpuMsPerPage1: oneCpu,
      cpuMsPerPageMany: manyCpu,
      clientCpuMs: Math.round((own.user + own.system) / 1000),
      clientCpuMsPerPage: perMille((own.user + own.system) / 1000, many.ok),
      loadavg: loadavg(),
    }),
  );
  log(
    JSON.stringify({
      phase: "page",
      generator: "wrk",
      ...wrkFigures(w),
      cpuMsPerPageMany: perPage(cpu3, cpu4, w.ok),
      loadavg: loadavg(),
    }),
  );
  return many.failed === 0 && w.failed === 0;
}

async function main(): Promise<number> {
  log(JSON.stringify({ blocks: blockCount, annotations: annotationCount, comments: commentCount, clients, seconds, loadavg: loadavg() }));
  const result: Result = { blocks: blockCount, annotations: null, comments: null, reanchorMs: null, pageP99Ms: null };
  requireWrk();
  let ok = true;
  const c = reanchorPhase(result);
  const database = await startDatabase("bench-texts", keep);
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  db.on("error", (e) => log(`[db] idle connection: ${e.message}`));
  let server: Server | null = null;
  try {
    server = await startServer(database.url);
    const path = await seed(db, c.oldBlocks, c);
    ok = (await pagePhase(server, db, database, path, result)) && ok;
  } catch (error) {
    ok = false;
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    console.log(JSON.stringify(result));
    if (server) await stopServer(server);
    agent.destroy();
    await db.end().catch(() => {});
    await database.stop();
  }
  return ok ? 0 : 1;
}

runBench(main);
