/**
 * The core request path's benchmark (issues 15-18 all pay it): `npm run bench:request-path`.
 *
 * What every participation request costs before its module's own work: the context hook (organization,
 * session lookup with the header's unread count, language, translator), cookies, the CSRF check, the
 * flash cookie, the redirect. Starts its own embedded PostgreSQL and a Pnyx server in a separate process
 * (`./bin/pnyx start`, production mode), signs in `--users` accounts (sessions made in SQL, as the other
 * benchmarks do; each opens /notifications once for its CSRF token), then drives with wrk, each run after
 * the database settled:
 *   - `post`: signed-in `POST /notifications/read` (the cheapest authenticated form post: CSRF, one
 *     update, a flash and a 303), the users taken in turn;
 *   - `anonPost`: the same form posted by a visitor without an account (CSRF checked, then the 303 to sign
 *     in with its flash): a form post's path with no session;
 *   - `get`: the signed-in `GET /notifications` page (a short list in the layout), for the context's
 *     share of a page;
 *   - `component`: a signed-in component action, the cheapest there is: "skip" on a conversation
 *     (`POST /spaces/:slug/c/:id/conversations/:cid/vote`, vote=skip: the session and the route's place
 *     (space, component, access), the route's rate limit, the conversation read, a flash and a 303; no
 *     write), the path every vote, ballot and registration pays before its own work (ADR 0044).
 *
 * Standard output: one JSON line per run {"run","requests","rps","p50Ms","p99Ms","failed","serverCpuMsPerReq",
 * "pgCpuMsPerReq","commitsPerReq","load"}: CPU time of the server process and of PostgreSQL (postmaster and
 * backends) over the run divided by the requests answered, and transactions committed per request
 * (pg_stat_database: every statement outside a transaction is one; a proxy for round trips; PostgreSQL
 * reports them up to a second late, so short runs undercount a little). Standard error: what one request of
 * each kind answers before the runs, and each run's answers counted by status and Location (a run measures
 * only what it says it does). Never asserts. Options: --users N (200), --clients N (20), --seconds N (15), --only post|anonPost|get|component,
 * --cpu-prof DIR (a CPU profile of the server's main thread over the runs), --log-level LEVEL (the server's;
 * warn by default), --keep.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import type pg from "pg";
import { openFormSession, request } from "./lib/http";
import { settle } from "./lib/load";
import { runBench } from "./lib/report";
import { openRig } from "./lib/rig";
import { loadavg, log, option, postgresCpuMs, processCpuMs, round1, startServer, textOption } from "./lib/server";
import { parseWrk, requireWrk, WRK_INSTALL } from "./lib/wrk";
import { profilerPreload } from "./lib/profiler";

const userCount = option("--users", 200);
const clients = option("--clients", 20);
const seconds = option("--seconds", 15);
const only = textOption("--only");
const keep = process.argv.includes("--keep");
const profileDir = textOption("--cpu-prof");
/** `--log-level info`: the server's log level (warn by default, as in the other benchmarks; production's default is info). */
const logLevel = textOption("--log-level");

const sha256 = (t: string) => createHash("sha256").update(t).digest("hex");

/** Accounts with a signed-in session each; returns their session cookies. */
async function signedIn(db: pg.Pool, n: number): Promise<string[]> {
  const users = await db.query<{ id: string }>(
    `insert into users (email, name, password_hash, locale, email_confirmed_at, terms_accepted_at, follow_by_default, created_at, updated_at)
     select 'path-' || g || '@bench.example', 'Person ' || g, '!bench-no-password', 'en', now(), now(), false, now(), now()
     from generate_series(1, $1::int) g returning id`,
    [n],
  );
  const ids = users.rows.map((r) => Number(r.id));
  const tokens = ids.map(() => randomBytes(32).toString("base64url"));
  await db.query(
    `insert into sessions (id, user_id, csrf_secret, expires_at) select t.hash, t.user_id, md5(t.hash), now() + interval '1 day' from unnest($1::text[], $2::bigint[]) as t(hash, user_id)`,
    [tokens.map(sha256), ids],
  );
  // A few unread notifications each, so the header's count has rows to count.
  await db.query(
    `insert into notifications (user_id, kind, message, url)
     select u, 'bench', 'notifications.title', '/' from unnest($1::bigint[]) as u, generate_series(1, 3)`,
    [ids],
  ).catch((e: Error) => log(`no notifications seeded (${e.message})`));
  return tokens.map((t) => `pnyx_session=${t}`);
}

