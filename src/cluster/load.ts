/**
 * Open-loop loads through a base URL (nginx in front of the cluster, or one instance): signatures,
 * budget ballots (one-request checkouts) and conversation votes, sent at a given rate whatever the
 * answers (as many people acting at once do, unlike a fixed set of clients that slows down with the
 * server). Each load keeps a ledger of what the server ACKNOWLEDGED (said it stored), with the identity
 * of each item, for the verifier (src/cluster/verify.ts) to compare with the database after faults.
 *
 * A signature is acknowledged when its confirmation link answers "confirmed" (or "already": the link
 * opened again); the link is opened again a few times if it fails, as a person would. A ballot is
 * acknowledged by the checkout's redirect with a success (or "already cast") message; a vote by the vote
 * form's redirect with its "recorded" message. Anything else (an error page, a refused connection, a
 * time-out) is a failure: not acknowledged, whether or not it was stored.
 */
import http from "node:http";
import { canonicalEmail, confirmationToken, signingKey } from "../modules/petitions/tokens";
import type { LoadFixture } from "./load-fixture";

// ---------------------------------------------------------------------------------------------------
// HTTP as a browser speaks it (keep-alive, cookies, the CSRF token of a form).

export interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One keep-alive agent per load process; requests time out after `timeoutMs` (a fault must not hang a load). */
const agent = new http.Agent({ keepAlive: true, maxSockets: 2048 });

export function request(base: string, method: "GET" | "POST", path: string, headers: Record<string, string> = {}, body?: string, timeoutMs = 20_000): Promise<Res> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method, path: `${url.pathname}${url.search}`, headers: body ? { ...headers, "content-length": String(Buffer.byteLength(body)) } : headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

/** Closes the loads' idle keep-alive connections (at the end of a run). */
export function closeConnections(): void {
  agent.destroy();
}

/** The flash message's kind ("success", "info", "error") a redirect sets, if any. */
export function flashKind(res: Res): string | null {
  const flash = (res.headers["set-cookie"] ?? []).find((c) => c.startsWith("pnyx_flash="));
  if (!flash) return null;
  const raw = decodeURIComponent(flash.slice("pnyx_flash=".length).split(";")[0] ?? "");
  return /"kind":"(\w+)"/.exec(raw)?.[1] ?? null;
}

/** What a browser holds to post a page's forms: its cookies (the CSRF secret's among them) and the form's token. */
export interface FormSession {
  cookie: string;
  csrf: string;
}

/** Opens `page` as a browser holding `cookie` would, for its first form's CSRF token. */
export async function openFormSession(base: string, page: string, cookie = ""): Promise<FormSession> {
  const res = await request(base, "GET", page, cookie ? { cookie } : {});
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
  if (!csrf) throw new Error(`no CSRF token on ${page} (status ${res.status})`);
  const set = (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0] ?? "").filter((c) => !c.startsWith("pnyx_flash="));
  return { cookie: [cookie, ...set].filter(Boolean).join("; "), csrf };
}

const FORM = "application/x-www-form-urlencoded";

/** A distinct client address per person (nginx passes X-Forwarded-For on; the instances trust nginx only). */
const addressOf = (space: number, n: number) => `10.${space}.${(n >> 8) & 255}.${n & 255}`;

// ---------------------------------------------------------------------------------------------------
// Ledgers.

export interface SignatureItem {
  petitionId: number;
  /** As typed; the database keeps its canonical form (`canonicalEmail`). */
  email: string;
}
export interface BallotItem {
  userId: number;
  projectIds: number[];
}
export interface VoteItem {
  userId: number;
  pid: number;
  tid: number;
  value: -1 | 0 | 1;
}

/** What one load sent and what the server acknowledged. */
export class Ledger<T> {
  readonly acknowledged: T[] = [];
  /** Latencies (ms) of the acknowledged items, from when each was due to be sent. */
  readonly latencies: number[] = [];
  attempted = 0;
  failed = 0;
  /** Failures by cause (status, flash kind or error message), for the report. */
  readonly causes = new Map<string, number>();

  constructor(readonly kind: "signatures" | "ballots" | "votes") {}

  ack(item: T, ms: number): void {
    this.acknowledged.push(item);
    this.latencies.push(ms);
  }

