/**
 * The citizens' assemblies benchmark (issue 17): `npm run bench:assemblies`.
 *
 * Starts its own embedded PostgreSQL and a Pnyx server in a separate process (`./bin/pnyx start`,
 * production mode, TRUST_PROXY=loopback so each simulated person has their own address), seeds an
 * assembly with a sortition component and an administrator's session (SQL), then, through HTTP as the
 * back office and the public would:
 *   1. creates a recruitment with 6 questions (gender, age, neighbourhood, education, language,
 *      housing) and uploads a register of 100,000 generated people (one CSV, multipart): `register`
 *      (the people stored, sealed);
 *   2. draws 10,000 invitations (`invitations`) and waits for the letters job to print them, one PDF
 *      per 1,000 letters: `lettersMs`, from the form post until every batch is printed;
 *   3. 2,000 invited people register with their letter's code on the public form (one request each,
 *      20 clients back to back): `registrations` (stored), `registrationP99Ms`; on standard error also
 *      the CPU time per registration of the server and of PostgreSQL, WAL flushes per registration and
 *      the confirmation mails the benchmark's SMTP sink received by the end of the phase;
 *   4. creates a LEXIMIN draw of 200 from the registrations (quotas per category around each value's
 *      share), runs it through the platform's worker: `drawMs`, from the run post until the draw is
 *      done; then runs the engine directly on the same published pool in this process and prints its
 *      own time and the ratio on standard error (target: within 2x).
 *
 * Standard output: one line {"register","invitations","lettersMs","registrations","registrationP99Ms","drawMs"},
 * printed even when a phase failed (its figure then null). Exit code 1 when a phase failed.
 * Options: --register N (100000), --invitations N (10000), --registrations N (2000), --k N (200),
 * --clients N (20), --form (each person first opens their letter's link, `register?code=...`, the form's
 * step 2, with a session of their own, as a person would; its p50/p99 printed on standard error apart from
 * the registration's; without it the 2,000 posts share one form session, the figures of earlier sessions),
 * --keep. Diagnostics (the JSON line unchanged): --trace (the windows of slow registrations on standard
 * error, beside the server's long garbage collections and event-loop delays, PostgreSQL's autovacuum,
 * checkpoints and connections, the mails sent: ADR 0045), --cpu-prof DIR (the server's CPU profile of the
 * registrations), --node-options=... (extra Node options for the server), --warm (an experiment, off by
 * default: before the timed registrations, 2 x clients letters' links opened at once, so the server's pool
 * has its connections open; the figures then leave out the cold pool's first burst and must say so).
 * Targets: lettersMs < 60000, registrationP99Ms < 100, drawMs <= 2x the engine.
 */
import { randomBytes } from "node:crypto";
import type pg from "pg";
import { select } from "../src/engines/sortition/select";
import { drawFiles, enginePool } from "../src/modules/sortition/pool";
import { sortitionKeys, unseal } from "../src/modules/sortition/sealed";
import type { DrawQuota } from "../src/modules/sortition/schema";
import { flashKind, openFormSession, request, type FormSession } from "./lib/http";
import { percentile } from "./lib/load";
import { figure, runBench } from "./lib/report";
import { profilerPreload } from "./lib/profiler";
import { log, loadavg, option, textOption, postgresCpuMs, processCpuMs, round1, sleep, startServer } from "./lib/server";
import { openRig } from "./lib/rig";
import { startSmtpSink } from "./lib/smtp-sink";
import { stallTracePreload } from "./lib/stall-trace";

const registerSize = option("--register", 100_000);
const invitationCount = option("--invitations", 10_000);
const registrationCount = option("--registrations", 2_000);
const k = option("--k", 200);
const clients = option("--clients", 20);
const keep = process.argv.includes("--keep");
const withForm = process.argv.includes("--form");
const warm = process.argv.includes("--warm");
const trace = process.argv.includes("--trace");
const profileDir = textOption("--cpu-prof");
/** Extra Node options for the server (an experiment, e.g. `--node-options=--max-semi-space-size=32`). */
const nodeOptions = process.argv.find((a) => a.startsWith("--node-options="))?.slice("--node-options=".length) ?? "";
const SECRET = "bench-assemblies-secret-bench-assemblies-0123456789";
const keys = sortitionKeys({ SESSION_SECRET: SECRET });

