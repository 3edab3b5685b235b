/**
 * The budgets benchmark (issue 15): `npm run bench:budgets`.
 *
 * Starts its own embedded PostgreSQL and a Pnyx server in a separate process (`./bin/pnyx start`,
 * production mode), seeds a published budgets component in a public space with one approval budget of
 * 150 projects, voting open, and 60,000 voters with signed-in sessions (accounts and sessions created
 * beforehand, in SQL), then:
 *   1. each voter checks out an approval ballot (1 to 8 projects, the popular ones more often) over
 *      HTTP in one request (`POST <component>/budgets/:id/ballot/checkout` with the whole ballot), 50
 *      clients back to back: `ballotsPerSecond`, `p99Ms`; `lost` = ballots acknowledged (303 with no
 *      error) that are not checked out in the database afterwards;
 *   2. an administrator asks for the outcome with MES + Add1 on the budget's outcome page (a form post);
 *      the platform's job computes it in its worker thread: `outcomeMs`, from the post until the
 *      outcome is stored as done (polled every 20 ms).
 *
 * Standard output: one line {"ballots","ballotsPerSecond","p99Ms","lost","outcomeMs"} (`ballots`: the
 * ballots checked out in the database), printed even when a phase failed (its figure then null). Exit
 * code 1 when a phase failed or a ballot was lost. Standard error: progress, failures, p50/p95, the
 * outcome's status, duration in the worker and selection, the load average, and the CPU per ballot of
 * the server, of PostgreSQL and of this load generator (on the same cores), with the commits per ballot
 * and the checkpoints and autovacuum runs that fell in the checkout phase (and on which tables).
 * With PNYX_BENCH_PG_STATS=1, the checkouts' top statements (bench/lib/pg-stats.ts).
 *
 * Options: --voters N (60000), --projects N (150), --clients N (50), --keep (keep the database folder).
 * Targets (issue 15): ballotsPerSecond >= 500, p99Ms < 200, lost 0, outcomeMs < 2000.
 */
import { createHash, randomBytes } from "node:crypto";
import type pg from "pg";
import { flashKind, openFormSession, request } from "./lib/http";
import { percentile } from "./lib/load";
import { figure, runBench } from "./lib/report";
import { log, loadavg, option, postgresCpuMs, processCpuMs, round1, sleep, startServer, type Server } from "./lib/server";
import { openRig } from "./lib/rig";

const voters = option("--voters", 60_000);
const projectCount = option("--projects", 150);
const clients = option("--clients", 50);
const keep = process.argv.includes("--keep");

interface Result {
  ballots: number | null;
  ballotsPerSecond: number | null;
  p99Ms: number | null;
  lost: number | null;
  outcomeMs: number | null;
}

interface Place {
  spaceId: number;
  slug: string;
  componentId: number;
  budgetId: number;
  projectIds: number[];
}

const sha256 = (t: string) => createHash("sha256").update(t).digest("hex");