  fail(cause: string): void {
    this.failed++;
    this.causes.set(cause, (this.causes.get(cause) ?? 0) + 1);
  }
}

const causeOf = (res: Res) => `${res.status} ${flashKind(res) ?? ""}`.trim();
const errorCause = (e: unknown) => (e instanceof Error ? e.message : String(e)).replace(/\d+/g, "N").slice(0, 80);

// ---------------------------------------------------------------------------------------------------
// Senders: one item each, numbered so that no two items of a run share an identity.

export interface Sender<T> {
  ledger: Ledger<T>;
  /** Sends item `n`; resolves true when acknowledged. `dueAt` (performance.now()) is when it was due. */
  send: (n: number, dueAt: number) => Promise<boolean>;
}

/**
 * Signatures: sign (a browser's form post, from a person's own address) then open the confirmation
 * link (its token made with the cluster's SESSION_SECRET, as the mail carries it). `sessions` browsers
 * share the work, like people who opened the petition's page.
 */
export async function signatureSender(base: string, fixture: LoadFixture, sessionSecret: string, opts: { prefix: string; sessions?: number; confirmTries?: number }): Promise<Sender<SignatureItem>> {
  const key = signingKey({ SESSION_SECRET: sessionSecret });
  const first = fixture.petitionIds[0] ?? 0;
  const block = [...opts.prefix].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  const sessions = await Promise.all(Array.from({ length: opts.sessions ?? 32 }, () => openFormSession(base, `/petitions/${first}`)));
  const ledger = new Ledger<SignatureItem>("signatures");
  const tries = opts.confirmTries ?? 4;
  return {
    ledger,
    send: async (n, dueAt) => {
      ledger.attempted++;
      const petitionId = fixture.petitionIds[n % fixture.petitionIds.length] ?? first;
      const email = `${opts.prefix}-${n}@load.example`;
      // Each run (prefix) signs from its own block of addresses, so runs one after another (the peak's
      // rising steps) do not use up the petition's per-address limit (20 in 5 minutes) for one another.
      const ip = addressOf(1 + ((block + (n >> 16)) % 250), n & 0xffff);
      const s = sessions[n % sessions.length]!;
      const form = new URLSearchParams({ _csrf: s.csrf, name: `Signer ${n}`, email, birthDate: "1985-06-15", postalCode: String([1000, 2000, 4000, 9000][n % 4]), showName: n % 3 === 0 ? "on" : "" }).toString();
      try {
        const signed = await request(base, "POST", `/petitions/${petitionId}/sign`, { cookie: s.cookie, "content-type": FORM, "x-forwarded-for": ip }, form);
        if (signed.status !== 303 || flashKind(signed) !== "info") return (ledger.fail(`sign ${causeOf(signed)}`), false);
      } catch (e) {
        return (ledger.fail(`sign ${errorCause(e)}`), false);
      }
      const token = confirmationToken(key, petitionId, canonicalEmail(email).canonical);
      let cause = "";
      for (let attempt = 0; attempt < tries; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 1_000 * attempt));
        try {
          const confirmed = await request(base, "GET", `/petitions/${petitionId}/confirm/${token}`, { "x-forwarded-for": ip });
          if (confirmed.status === 303 && flashKind(confirmed) === "success") {
            ledger.ack({ petitionId, email }, performance.now() - dueAt);
            return true;
          }
          cause = `confirm ${causeOf(confirmed)}`;
        } catch (e) {
          cause = `confirm ${errorCause(e)}`;
        }
      }
      ledger.fail(cause);
      return false;
    },
  };
}

/** The approval ballot of voter `n`: 1 to `projects.length` projects, chosen from `n` (reproducible). */
export function ballotOf(n: number, projectIds: number[]): number[] {
  const k = 1 + (n % Math.max(1, projectIds.length));
  const start = (n * 7) % Math.max(1, projectIds.length);
  return Array.from({ length: k }, (_, i) => projectIds[(start + i) % projectIds.length]!).sort((a, b) => a - b);
}