interface Result {
  register: number | null;
  invitations: number | null;
  lettersMs: number | null;
  registrations: number | null;
  registrationP99Ms: number | null;
  drawMs: number | null;
}

const STRATA: Record<string, string[]> = {
  gender: ["woman", "man"],
  age: ["16-29", "30-49", "50-64", "65+"],
  neighbourhood: ["centre", "north", "south", "east", "west"],
  education: ["primary", "secondary", "higher"],
  language: ["fr", "nl"],
  housing: ["owner", "tenant"],
};
const CATEGORIES = Object.keys(STRATA);

/** A deterministic pseudo-random number in [0, 1) for person n and question q (mulberry32). */
function rnd(n: number, q: number): number {
  let t = (Math.imul(n, 2654435761) ^ Math.imul(q + 1, 40503)) >>> 0;
  t = (t + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const answer = (n: number, q: number): string => {
  const options = STRATA[CATEGORIES[q] ?? ""] ?? [];
  return options[Math.floor(rnd(n, q) * options.length)] ?? "";
};

function registerCsv(): string {
  const lines = ["first_name,last_name,street,postcode,city,language"];
  for (let i = 1; i <= registerSize; i++) lines.push(`Person,Number ${i},Rue ${i % 997} ${i},${1000 + (i % 200)},Brussels,${i % 3 === 0 ? "nl" : "fr"}`);
  return `${lines.join("\n")}\n`;
}

function strataCsv(): string {
  const lines = ["category,value,en,fr,nl,de,min,max"];
  for (const [category, options] of Object.entries(STRATA)) {
    lines.push(`${category},,${category},${category},${category},${category},,`);
    for (const o of options) lines.push(`${category},${o},${o},${o},${o},${o},,`);
  }
  return lines.join("\n");
}

function multipart(fields: Record<string, string>, file: { name: string; filename: string; data: string }): { body: string; type: string } {
  const boundary = `----pnyxbench${randomBytes(8).toString("hex")}`;
  let body = "";
  for (const [k2, v] of Object.entries(fields)) body += `--${boundary}\r\nContent-Disposition: form-data; name="${k2}"\r\n\r\n${v}\r\n`;
  body += `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: text/csv\r\n\r\n${file.data}\r\n--${boundary}--\r\n`;
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

const form = (f: FormSession, fields: Record<string, string>) => ({ headers: { cookie: f.cookie, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ _csrf: f.csrf, ...fields }).toString() });

async function seed(db: pg.Pool): Promise<{ spaceId: number; slug: string; componentId: number; adminToken: string }> {
  const slug = `bench-assembly-${Date.now()}`;
  const space = await db.query<{ id: string }>(`insert into spaces (type, slug, title, published_at) values ('assembly', $1, '{"en":"Bench assembly"}'::jsonb, now()) returning id`, [slug]);
  const spaceId = Number(space.rows[0]?.id);
  const component = await db.query<{ id: string }>(`insert into components (space_id, manifest, name, settings, published_at) values ($1, 'sortition', '{"en":"Draw by lot"}'::jsonb, '{}'::jsonb, now()) returning id`, [spaceId]);
  const admin = await db.query<{ id: string }>(
    `insert into users (email, name, password_hash, locale, email_confirmed_at, terms_accepted_at, is_admin, created_at, updated_at)
     values ('bench-assembly-admin@bench.example', 'Admin', '!bench-no-password', 'en', now(), now(), true, now(), now()) returning id`,
  );
  const adminToken = randomBytes(32).toString("base64url");
  const { createHash } = await import("node:crypto");
  await db.query(`insert into sessions (id, user_id, csrf_secret, expires_at) values ($1, $2, md5($1), now() + interval '1 day')`, [createHash("sha256").update(adminToken).digest("hex"), Number(admin.rows[0]?.id)]);
  return { spaceId, slug, componentId: Number(component.rows[0]?.id), adminToken };
}

/**
 * `--trace`: the windows where registrations were slow (over 3x the median), each with what happened
 * meanwhile: the server's long garbage collections and event-loop delays, PostgreSQL's autovacuum workers
 * and checkpoints, the confirmation mails sent so far.
 */
function traceStalls(timeline: Array<{ at: number; ms: number }>, server: Array<{ what: string; at: number; ms: number; kind?: number }>, background: Array<{ at: number; what: string; mails: number; conns: number }>): void {
  if (timeline.length === 0) return;
  const t0 = Math.min(...timeline.map((t) => t.at));
  const median = [...timeline].sort((a, b) => a.ms - b.ms)[Math.floor(timeline.length / 2)]?.ms ?? 0;
  const slow = timeline.filter((t) => t.ms > Math.max(3 * median, 40)).sort((a, b) => a.at - b.at);
  const windows: Array<{ from: number; to: number; n: number; worst: number }> = [];
  for (const t of slow) {
    const w = windows[windows.length - 1];
    if (w && t.at <= w.to + 20) {
      w.to = Math.max(w.to, t.at + t.ms);
      w.n++;
      w.worst = Math.max(w.worst, t.ms);
    } else windows.push({ from: t.at, to: t.at + t.ms, n: 1, worst: t.ms });
  }
  const rel = (at: number) => at - t0;
  log(`[trace] median ${round1(median)} ms; ${slow.length} slow registrations in ${windows.length} windows; server events ${server.filter((e) => e.at >= t0).length}`);
  for (const w of windows) {
    const near = (at: number) => at >= w.from - 300 && at <= w.to;
    const events = server.filter((e) => near(e.at)).map((e) => `${e.what}${e.kind ? `(${e.kind})` : ""}@${rel(e.at)}:${e.ms}ms`);
    // PostgreSQL's background work seen in the window (each state once) and the mails received across it.
    const seen = background.filter((b) => near(b.at));
    const states = [...new Set(seen.map((b) => b.what))].join(" ; ");
    const mails = seen.length > 0 ? `${seen[0]?.mails ?? 0}→${seen[seen.length - 1]?.mails ?? 0}` : "?";
    const conns = seen.length > 0 ? `${seen[0]?.conns ?? 0}→${seen[seen.length - 1]?.conns ?? 0}` : "?";
    log(`[trace] window ${rel(w.from)}-${rel(w.to)} ms: ${w.n} slow, worst ${Math.round(w.worst)} ms; server: ${events.join(", ") || "-"}; pg: ${states || "?"}; mails ${mails}; connections ${conns}`);
  }
  const gcs = server.filter((e) => e.what === "gc" && e.at >= t0);
  const quiet = background.filter((b) => !b.what.startsWith("- ")).length;
  log(`[trace] PostgreSQL: ${quiet} of ${background.length} looks saw an autovacuum worker or the checkpointer at work; checkpoints ${background[0]?.what.split("ckpt=")[1] ?? "?"} → ${background[background.length - 1]?.what.split("ckpt=")[1] ?? "?"}`);
  log(`[trace] server during the phase: ${gcs.length} GCs > 10 ms (total ${gcs.reduce((a, e) => a + e.ms, 0)} ms), ${server.filter((e) => e.what === "loop" && e.at >= t0).length} loop delays > 20 ms`);
}

async function main(): Promise<number> {
  log(JSON.stringify({ register: registerSize, invitations: invitationCount, registrations: registrationCount, k, clients, loadavg: loadavg() }));
  // The confirmation mails go over SMTP to a sink, as in production (not written to the server's log).
  const smtp = await startSmtpSink();
  const rig = await openRig("bench-assemblies", keep, () => smtp.close());
  const { database, db } = rig;
  /** The mails received before the registrations (their confirmations are counted after it). */
  let mails0 = 0;
  const result: Result = { register: null, invitations: null, lettersMs: null, registrations: null, registrationP99Ms: null, drawMs: null };
  let code = 0;
  const phase = async (name: string, f: () => Promise<void>) => {
    try {
      await f();
    } catch (error) {
      log(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      code = 1;
    }
  };
  try {
    const s = await startServer(database.url, { SESSION_SECRET: SECRET, TRUST_PROXY: "loopback", SMTP_URL: smtp.url, ...(trace || profileDir || nodeOptions ? { NODE_OPTIONS: [trace ? `--import ${stallTracePreload()}` : "", profileDir ? `--import ${profilerPreload(profileDir)}` : "", nodeOptions].join(" ").trim() } : {}) });
    rig.server = s;
    const serverEvents: Array<{ what: string; at: number; ms: number; kind?: number }> = [];
    if (trace)
      s.child.stderr?.on("data", (chunk: Buffer) => {
        for (const m of chunk.toString("utf8").matchAll(/\[trace\] (gc|loop) (\{[^\n]*\})/g)) {
          const e = JSON.parse(m[2] ?? "{}") as { at: number; ms?: number; lateMs?: number; kind?: number };
          serverEvents.push({ what: m[1] ?? "", at: e.at, ms: e.ms ?? e.lateMs ?? 0, kind: e.kind });
        }
      });
    const port = Number(new URL(s.base).port);
    const place = await seed(db);
    const adminCookie = `pnyx_session=${place.adminToken}`;
    const manage = `/admin/spaces/${place.spaceId}/components/${place.componentId}/manage`;
    let recruitmentId = 0;

    await phase("register", async () => {
      const f = await openFormSession(port, `${manage}/recruitments/new`, adminCookie);
      const created = form(f, { "title.en": "Bench recruitment", strata: strataCsv(), "letterTemplate.en": "Dear {{name}}, your code is **{{code}}**: register at {{url}} before {{deadline}}.", "letterTemplate.fr": "Bonjour {{name}}, votre code est **{{code}}** : inscrivez-vous sur {{url}} avant le {{deadline}}.", "letterTemplate.nl": "Beste {{name}}, uw code is **{{code}}**: schrijf u in op {{url}} vóór {{deadline}}.", retentionDays: "365", volunteersOpen: "" });
      const res = await request(port, "POST", `${manage}/recruitments/new`, created.headers, created.body);
      recruitmentId = Number(/recruitments\/(\d+)$/.exec(String(res.headers.location ?? ""))?.[1] ?? 0);
      if (res.status !== 303 || !recruitmentId) throw new Error(`creating the recruitment answered ${res.status}: ${res.body.slice(0, 300)}`);
      const page = `${manage}/recruitments/${recruitmentId}`;
      const f2 = await openFormSession(port, page, adminCookie);
      const csv = registerCsv();
      const t0 = performance.now();
      const mp = multipart({ _csrf: f2.csrf }, { name: "registerFile", filename: "register.csv", data: csv });
      const up = await request(port, "POST", `${page}/register`, { cookie: f2.cookie, "content-type": mp.type }, mp.body);
      if (up.status !== 303 || flashKind(up) === "error") throw new Error(`the upload answered ${up.status}: ${up.body.slice(0, 300)}`);
      const n = (await db.query<{ n: number }>(`select count(*)::int as n from sortition_register_rows where recruitment_id = $1`, [recruitmentId])).rows[0]?.n ?? 0;
      result.register = n;
      log(JSON.stringify({ phase: "register", people: n, csvMb: round1(Buffer.byteLength(csv) / 1e6), uploadMs: Math.round(performance.now() - t0), loadavg: loadavg() }));
    });

    await phase("letters", async () => {
      if (!recruitmentId) throw new Error("no recruitment");
      const page = `${manage}/recruitments/${recruitmentId}`;
      const f = await openFormSession(port, page, adminCookie);
      const t0 = performance.now();
      const posted = form(f, { invitations: String(invitationCount), seed: "bench-assemblies" });
      const res = await request(port, "POST", `${page}/invite`, posted.headers, posted.body);
      if (res.status !== 303 || flashKind(res) === "error") throw new Error(`inviting answered ${res.status}: ${res.body.slice(0, 300)}`);
      result.invitations = (await db.query<{ n: number }>(`select count(*)::int as n from sortition_invitations where recruitment_id = $1`, [recruitmentId])).rows[0]?.n ?? null;
      const invitedMs = performance.now() - t0;
      for (;;) {
        const b = (await db.query<{ done: number; failed: number; total: number; error: string | null; ms: number[] }>(
          `select count(*) filter (where status = 'done')::int as done, count(*) filter (where status = 'failed')::int as failed, count(*)::int as total, max(error) as error, array_agg(duration_ms order by batch) as ms from sortition_letter_batches where recruitment_id = $1`,
          [recruitmentId],
        )).rows[0];
        if (b && b.failed > 0) throw new Error(`a batch of letters failed: ${b.error ?? ""}`);
        if (b && b.total > 0 && b.done === b.total) {
          result.lettersMs = figure(performance.now() - t0);
          const sizes = (await db.query<{ bytes: number }>(`select coalesce(sum(length(pdf_sealed)), 0)::int as bytes from sortition_letter_batches where recruitment_id = $1`, [recruitmentId])).rows[0]?.bytes ?? 0;
          log(JSON.stringify({ phase: "letters", batches: b.total, invitedMs: Math.round(invitedMs), batchMs: b.ms, sealedPdfMb: round1(sizes / 1e6), loadavg: loadavg() }));
          break;
        }
        if (performance.now() - t0 > 15 * 60_000) throw new Error("the letters were not printed within 15 minutes");
        await sleep(200);
      }
    });

    const chosen: Array<{ code: string; n: number }> = [];
    await phase("registrations", async () => {
      if (!recruitmentId) throw new Error("no recruitment");
      const rows = (await db.query<{ code_sealed: Buffer; register_row: number }>(`select code_sealed, register_row from sortition_invitations where recruitment_id = $1 order by register_row limit $2`, [recruitmentId, registrationCount])).rows;
      for (const r of rows) chosen.push({ code: unseal<string>(keys, r.code_sealed), n: r.register_row });
      const path = `/spaces/${place.slug}/c/${place.componentId}/recruitments/${recruitmentId}/register`;
      const f = await openFormSession(port, path);
      if (warm) {
        // The letters' links of people who will not register (step 2 checks the code, marks nothing), all at once.
        const spare = (await db.query<{ code_sealed: Buffer }>(`select code_sealed from sortition_invitations where recruitment_id = $1 order by register_row desc limit $2`, [recruitmentId, 2 * clients])).rows;
        await Promise.all(spare.map((r) => request(port, "GET", `${path}?code=${encodeURIComponent(unseal<string>(keys, r.code_sealed))}`, {})));
        log(JSON.stringify({ warmed: spare.length }));
      }
      const latencies: number[] = [];
      const formLatencies: number[] = [];
      const failures: string[] = [];
      let failed = 0;
      let next = 0;
      // CPU per registration (server + PostgreSQL) and WAL flushes per registration: the figures the machine's load inflates least.
      const walSyncs = async () => Number((await db.query<{ n: string }>(`select wal_sync::text as n from pg_stat_wal`)).rows[0]?.n ?? 0);
      mails0 = smtp.received();
      await database.pgStats?.reset();
      const cpu0 = { app: processCpuMs(s.pid), pg: postgresCpuMs(database.postmasterPid), syncs: await walSyncs() };
      if (profileDir) s.child.kill("SIGUSR2");
      const t0 = performance.now();
      const timeline: Array<{ at: number; ms: number }> = [];
      const background: Array<{ at: number; what: string; mails: number; conns: number }> = [];
      let tracing = trace;
      const watcher = (async () => {
        // A failed look (the rig's PostgreSQL older than 17: no pg_stat_checkpointer) ends the watch, not the benchmark.
        // What PostgreSQL does in the background (autovacuum, checkpoints) and how many mails have left, every 50 ms.
        while (tracing) {
          const a = (await db.query<{ what: string | null }>(
            `select string_agg(backend_type || ':' || coalesce(wait_event, '-') || ':' || left(coalesce(query, ''), 60), ' | ') as what from pg_stat_activity where backend_type in ('autovacuum worker', 'checkpointer') and (backend_type <> 'checkpointer' or wait_event is distinct from 'CheckpointerMain')`,
          )).rows[0]?.what;
          const c = (await db.query<{ n: string }>(`select (num_timed + num_requested)::text || '/' || buffers_written::text as n from pg_stat_checkpointer`)).rows[0]?.n;
          // The server's connections (the benchmark's own pool is apart: application_name is not set by either, so count all client backends but this look's).
          const conns = (await db.query<{ n: number }>(`select count(*)::int - 1 as n from pg_stat_activity where backend_type = 'client backend' and datname = current_database()`)).rows[0]?.n;
          background.push({ at: Date.now(), what: `${a ?? "-"} ckpt=${c ?? "?"}`, mails: smtp.received() - mails0, conns: conns ?? 0 });
          await sleep(50);
        }
      })().catch((e: unknown) => log(`[trace] the watch stopped: ${String(e)}`));
      const lane = async () => {
        for (let i = next++; i < chosen.length; i = next++) {
          const person = chosen[i];
          if (!person) continue;
          const fields: Record<string, string> = { code: person.code.toLowerCase().replace("-", ""), name: `Person Number ${person.n}`, email: `person-${person.n}@bench.example`, consent: "on" };
          CATEGORIES.forEach((c, q) => (fields[`stratum.${c}`] = answer(person.n, q)));
          const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
          try {
            let session = f;
            if (withForm) {
              // The letter's link: the form's step 2 (the code checked, nothing marked), with this person's own cookies.
              const g0 = performance.now();
              const page = await request(port, "GET", `${path}?code=${encodeURIComponent(person.code)}`, { "x-forwarded-for": ip });
              const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
              if (page.status !== 200 || !csrf || !page.body.includes('name="consent"')) throw new Error(`the letter's link answered ${page.status} without step 2`);
              formLatencies.push(performance.now() - g0);
              session = { port, csrf, cookie: (page.headers["set-cookie"] ?? []).map((c) => c.split(";")[0] ?? "").join("; ") };
            }
            const body = new URLSearchParams({ _csrf: session.csrf, ...fields }).toString();
            const s0 = performance.now();
            const at = Date.now();
            const res = await request(port, "POST", path, { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip }, body);
            if (trace) timeline.push({ at, ms: performance.now() - s0 });
            if (res.status === 303 && flashKind(res) !== "error") latencies.push(performance.now() - s0);
            else {
              failed++;
              if (failures.length < 5) failures.push(`${res.status} ${res.body.slice(0, 200).replace(/\s+/g, " ")}`);
            }
          } catch (error) {
            failed++;
            if (failures.length < 5) failures.push(String(error));
          }
        }
      };
      await Promise.all(Array.from({ length: clients }, lane));
      tracing = false;
      await watcher;
      if (profileDir) s.child.kill("SIGUSR2");
      if (trace) traceStalls(timeline, serverEvents, background);
      const per = (n: number) => round1(n / Math.max(1, chosen.length));
      const cpu = { appCpuMsPerRegistration: per(processCpuMs(s.pid) - cpu0.app), pgCpuMsPerRegistration: per(postgresCpuMs(database.postmasterPid) - cpu0.pg), walSyncsPerRegistration: Math.round(((await walSyncs()) - cpu0.syncs) / Math.max(1, chosen.length) * 100) / 100 };
      latencies.sort((a, b) => a - b);
      formLatencies.sort((a, b) => a - b);
      const formFigures = withForm ? { formP50Ms: figure(percentile(formLatencies, 50)), formP99Ms: figure(percentile(formLatencies, 99)) } : {};
      result.registrations = (await db.query<{ n: number }>(`select count(*)::int as n from sortition_registrations where recruitment_id = $1`, [recruitmentId])).rows[0]?.n ?? null;
      result.registrationP99Ms = latencies.length > 0 ? figure(percentile(latencies, 99)) : null;
      log(JSON.stringify({ phase: "registrations", ok: latencies.length, failed, seconds: round1((performance.now() - t0) / 1000), p50Ms: figure(percentile(latencies, 50)), p95Ms: figure(percentile(latencies, 95)), ...formFigures, ...cpu, mailsReceived: smtp.received() - mails0, failures, loadavg: loadavg() }));
      // With PNYX_BENCH_PG_STATS=1: the registrations' statements (and the mail jobs' during the phase), counted apart from the draw's.
      await database.pgStats?.print("registrations", 25);
      if (failed > 0) throw new Error(`${failed} registrations failed`);
    });

    await phase("draw", async () => {
      if (!recruitmentId || (result.registrations ?? 0) === 0) throw new Error("no registrations to draw from");
      // A draw is run weeks after the registrations, not while their confirmation mails leave: wait for
      // the mails (a job per registration, still sending when the last one is answered) before timing it.
      const mailsWaited = performance.now();
      while (smtp.received() - mails0 < (result.registrations ?? 0) && performance.now() - mailsWaited < 120_000) await sleep(200);
      log(JSON.stringify({ phase: "mails", received: smtp.received() - mails0, waitedMs: figure(performance.now() - mailsWaited), loadavg: loadavg() }));
      // Quotas around each value's share of the registrations: from 75% to 125% of its proportional seats.
      const counts = (await db.query<{ category: string; feature: string; n: number }>(
        `select c.category, r.features->>c.category as feature, count(*)::int as n from sortition_registrations r cross join unnest($2::text[]) as c(category) where r.recruitment_id = $1 and r.duplicate_of is null group by 1, 2`,
        [recruitmentId, CATEGORIES],
      )).rows;
      const total = result.registrations ?? 1;
      const quotas = ["category,feature,min,max", ...counts.map((c) => `${c.category},${c.feature},${Math.floor((0.75 * k * c.n) / total)},${Math.min(c.n, Math.ceil((1.25 * k * c.n) / total))}`)].join("\n");
      const drawPage = `${manage}/recruitments/${recruitmentId}/draw`;
      const f = await openFormSession(port, drawPage, adminCookie);
      const created = form(f, { title: "Bench draw", k: String(k), algorithm: "leximin", quotas, commitment: "bench", randomness: "bench randomness 1 2 3" });
      const res = await request(port, "POST", drawPage, created.headers, created.body);
      const drawId = Number(/draws\/(\d+)$/.exec(String(res.headers.location ?? ""))?.[1] ?? 0);
      if (res.status !== 303 || !drawId) throw new Error(`creating the draw answered ${res.status}: ${res.body.slice(0, 400)}`);
      const page = `${manage}/draws/${drawId}`;
      const f2 = await openFormSession(port, page, adminCookie);
      const t0 = performance.now();
      const run = form(f2, {});
      const started = await request(port, "POST", `${page}/run`, run.headers, run.body);
      if (started.status !== 303 || flashKind(started) === "error") throw new Error(`running the draw answered ${started.status}`);
      for (;;) {
        const d = (await db.query<{ status: string; duration_ms: number | null; error: string | null }>(`select status, duration_ms, error from sortition_draws where id = $1`, [drawId])).rows[0];
        if (d && d.status !== "running") {
          if (d.status !== "done") throw new Error(`the draw ended ${d.status}: ${d.error ?? ""}`);
          result.drawMs = figure(performance.now() - t0);
          log(JSON.stringify({ phase: "draw", workerMs: d.duration_ms, loadavg: loadavg() }));
          break;
        }
        if (performance.now() - t0 > 15 * 60_000) throw new Error("the draw did not finish within 15 minutes");
        await sleep(50);
      }
      // The engine alone, in this process, on the same published pool and seed.
      const draw = (await db.query<{ quotas: DrawQuota[]; categories: string[]; randomness: string; seed: string }>(`select quotas, categories, randomness, seed from sortition_draws where id = $1`, [drawId])).rows[0];
      if (!draw) throw new Error("the draw vanished");
      const people = (await db.query<{ row: number; features: string[]; household: number | null }>(`select row, features, household from sortition_pool_people where draw_id = $1 order by row`, [drawId])).rows;
      const files = drawFiles({ quotas: draw.quotas, categories: draw.categories, householdRule: false, people, k, algorithm: "leximin", randomness: draw.randomness });
      const e0 = performance.now();
      const selection = await select(enginePool(files), { algorithm: "leximin", seed: files.seed });
      const engineMs = performance.now() - e0;
      log(JSON.stringify({ phase: "engine", engineMs: Math.round(engineMs), selectionMs: Math.round(selection.ms), sameSeed: files.seed === draw.seed, ratio: result.drawMs === null ? null : round1(result.drawMs / engineMs), target: "drawMs <= 2x engineMs" }));
    });
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