async function seed(db: pg.Pool): Promise<{ place: Place; voterTokens: string[]; voterIds: number[]; adminToken: string }> {
  const t0 = performance.now();
  const slug = `bench-budget-${Date.now()}`;
  const space = await db.query<{ id: string }>(
    `insert into spaces (type, slug, title, published_at) values ('process', $1, '{"en":"Bench budget"}'::jsonb, now()) returning id`,
    [slug],
  );
  const spaceId = Number(space.rows[0]?.id);
  const settings = { global: { workflow: "one", projectsPerPage: 50 }, defaultStep: { votes: "enabled", showVotes: false, changeVoteAllowed: false, announcement: {} }, steps: {} };
  const component = await db.query<{ id: string }>(
    `insert into components (space_id, manifest, name, settings, published_at) values ($1, 'budgets', '{"en":"Budgets"}'::jsonb, $2::jsonb, now()) returning id`,
    [spaceId, JSON.stringify(settings)],
  );
  const componentId = Number(component.rows[0]?.id);
  const budget = await db.query<{ id: string }>(
    `insert into budgets (component_id, title, total, currency, vote_type) values ($1, '{"en":"School budget"}'::jsonb, 2000000, 'EUR', 'approval') returning id`,
    [componentId],
  );
  const budgetId = Number(budget.rows[0]?.id);
  const projects = await db.query<{ id: string }>(
    `insert into budget_projects (budget_id, component_id, external_id, title, cost, weight)
     select $1, $2, g::text, jsonb_build_object('en', 'Project ' || g), 10000 + (g * 7919) % 90000, g from generate_series(1, $3::int) g returning id`,
    [budgetId, componentId, projectCount],
  );
  const projectIds = projects.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  const users = await db.query<{ id: string }>(
    `insert into users (email, name, password_hash, locale, email_confirmed_at, terms_accepted_at, follow_by_default, created_at, updated_at)
     select 'bench-voter-' || g || '@bench.example', 'Voter ' || g, '!bench-no-password', 'en', now(), now(), false, now(), now()
     from generate_series(1, $1::int) g returning id`,
    [voters],
  );
  const voterIds = users.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  const voterTokens = voterIds.map(() => randomBytes(32).toString("base64url"));
  await db.query(
    `insert into sessions (id, user_id, csrf_secret, expires_at)
     select t.hash, t.user_id, md5(t.hash), now() + interval '1 day' from unnest($1::text[], $2::bigint[]) as t(hash, user_id)`,
    [voterTokens.map(sha256), voterIds],
  );
  const admin = await db.query<{ id: string }>(
    `insert into users (email, name, password_hash, locale, email_confirmed_at, terms_accepted_at, is_admin, created_at, updated_at)
     values ('bench-budget-admin@bench.example', 'Admin', '!bench-no-password', 'en', now(), now(), true, now(), now()) returning id`,
  );
  const adminToken = randomBytes(32).toString("base64url");
  await db.query(`insert into sessions (id, user_id, csrf_secret, expires_at) values ($1, $2, md5($1), now() + interval '1 day')`, [sha256(adminToken), Number(admin.rows[0]?.id)]);
  await db.query("vacuum analyze");
  log(JSON.stringify({ seeded: { voters, projects: projectIds.length, budgetId }, ms: Math.round(performance.now() - t0) }));
  return { place: { spaceId, slug, componentId, budgetId, projectIds }, voterTokens, voterIds, adminToken };
}

/** A voter's approval ballot: 1 to 8 projects, the first ones of the list more often. */
function ballotOf(n: number, projectIds: number[]): number[] {
  // mulberry32, in 32-bit integer arithmetic (a plain LCG on doubles loses its low bits and can cycle
  // on a few values, so a ballot of k distinct projects never fills).
  let s = (n * 2654435761) >>> 0;
  const rnd = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const k = 1 + Math.floor(rnd() * 8);
  const chosen = new Set<number>();
  while (chosen.size < Math.min(k, projectIds.length)) chosen.add(projectIds[Math.floor(rnd() * rnd() * projectIds.length)] ?? projectIds[0] ?? 0);
  return [...chosen];
}

/**
 * The CPU both sides spent so far, the database's committed transactions (autocommit statements count one
 * each), and its checkpoints and autovacuum/autoanalyze runs (PostgreSQL's CPU counts its whole process tree).
 */
async function usage(server: Server, db: pg.Pool, postmasterPid: number): Promise<{ server: number; postgres: number; commits: number; checkpoints: number; autovacuums: number }> {
  const [row] = (
    await db.query<{ commits: string; autovacuums: string }>(
      `select (select xact_commit from pg_stat_database where datname = current_database())::text as commits,
         (select coalesce(sum(autovacuum_count + autoanalyze_count), 0) from pg_stat_user_tables)::text as autovacuums`,
    )
  ).rows;
  // PostgreSQL 17 counts checkpoints in pg_stat_checkpointer, earlier versions in pg_stat_bgwriter.
  const checkpoints = await db
    .query<{ n: string }>("select (num_timed + num_requested)::text as n from pg_stat_checkpointer")
    .catch(() => db.query<{ n: string }>("select (checkpoints_timed + checkpoints_req)::text as n from pg_stat_bgwriter"));
  return { server: processCpuMs(server.pid), postgres: postgresCpuMs(postmasterPid), commits: Number(row?.commits ?? 0), checkpoints: Number(checkpoints.rows[0]?.n ?? 0), autovacuums: Number(row?.autovacuums ?? 0) };
}