/** The wrk script: `method` on `urlPath`, each request with the next line's cookie and form token. */
function script(dir: string, run: string, method: "GET" | "POST", urlPath: string, sessions: Array<{ cookie: string; csrf: string }>, fields = ""): string {
  const data = path.join(dir, `${run}.tsv`);
  writeFileSync(data, sessions.map((s) => `${s.cookie}\t${encodeURIComponent(s.csrf)}`).join("\n") + "\n");
  const file = path.join(dir, `${run}.lua`);
  writeFileSync(
    file,
    `local lines = {}
for l in io.lines(${JSON.stringify(data)}) do local c, t = l:match("([^\\t]*)\\t(.*)"); table.insert(lines, {c, t}) end
local i = 0
request = function()
  i = i + 1
  local s = lines[(i % #lines) + 1]
  ${
    method === "POST"
      ? `return wrk.format("POST", ${JSON.stringify(urlPath)}, {["Cookie"] = s[1], ["Content-Type"] = "application/x-www-form-urlencoded"}, "_csrf=" .. s[2] .. ${JSON.stringify(fields)})`
      : `return wrk.format("GET", ${JSON.stringify(urlPath)}, {["Cookie"] = s[1]})`
  }
end
statuses = {}
local threads = {}
setup = function(thread) table.insert(threads, thread) end
response = function(status, headers, body)
  local k = tostring(status) .. " " .. string.sub(headers["location"] or headers["Location"] or "", 1, 16)
  statuses[k] = (statuses[k] or 0) + 1
end
done = function(summary, latency, requests)
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do io.stderr:write(string.format("status %s: %d\\n", k, v)) end
  end
  local e = summary.errors
  io.write(string.format('WRK-JSON {"requests":%d,"durationUs":%d,"bytes":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
`,
  );
  return file;
}