/** Budget ballots: voter `n` checks out their whole ballot in one request (each voter once). */
export async function ballotSender(base: string, fixture: LoadFixture): Promise<Sender<BallotItem>> {
  const form = await openFormSession(base, "/users/sign-in");
  const ledger = new Ledger<BallotItem>("ballots");
  const path = `${fixture.budget.path}/ballot/checkout`;
  return {
    ledger,
    send: async (n, dueAt) => {
      ledger.attempted++;
      const token = fixture.voters.tokens[n];
      const userId = fixture.voters.ids[n];
      if (token === undefined || userId === undefined) throw new Error(`ballot ${n}: the fixture has ${fixture.voters.ids.length} voters`);
      const projectIds = ballotOf(n, fixture.budget.projectIds);
      const body = new URLSearchParams([["_csrf", form.csrf], ...projectIds.map((id): [string, string] => ["projectId", String(id)])]).toString();
      try {
        const res = await request(base, "POST", path, { cookie: `${form.cookie}; pnyx_session=${token}`, "content-type": FORM, "x-forwarded-for": addressOf(100, n) }, body);
        const kind = flashKind(res);
        if (res.status === 303 && (kind === "success" || kind === "info")) {
          ledger.ack({ userId, projectIds }, performance.now() - dueAt);
          return true;
        }
        ledger.fail(causeOf(res));
      } catch (e) {
        ledger.fail(errorCause(e));
      }
      return false;
    },
  };
}

const VOTES = [
  ["agree", 1],
  ["disagree", -1],
  ["pass", 0],
] as const;

/** Conversation votes: item `n` is participant `n mod P` on statement `(n div P) mod S` (each cell once while n < P x S). */
export async function voteSender(base: string, fixture: LoadFixture): Promise<Sender<VoteItem>> {
  const first = fixture.participants.tokens[0] ?? "";
  const form = await openFormSession(base, fixture.conversation.path, `pnyx_session=${first}`);
  // The CSRF cookie without the first participant's session: each vote carries its own.
  const csrfCookie = form.cookie.replace(/(^|;\s*)pnyx_session=[^;]*;?\s*/, "$1");
  const ledger = new Ledger<VoteItem>("votes");
  const path = `${fixture.conversation.path}/vote`;
  const P = fixture.participants.ids.length;
  const S = fixture.conversation.tids.length;
  return {
    ledger,
    send: async (n, dueAt) => {
      ledger.attempted++;
      if (n >= P * S) throw new Error(`vote ${n}: the fixture has ${P * S} cells`);
      const i = n % P;
      const tid = fixture.conversation.tids[Math.floor(n / P) % S]!;
      const [vote, value] = VOTES[(n * 7 + tid) % 3]!;
      const body = new URLSearchParams({ _csrf: form.csrf, tid: String(tid), vote }).toString();
      try {
        const res = await request(base, "POST", path, { cookie: `${csrfCookie}; pnyx_session=${fixture.participants.tokens[i]}`, "content-type": FORM, "x-forwarded-for": addressOf(101, i) }, body);
        if (res.status === 303 && flashKind(res) === "success") {
          ledger.ack({ userId: fixture.participants.ids[i]!, pid: fixture.participants.pids[i]!, tid, value }, performance.now() - dueAt);
          return true;
        }
        ledger.fail(causeOf(res));
      } catch (e) {
        ledger.fail(errorCause(e));
      }
      return false;
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// The open loop.

export interface OpenLoopRun {
  /** Items due in the run (rate x seconds). */
  offered: number;
  acknowledged: number;
  failed: number;
  /** Items not sent because `maxInFlight` were still waiting (the server far behind). */
  skipped: number;
  /** Wall time from the first item due to the last answer (s). */
  seconds: number;
}

export interface OpenLoop {
  /** Resolves once every item is due and answered. */
  done: Promise<OpenLoopRun>;
  /** Stops sending new items now (those in flight still finish). */
  stop: () => void;
}

/**
 * Sends items `first`, `first + 1`... at `rate` per second for `seconds`, each due at its time whatever
 * became of the earlier ones; at most `maxInFlight` wait at once (beyond, an item is skipped and
 * counted). Latencies count from when an item was due, so a slow server shows in them.
 */
export function openLoop<T>(sender: Sender<T>, o: { rate: number; seconds: number; first?: number; maxInFlight?: number }): OpenLoop {
  const first = o.first ?? 0;
  const max = o.maxInFlight ?? 2_000;
  let stopped = false;
  const done = (async (): Promise<OpenLoopRun> => {
    const t0 = performance.now();
    const total = Math.round(o.rate * o.seconds);
    const pending = new Set<Promise<unknown>>();
    let next = 0;
    let acknowledged = 0;
    let failed = 0;
    let skipped = 0;
    while (next < total && !stopped) {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * o.rate) + 1);
      for (; next < due; next++) {
        if (pending.size >= max) {
          skipped++;
          continue;
        }
        const dueAt = t0 + (next / o.rate) * 1000;
        const p: Promise<unknown> = sender.send(first + next, dueAt).then(
          (ok) => (ok ? acknowledged++ : failed++),
          () => failed++,
        );
        pending.add(p);
        void p.finally(() => pending.delete(p));
      }
      await new Promise((r) => setTimeout(r, Math.max(1, Math.min(20, 1000 / o.rate))));
    }
    await Promise.all(pending);
    return { offered: stopped ? next : total, acknowledged, failed, skipped, seconds: (performance.now() - t0) / 1000 };
  })();
  return { done, stop: () => void (stopped = true) };
}

/** The nearest-rank percentile `p` (0-100) of ascending `sorted`; NaN when empty. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

// ---------------------------------------------------------------------------------------------------
// Live events.

export interface EventWatch {
  events: unknown[];
  close: () => void;
}

/** Listens to a Server-Sent Events stream (`url`, an instance's or nginx's), keeping every data event parsed. */
export function watchEvents(url: string, headers: Record<string, string> = {}): Promise<EventWatch> {
  const events: unknown[] = [];
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.get({ host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, headers: { accept: "text/event-stream", ...headers } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return reject(new Error(`${url} answered ${res.statusCode}`));
      }
      let buffer = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const data = buffer
            .slice(0, end)
            .split("\n")
            .filter((l) => l.startsWith("data:"))
            .map((l) => l.slice(5).trim())
            .join("\n");
          buffer = buffer.slice(end + 2);
          if (!data) continue;
          try {
            events.push(JSON.parse(data));
          } catch {
            events.push(data);
          }
        }
      });
      resolve({ events, close: () => req.destroy() });
    });
    req.on("error", (e) => (events.length === 0 ? reject(e) : undefined));
  });
}