async function checkouts(server: Server, db: pg.Pool, postmasterPid: number, place: Place, tokens: string[], result: Result): Promise<{ acknowledged: number[]; ok: boolean }> {
  const port = Number(new URL(server.base).port);
  // One browser's CSRF cookie and token (the secret is in a signed cookie, not in the session): every
  // voter's request carries it with their own session cookie.
  const form = await openFormSession(port, "/users/sign-in");
  const path = `/spaces/${place.slug}/c/${place.componentId}/budgets/${place.budgetId}/ballot/checkout`;
  const latencies: number[] = [];
  const acknowledged: number[] = [];
  const failures: string[] = [];
  let failed = 0;
  let next = 0;
  const before = await usage(server, db, postmasterPid);
  const client = process.cpuUsage();
  const started = performance.now();
  const lane = async () => {
    for (let n = next++; n < tokens.length; n = next++) {
      const body = new URLSearchParams([["_csrf", form.csrf], ...ballotOf(n, place.projectIds).map((id): [string, string] => ["projectId", String(id)])]).toString();
      const t0 = performance.now();
      try {
        const res = await request(port, "POST", path, { cookie: `${form.cookie}; pnyx_session=${tokens[n]}`, "content-type": "application/x-www-form-urlencoded" }, body);
        const ms = performance.now() - t0;
        const kind = flashKind(res);
        if (res.status === 303 && kind !== "error") {
          latencies.push(ms);
          acknowledged.push(n);
        } else {
          failed++;
          if (failures.length < 5) failures.push(`${res.status} ${kind ?? ""} ${res.headers.location ?? ""} ${res.body.slice(0, 200).replace(/\s+/g, " ")}`);
        }
      } catch (error) {
        failed++;
        if (failures.length < 5) failures.push(String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, lane));
  const seconds = (performance.now() - started) / 1000;
  const clientCpu = process.cpuUsage(client);
  // pg_stat_database lags by up to its flush interval (1 s): wait it out before reading the counters.
  await sleep(1_100);
  const after = await usage(server, db, postmasterPid);
  const per = (n: number) => Math.round((n / Math.max(1, tokens.length)) * 1000) / 1000;
  const vacuumed = (
    await db.query<{ relname: string; vacuums: number; analyzes: number }>(
      "select relname, autovacuum_count::int as vacuums, autoanalyze_count::int as analyzes from pg_stat_user_tables where autovacuum_count + autoanalyze_count > 0 order by relname",
    )
  ).rows;
  log(JSON.stringify({ phase: "checkouts-autovacuum", tables: vacuumed.map((t) => `${t.relname} ${t.vacuums}v ${t.analyzes}a`) }));
  log(JSON.stringify({ phase: "checkouts-cpu", serverCpuMsPerBallot: per(after.server - before.server), postgresCpuMsPerBallot: per(after.postgres - before.postgres), commitsPerBallot: per(after.commits - before.commits), clientCpuMsPerBallot: per((clientCpu.user + clientCpu.system) / 1000), checkpoints: after.checkpoints - before.checkpoints, autovacuums: after.autovacuums - before.autovacuums }));
  latencies.sort((a, b) => a - b);
  result.ballotsPerSecond = figure(latencies.length / seconds);
  result.p99Ms = latencies.length > 0 ? figure(percentile(latencies, 99)) : null;
  log(JSON.stringify({ phase: "checkouts", acknowledged: latencies.length, failed, seconds: round1(seconds), p50Ms: figure(percentile(latencies, 50)), p95Ms: figure(percentile(latencies, 95)), failures, loadavg: loadavg() }));
  return { acknowledged, ok: failed === 0 };
}

async function outcome(server: Server, db: pg.Pool, place: Place, adminToken: string, result: Result): Promise<boolean> {
  const port = Number(new URL(server.base).port);
  const page = `/admin/spaces/${place.spaceId}/components/${place.componentId}/manage/${place.budgetId}/outcome`;
  const form = await openFormSession(port, page, `pnyx_session=${adminToken}`);
  const t0 = performance.now();
  const res = await request(port, "POST", page, { cookie: form.cookie, "content-type": "application/x-www-form-urlencoded" }, new URLSearchParams({ _csrf: form.csrf, rule: "mes-add1", threshold: "" }).toString());
  if (res.status !== 303) throw new Error(`the outcome request answered ${res.status}: ${res.body.slice(0, 200)}`);
  for (;;) {
    const row = (await db.query<{ status: string; duration_ms: number | null; error: string | null; selected: number | null }>(
      `select status, duration_ms, error, jsonb_array_length(result->'selected') as selected from budget_outcomes where budget_id = $1 order by id desc limit 1`,
      [place.budgetId],
    )).rows[0];
    if (row && (row.status === "done" || row.status === "failed")) {
      const ms = performance.now() - t0;
      log(JSON.stringify({ phase: "outcome", status: row.status, workerMs: row.duration_ms, selected: row.selected, error: row.error, loadavg: loadavg() }));
      if (row.status !== "done") return false;
      result.outcomeMs = figure(ms);
      return true;
    }
    if (performance.now() - t0 > 120_000) throw new Error("the outcome was not computed within 2 minutes");
    await sleep(20);
  }
}

async function main(): Promise<number> {
  log(JSON.stringify({ voters, projects: projectCount, clients, loadavg: loadavg() }));
  const rig = await openRig("bench-budgets", keep);
  const { database, db } = rig;
  const result: Result = { ballots: null, ballotsPerSecond: null, p99Ms: null, lost: null, outcomeMs: null };
  let code = 0;
  try {
    const t0 = performance.now();
    const s = await startServer(database.url);
    rig.server = s;
    log(`server pid ${s.pid} ready in ${Math.round(performance.now() - t0)} ms`);
    const { place, voterTokens, voterIds, adminToken } = await seed(db);
    await sleep(3_000);
    // With PNYX_BENCH_PG_STATS=1: the checkouts' statements alone (seeding left out).
    await database.pgStats?.reset();
    const run = await checkouts(s, db, database.postmasterPid, place, voterTokens, result).catch((e: unknown) => {
      log(`checkouts: ${String(e)}`);
      return null;
    });
    await database.pgStats?.print("checkouts", 20).catch((e: unknown) => log(`[pg-stats] ${String(e)}`));
    if (!run?.ok) code = 1;
    const ids = (run?.acknowledged ?? []).map((n) => voterIds[n] ?? 0);
    const [counted] = (
      await db.query<{ ballots: number; kept: number }>(
        `select (select count(*)::int from budget_ballots where budget_id = $1 and checked_out_at is not null) as ballots,
           (select count(*)::int from budget_ballots where budget_id = $1 and checked_out_at is not null and user_id = any($2::bigint[])) as kept`,
        [place.budgetId, ids],
      )
    ).rows;
    result.ballots = counted?.ballots ?? null;
    result.lost = counted ? ids.length - counted.kept : null;
    if (result.lost !== 0) code = 1;
    if (!(await outcome(s, db, place, adminToken, result).catch((e: unknown) => (log(`outcome: ${String(e)}`), false)))) code = 1;
  } catch (error) {
    log(String(error));
    code = 1;
  } finally {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    await rig.stop();
  }
  return code;
}

runBench(main);
