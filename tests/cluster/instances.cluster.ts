/**
 * Several instances behind nginx (src/cluster/cluster.ts, docs/nginx-pnyx.conf): three `pnyx start`
 * processes on Debian's PostgreSQL 15. Proves what "stateless but for PostgreSQL" promises: nginx
 * spreads requests over every instance, a live event written through one instance reaches SSE clients
 * of every instance, background jobs run on more than one instance, a rate limit holds across them
 * (one count, not one per instance), and a cache is forgotten on every instance when its source
 * changes. Which instance answered is read from each instance's own request log (its output, prefixed
 * by the cluster): nothing in the responses tells it.
 */
import http from "node:http";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCluster, type Cluster } from "../../src/cluster/cluster";
import { openDatabase, type Database } from "../../src/db/client";
import { setDomainBlocked } from "../../src/modules/petitions/abuse";
import { canonicalEmail, confirmationToken, signingKey } from "../../src/modules/petitions/tokens";
import { startSmtpCapture, type SmtpCapture } from "../../src/test/smtp";
import { until } from "../../src/test/until";

const SESSION_SECRET = "cluster-test-session-secret-0123456789abcdef";
const lines: string[] = [];
let cluster: Cluster;
let pool: pg.Pool;
let database: Database;
let petitionId: number;
/** Each instance's own SMTP server (slow, as a real relay: a burst of mail backs up the queue). */
let mailboxes: SmtpCapture[] = [];

/** The log lines of instance `i` (its output, as the cluster prefixes it). */
const linesOf = (i: number) => lines.filter((l) => l.startsWith(`[i${i}] `));

interface Res {
  status: number;
  body: string;
  cookies: string[];
}

async function get(base: string, path: string, headers: Record<string, string> = {}): Promise<Res> {
  const r = await fetch(new URL(path, base), { redirect: "manual", headers });
  return { status: r.status, body: await r.text(), cookies: r.headers.getSetCookie() };
}

async function post(base: string, path: string, form: Record<string, string>, headers: Record<string, string>): Promise<Res> {
  const r = await fetch(new URL(path, base), { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(form).toString() });
  return { status: r.status, body: await r.text(), cookies: r.headers.getSetCookie() };
}

const flashKind = (res: Res) => /"kind":"(\w+)"/.exec(decodeURIComponent(res.cookies.find((c) => c.startsWith("pnyx_flash="))?.split(";")[0] ?? ""))?.[1] ?? null;

/** Signs the petition as a person would through `base` (its page, then its form) from address `ip`. */
async function sign(base: string, email: string, ip: string): Promise<Res> {
  const page = await get(base, `/petitions/${petitionId}`, { "x-forwarded-for": ip });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!csrf) throw new Error(`no signing form on the petition's page (${page.status})`);
  const cookie = page.cookies.map((c) => c.split(";")[0]).join("; ");
  return post(base, `/petitions/${petitionId}/sign`, { _csrf: csrf, name: "Cluster Signer", email, birthDate: "1985-06-15", postalCode: "1000", showName: "" }, { cookie, "x-forwarded-for": ip });
}

/** Signs and opens the confirmation link (as the mail carries it): a counted signature. */
async function signAndConfirm(base: string, email: string, ip: string): Promise<void> {
  const signed = await sign(base, email, ip);
  expect([signed.status, flashKind(signed)]).toEqual([303, "info"]);
  const token = confirmationToken(signingKey({ SESSION_SECRET }), petitionId, canonicalEmail(email).canonical);
  const confirmed = await get(base, `/petitions/${petitionId}/confirm/${token}`, { "x-forwarded-for": ip });
  expect([confirmed.status, flashKind(confirmed)]).toEqual([303, "success"]);
}

interface Watch {
  events: unknown[];
  close: () => void;
}