/**
 * Whether a petition's live count reaches the streams of every instance whatever instance the signature
 * went through: a stream opened on each instance (its own address), then one signature through each
 * instance in turn; each must be heard, with the petition's new total, on every other instance within
 * `ms`. Resolves with the causes that were not heard everywhere (empty: delivered across instances).
 */
export async function liveCountsAcross(urls: string[], fixture: LoadFixture, sessionSecret: string, o: { prefix: string; ms?: number }): Promise<string[]> {
  const petitionId = fixture.petitionIds[0] ?? 0;
  const watches = await Promise.all(urls.map((u) => watchEvents(`${u}/petitions/${petitionId}/events`)));
  const missed: string[] = [];
  try {
    for (const [i, url] of urls.entries()) {
      const sender = await signatureSender(url, { ...fixture, petitionIds: [petitionId] }, sessionSecret, { prefix: `${o.prefix}-via${i}`, sessions: 1 });
      const before = await request(url, "GET", `/api/petitions/${petitionId}`, { accept: "application/json" });
      const total = (JSON.parse(before.body) as { data: { counts: { total: number } } }).data.counts.total;
      if (!(await sender.send(i, performance.now()))) {
        missed.push(`the signature through instance ${i} was not acknowledged (${[...sender.ledger.causes.keys()].join(", ")})`);
        continue;
      }
      const heard = (w: EventWatch) => w.events.some((e) => typeof e === "object" && e !== null && (e as { kind?: string; total?: number }).kind === "counts" && ((e as { total: number }).total ?? 0) >= total + 1);
      const end = Date.now() + (o.ms ?? 20_000);
      while (!watches.every((w, j) => j === i || heard(w)) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      for (const [j, w] of watches.entries()) if (j !== i && !heard(w)) missed.push(`instance ${j} did not hear the count of a signature through instance ${i}`);
    }
  } finally {
    for (const w of watches) w.close();
  }
  return missed;
}