function runWrk(base: string, scriptFile: string): Promise<ReturnType<typeof parseWrk>> {
  return new Promise((resolve, reject) => {
    const child = spawn("wrk", ["-t", "1", "-c", String(clients), "-d", `${seconds}s`, "--timeout", "30s", "--latency", "-s", scriptFile, base], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => log(`[wrk] ${c.toString("utf8").trim()}`));
    child.on("error", (e) => reject(new Error(`wrk could not run (${e.message}); install it: ${WRK_INSTALL}`)));
    child.on("close", () => {
      try {
        resolve(parseWrk(out));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
}

/** A published conversation (voting open, one statement) in a public process: the `component` run's place. */
async function conversationPlace(db: pg.Pool): Promise<string> {
  const slug = `path-conversation-${Date.now()}`;
  const space = await db.query<{ id: string }>(`insert into spaces (type, slug, title, published_at) values ('process', $1, '{"en":"Path"}'::jsonb, now()) returning id`, [slug]);
  const settings = { global: {}, defaultStep: { votingEnabled: true, writingEnabled: false, announcement: {} }, steps: {} };
  const component = await db.query<{ id: string }>(
    `insert into components (space_id, manifest, name, settings, published_at) values ($1, 'conversations', '{"en":"Conversations"}'::jsonb, $2::jsonb, now()) returning id`,
    [Number(space.rows[0]?.id), JSON.stringify(settings)],
  );
  const componentId = Number(component.rows[0]?.id);
  const conv = await db.query<{ id: string }>(
    `insert into conversations (component_id, topic, anonymous_allowed, next_pid, next_tid, published_at) values ($1, '{"en":"Path"}'::jsonb, false, 0, 1, now()) returning id`,
    [componentId],
  );
  const conversationId = Number(conv.rows[0]?.id);
  await db.query(`insert into conversation_statements (conversation_id, tid, text, state, is_seed) values ($1, 0, 'A statement', 'accepted', true)`, [conversationId]);
  return `/spaces/${slug}/c/${componentId}/conversations/${conversationId}/vote`;
}

const commits = async (db: pg.Pool) => Number((await db.query<{ n: string }>("select xact_commit as n from pg_stat_database where datname = current_database()")).rows[0]?.n ?? 0);

async function main(): Promise<number> {
  requireWrk();
  const rig = await openRig("request-path", keep);
  try {
    rig.server = await startServer(rig.database.url, {
      ...(profileDir ? { NODE_OPTIONS: `--import ${profilerPreload(profileDir)}` } : {}),
      ...(logLevel ? { LOG_LEVEL: logLevel } : {}),
    });
    const server = rig.server;
    const port = Number(new URL(server.base).port);
    const cookies = await signedIn(rig.db, userCount);
    const users = [];
    for (const cookie of cookies) users.push(await openFormSession(port, "/notifications", cookie));
    const visitors = [];
    for (let i = 0; i < Math.min(50, userCount); i++) visitors.push(await openFormSession(port, "/users/sign-in"));
    // What each run's request answers (on standard error): a run measures only what it says it does.
    for (const [who, s] of [["user", users[0]], ["visitor", visitors[0]]] as const) {
      if (!s) continue;
      const res = await request(port, "POST", "/notifications/read", { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" }, `_csrf=${encodeURIComponent(s.csrf)}`);
      log(`${who}: POST /notifications/read -> ${res.status} ${String(res.headers.location)}`);
    }
    const votePath = await conversationPlace(rig.db);
    if (users[0]) {
      const res = await request(port, "POST", votePath, { cookie: users[0].cookie, "content-type": "application/x-www-form-urlencoded" }, `_csrf=${encodeURIComponent(users[0].csrf)}&tid=0&vote=skip`);
      log(`user: POST ${votePath} (skip) -> ${res.status} ${String(res.headers.location)}`);
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), "pnyx-path-"));
    const runs: Array<{ run: string; file: string }> = [
      { run: "post", file: script(dir, "post", "POST", "/notifications/read", users) },
      { run: "anonPost", file: script(dir, "anonPost", "POST", "/notifications/read", visitors) },
      { run: "get", file: script(dir, "get", "GET", "/notifications", users) },
      { run: "component", file: script(dir, "component", "POST", votePath, users, "&tid=0&vote=skip") },
    ].filter((r) => !only || r.run === only);
    if (profileDir) process.kill(server.pid, "SIGUSR2");
    for (const r of runs) {
      await settle(rig.db);
      const c0 = await commits(rig.db);
      const s0 = processCpuMs(server.pid);
      const p0 = postgresCpuMs(rig.database.postmasterPid);
      const w = await runWrk(server.base, r.file);
      const s1 = processCpuMs(server.pid);
      const p1 = postgresCpuMs(rig.database.postmasterPid);
      await settle(rig.db);
      const c1 = await commits(rig.db);
      const n = Math.max(1, w.requests);
      process.stdout.write(
        `${JSON.stringify({
          run: r.run,
          requests: w.requests,
          rps: round1(w.requests / (w.durationUs / 1e6)),
          p50Ms: round1(w.p50Us / 1000),
          p99Ms: round1(w.p99Us / 1000),
          failed: w.connect + w.read + w.write + w.status + w.timeout,
          serverCpuMsPerReq: Math.round(((s1 - s0) / n) * 1000) / 1000,
          pgCpuMsPerReq: Math.round(((p1 - p0) / n) * 1000) / 1000,
          // Includes the settle loop's few polling queries (a handful over thousands of requests).
          commitsPerReq: Math.round(((c1 - c0) / n) * 100) / 100,
          load: loadavg(),
        })}\n`,
      );
    }
    if (profileDir) {
      process.kill(server.pid, "SIGUSR2");
      await new Promise((r) => setTimeout(r, 3000));
    }
    return 0;
  } finally {
    await rig.stop();
  }
}

runBench(main);