/** An SSE client on `url`, keeping every data event parsed. */
function watch(url: string): Promise<Watch> {
  const events: unknown[] = [];
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: "text/event-stream" } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`${url} answered ${res.statusCode}`));
      let buffer = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const data = buffer.slice(0, end).split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trim()).join("\n");
          buffer = buffer.slice(end + 2);
          if (data) events.push(JSON.parse(data));
        }
      });
      res.on("error", () => {});
      resolve({ events, close: () => req.destroy() });
    });
    req.on("error", reject);
  });
}

beforeAll(async () => {
  mailboxes = await Promise.all([0, 1, 2].map(() => startSmtpCapture({ delayMs: 200 })));
  cluster = await startCluster({
    instances: 3,
    seed: "demo",
    unsafeFastStorage: true,
    // Requests logged (LOG_LEVEL info): the test reads which instance served what from the instances' output.
    env: { SESSION_SECRET, LOG_LEVEL: "info" },
    instanceEnv: (i) => ({ SMTP_URL: mailboxes[i]!.url }),
    log: (line) => lines.push(line),
  });
  pool = new pg.Pool({ connectionString: cluster.databaseUrl, max: 4 });
  database = openDatabase(cluster.databaseUrl, 2, () => {});
  // A petition open for signatures by anyone with an email address (the demo's petitions component).
  const type = await pool.query<{ id: string; component_id: string }>(
    `select t.id, t.component_id from petition_types t join components c on c.id = t.component_id
     where c.manifest = 'petitions' and t.residence_regions = '[]'::jsonb order by t.id limit 1`,
  );
  const row = type.rows[0];
  if (!row) throw new Error("the demo has no petition type without a residence rule");
  const p = await pool.query<{ id: string }>(
    `insert into petitions (component_id, type_id, title, body, language, state, sponsor_token, published_at, signing_ends_at)
     values ($1, $2, 'A petition signed across instances', 'Signed through nginx.', 'en', 'published', 'cluster-test-sponsor', now(), now() + interval '30 days') returning id`,
    [row.component_id, row.id],
  );
  petitionId = Number(p.rows[0]?.id);
});

afterAll(async () => {
  await database?.close();
  await pool?.end();
  await cluster?.stop();
  await Promise.all(mailboxes.map((m) => m.close()));
});

describe("several instances behind nginx", () => {
  it("spreads requests through nginx over every instance", async () => {
    const probe = `probe-${Date.now()}`;
    const statuses: number[] = [];
    for (let n = 0; n < 12; n++) statuses.push((await get(cluster.url, `/?${probe}=${n}`)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    // Each instance logged some of the probes (round robin: four each).
    const served = cluster.instances.map((i) => linesOf(i.index).filter((l) => l.includes(`${probe}=`)).length);
    expect(served.every((n) => n > 0)).toBe(true);
    expect(served.reduce((a, b) => a + b, 0)).toBe(12);
  });

  it("delivers a live event written through one instance to SSE clients on every instance", async () => {
    const watches = await Promise.all(cluster.instances.map((i) => watch(`${i.url}/petitions/${petitionId}/events`)));
    try {
      // Signed and confirmed through instance 0 alone; the counts job (on whichever instance) publishes.
      await signAndConfirm(cluster.instances[0]!.url, "live-event@cluster.example", "10.9.0.1");
      const heard = (w: Watch) => w.events.some((e) => (e as { kind?: string; total?: number }).kind === "counts" && ((e as { total?: number }).total ?? 0) >= 1);
      await until(async () => watches.every(heard), 60_000, 200);
      expect(watches.map(heard)).toEqual([true, true, true]);
    } finally {
      for (const w of watches) w.close();
    }
  });

  it("runs background jobs on more than one instance", async () => {
    // Mails are jobs: the outbox relay (on whichever instance) hands them to the mail queue, and any
    // instance's worker sends them, each instance to its own SMTP server here (answering after 200 ms, as
    // a slow relay). Bursts of a hundred mails go into the outbox (as a newsletter's would) until two
    // instances have sent some: an instance wakes its own worker for the jobs it queues, the others
    // take their share of a queue that backs up at their next poll.
    const ranMail = () => mailboxes.filter((m) => m.messages.some((x) => x.to.some((a) => a.startsWith("jobs-")))).length;
    let round = 0;
    await until(
      async () => {
        if (ranMail() >= 2) return true;
        if (round < 20) {
          await pool.query(
            `insert into mail_outbox ("to", subject, text) select 'jobs-' || $1::int || '-' || g || '@cluster.example', 'A cluster job', 'Sent by one of the instances.' from generate_series(1, 100) g`,
            [round++],
          );
        }
        return false;
      },
      120_000,
      1_000,
    );
    expect(ranMail()).toBeGreaterThanOrEqual(2);
  });

  it("holds a rate limit across instances: one count in PostgreSQL, not one per instance", async () => {
    // /sortition/seats/:token allows 60 a minute per client: 75 requests from one address, spread over
    // three instances by nginx, are 60 answered and 15 refused (in memory it would be 180 allowed).
    const token = `no-such-seat-token-${Date.now()}`;
    // The token is redacted from the request log; a query parameter marks these requests there.
    const probe = `seats-probe-${Date.now()}`;
    const statuses: number[] = [];
    for (let n = 0; n < 75; n++) statuses.push((await get(cluster.url, `/sortition/seats/${token}?${probe}=${n}`, { "x-forwarded-for": "10.9.2.1" })).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    expect(statuses.slice(0, 60).includes(429)).toBe(false);
    // The 75 went to every instance.
    const served = cluster.instances.map((i) => linesOf(i.index).filter((l) => l.includes(`${probe}=`)).length);
    expect(served.every((n) => n > 0)).toBe(true);
  });

  it("routes around a killed instance (nginx's passive health checks) and takes it back once started", async () => {
    const victim = cluster.instances[1]!;
    await victim.kill("SIGKILL");
    expect(victim.running).toBe(false);
    // Every request is answered: the refused connection goes to the next instance.
    const statuses: number[] = [];
    for (let n = 0; n < 9; n++) statuses.push((await get(cluster.url, `/?killed-probe=${n}`)).status);
    expect(statuses).toEqual(Array.from({ length: 9 }, () => 200));
    await victim.start();
    expect(victim.running).toBe(true);
    // Started again, it gets requests from nginx again (after fail_timeout, 5 s: polled).
    const probe = `back-probe-${Date.now()}`;
    let n = 0;
    await until(async () => {
      expect((await get(cluster.url, `/?${probe}=${n++}`)).status).toBe(200);
      return linesOf(victim.index).some((l) => l.includes(`${probe}=`));
    }, 30_000, 100);
  });

  it("forgets a cached rule on every instance when it changes (the blocked domains, through the event bus)", async () => {
    const domain = `blocked-${Date.now()}.example`;
    const target = cluster.instances[2]!;
    const events = await watch(`${target.url}/petitions/${petitionId}/events`);
    try {
      // Instance 2 caches the blocked domains (10 s) while taking this signature.
      const cachedAt = Date.now();
      const first = await sign(target.url, `first@${domain}`, "10.9.3.1");
      expect([first.status, flashKind(first)]).toEqual([303, "info"]);
      // Another process blocks the domain; the change is announced on commit to every instance.
      await setDomainBlocked(database.db, { id: null, ip: null }, domain, true);
      // A marker published after it on the same channel: once instance 2 relays the marker, it has
      // handled the announcement before it (one LISTEN connection, in commit order).
      await pool.query("select pg_notify('pnyx_events', $1)", [JSON.stringify({ topic: `petition:${petitionId}`, data: { kind: "marker", domain } })]);
      await until(async () => events.events.some((e) => (e as { domain?: string }).domain === domain), 30_000, 100);
      // Within the cache's 10 s, instance 2 refuses the domain: its cache was forgotten, not aged out.
      const second = await sign(target.url, `second@${domain}`, "10.9.3.2");
      // Past the cache's age a refusal would prove nothing (the entry could have aged out): say so.
      expect(Date.now() - cachedAt, "inconclusive: the cache could have aged out").toBeLessThan(10_000);
      expect(second.status).not.toBe(303);
      expect(second.body).toContain(domain);
    } finally {
      events.close();
    }
  });
});
