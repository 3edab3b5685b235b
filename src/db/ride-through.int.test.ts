/**
 * The pool rides through a short outage (src/db/ride-through.ts): while the database refuses connections
 * a request waits for it and runs once it is back, its statement sent once; the requests that come during
 * the outage do not each try to connect (one probe does); past the ride-through, or beyond the requests
 * allowed to wait, a request fails at once as before; a later outage is ridden through again. The
 * connections are really cut and refused (src/test/tcp-cut.ts).
 */
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { startTcpCut, type TcpCut } from "../test/tcp-cut";
import { until } from "../test/until";
import { openDatabase, type Database } from "./client";
import { RideThroughPool } from "./ride-through";
import { createTestDatabase, type TestDatabase } from "./test-db";
import { databaseUnavailable } from "./unavailable";

let database: TestDatabase;
let cut: TcpCut;
const pools: { end: () => Promise<void> }[] = [];
/** The cut a test started; awaited after each test, whether it passed or not. */
let pendingCut: Promise<unknown> = Promise.resolve();
beforeAll(async () => {
  database = await createTestDatabase();
  cut = await startTcpCut(database.url);
  const setup = openDatabase(database.url, 1);
  await setup.db.execute(sql`create table ride_through_rows (id serial primary key, label text not null)`);
  await setup.close();
});
afterEach(async () => {
  await pendingCut;
  cut.silenceOnceReady(0); // a test that failed before its silent connection came leaves none for the next
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end().catch(() => {})));
  await cut.close();
  await database.drop();
});

function database_(rideThroughMs: number, maxWaiting?: number, connectTimeoutMs?: number): Database {
  const d = openDatabase(cut.url, 4, () => {}, { rideThroughMs, connectTimeoutMs, ...(maxWaiting === undefined ? {} : { maxWaiting }) });
  pools.push({ end: d.close });
  return d;
}

/** Clients of the pool count their connection attempts (refused ones never reach the relay). */
let attempts = 0;
class CountingClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const connect = this.connect.bind(this) as (...args: unknown[]) => unknown;
    this.connect = ((...args: unknown[]) => {
      attempts++;
      return connect(...args);
    }) as typeof this.connect;
  }
}

function ridingPool(rideThroughMs: number): RideThroughPool {
  const p = new RideThroughPool({ connectionString: cut.url, max: 4, Client: CountingClient }, { rideThroughMs, maxWaiting: 5_000 });
  p.on("error", () => {});
  p.on("connect", (c) => c.on("error", () => {}));
  pools.push(p);
  return p;
}

const pg_ = (d: Database | RideThroughPool) => (d instanceof RideThroughPool ? d : (d.pool as RideThroughPool));

/**
 * Starts a cut of `ms` and tells when the database accepts connections again; resolves once the pool has
 * dropped its cut connections (as a pool does when a restart ends them while idle).
 */
async function cutFor(d: Database | RideThroughPool, ms: number): Promise<{ done: Promise<void>; over: () => boolean }> {
  let over = false;
  const done = cut.cut(ms).then(() => void (over = true));
  pendingCut = done;
  await until(async () => pg_(d).totalCount === 0, 5_000, 10);
  return { done, over: () => over };
}

/** Silences the relay for `ms` (connections accepted, never answered); tells when it relays again. */
function silenceFor(ms: number): { done: Promise<void>; over: () => boolean } {
  let over = false;
  const done = cut.silence(ms).then(() => void (over = true));
  pendingCut = done;
  return { done, over: () => over };
}

const count = async (d: Database, label: string) =>
  Number((await d.db.execute<{ n: string }>(sql`select count(*) as n from ride_through_rows where label = ${label}`)).rows[0]?.n);
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

it("waits for a database that refuses connections, then writes once, as soon as it is back", async () => {
  const d = database_(20_000);
  await d.db.execute(sql`select 1`); // the pool's connection exists, and is cut below
  const outage = await cutFor(d, 2_000);
  const writes = ["a", "b", "c"].map((x) =>
    d.db.execute(sql`insert into ride_through_rows (label) values (${`waited-${x}`})`).then(() => outage.over()),
  );
  // They wait for the database (not failed, not yet written) while it is away.
  await until(async () => pg_(d).waitingForDatabase === 3, 5_000, 10);
  expect(outage.over()).toBe(false);
  // Each write went through, and only after the database came back.
  expect(await Promise.all(writes)).toEqual([true, true, true]);
  for (const x of ["a", "b", "c"]) expect(await count(d, `waited-${x}`)).toBe(1);
});

it("does not let every request try to connect while the database is away: one probe does", async () => {
  const p = ridingPool(20_000);
  await p.query("select 1");
  const outage = await cutFor(p, 1_500);
  const before = attempts;
  // The first request finds the database away.
  const first = p.query("select 1 as one").then((r) => r.rows[0]?.one);
  await until(async () => p.waitingForDatabase === 1, 5_000, 10);
  const queries = Array.from({ length: 60 }, () => p.query("select 1 as one").then((r) => r.rows[0]?.one));
  expect(await Promise.all([first, ...queries])).toEqual(Array.from({ length: 61 }, () => 1));
  expect(outage.over()).toBe(true);
  // The first request's attempt, the probe's (every 200 ms, on clients of their own), and the pool's
  // connections once the database is back (4 at most): far fewer than one per request.
  expect(attempts - before).toBeLessThan(30);
});

it("fails at once, as before, once the outage has outlasted the ride-through, and serves again after", async () => {
  const d = database_(1_000);
  await d.db.execute(sql`select 1`);
  const outage = await cutFor(d, 8_000);
  const first = failure(d.db.execute(sql`select 1`));
  // The first request waits for the database...
  await until(async () => pg_(d).waitingForDatabase === 1, 5_000, 10);
  // ...then, the ride-through over, fails, as the database is still away.
  expect(databaseUnavailable(await first)).toBe(true);
  const waited = pg_(d).waitedForDatabase;
  // The outage began with the first request's refused attempt, a few milliseconds after that request
  // did (its deadline counts from its own start): let the outage too be older than the ride-through.
  await new Promise((r) => setTimeout(r, 100));
  // The outage is older than the ride-through: the next request does not wait for it.
  expect(databaseUnavailable(await failure(d.db.execute(sql`select 1`)))).toBe(true);
  expect(pg_(d).waitedForDatabase).toBe(waited);
  expect(outage.over()).toBe(false);
  await outage.done;
  await until(async () => !pg_(d).databaseAway, 10_000, 50);
  expect((await d.db.execute<{ one: number }>(sql`select 1 as one`)).rows[0]?.one).toBe(1);
});

it("rides through a second outage after a long one, even if nothing came between them", async () => {
  const d = database_(2_000);
  await d.db.execute(sql`select 1`);
  const long = await cutFor(d, 3_000);
  expect(databaseUnavailable(await failure(d.db.execute(sql`select 1`)))).toBe(true);
  await long.done;
  // No request meanwhile: the probe alone sees the database back.
  await until(async () => !pg_(d).databaseAway, 10_000, 50);
  const short = await cutFor(d, 800);
  const during = d.db.execute<{ one: number }>(sql`select 1 as one`).then((r) => ({ one: r.rows[0]?.one, after: short.over() }));
  await until(async () => pg_(d).waitingForDatabase === 1, 5_000, 10);
  expect(await during).toEqual({ one: 1, after: true });
});

it("lets the next outage have its probe even if the database fell silent as the last probe ended its connection", async () => {
  const d = database_(4_000);
  await d.db.execute(sql`select 1`);
  const first = await cutFor(d, 1_000);
  const one = d.db.execute<{ one: number }>(sql`select 1 as one`).then((r) => ({ one: r.rows[0]?.one, after: first.over() }));
  await until(async () => pg_(d).waitingForDatabase === 1, 5_000, 10);
  // The request waits, so the first connection the database accepts again is the probe's: it opens,
  // ending the outage, and then nothing more is answered, not even its end. (Still refusing now, so no
  // connection was accepted since the cut.)
  expect(first.over()).toBe(false);
  cut.silenceOnceReady(1);
  expect(await one).toEqual({ one: 1, after: true });
  expect(cut.fallenSilent()).toBe(1);
  // A second outage: only a probe can end it for the requests that wait.
  const second = await cutFor(d, 500);
  const two = d.db.execute<{ one: number }>(sql`select 1 as one`).then((r) => ({ one: r.rows[0]?.one, after: second.over() }));
  await until(async () => pg_(d).waitingForDatabase === 1, 5_000, 10);
  expect(second.over()).toBe(false);
  expect(await two).toEqual({ one: 1, after: true });
});

it("lets no more requests wait than it allows; the others fail at once", async () => {
  const d = database_(20_000, 2);
  await d.db.execute(sql`select 1`);
  const outage = await cutFor(d, 1_500);
  const tries = Array.from({ length: 5 }, (_, i) =>
    d.db.execute(sql`insert into ride_through_rows (label) values (${`capped-${i}`})`).then(
      () => (outage.over() ? "waited" : "early"),
      (e: unknown) => (databaseUnavailable(e) && !outage.over() ? "refused at once" : `other: ${String(e)}`),
    ),
  );
  const outcomes = await Promise.all(tries);
  expect(outcomes.filter((o) => o === "waited")).toHaveLength(2);
  expect(outcomes.filter((o) => o === "refused at once")).toHaveLength(3);
  await outage.done;
  let written = 0;
  for (let i = 0; i < 5; i++) written += await count(d, `capped-${i}`);
  expect(written).toBe(2);
});

it("does not send again a transaction whose connection was cut mid-way: it fails", async () => {
  const d = database_(20_000);
  let entered = () => {};
  let release = () => {};
  const inside = new Promise<void>((r) => (entered = r));
  const held = new Promise<void>((r) => (release = r));
  const transaction = d.db.transaction(async (tx) => {
    await tx.execute(sql`insert into ride_through_rows (label) values ('cut-mid-way')`);
    entered();
    await held;
    await tx.execute(sql`select 2`);
  });
  const outcome = transaction.then(() => "committed", () => "failed");
  await Promise.race([inside, outcome]);
  const outage = cut.cut(1_000);
  pendingCut = outage;
  release();
  expect(await outcome).toBe("failed");
  await outage;
  expect(await count(d, "cut-mid-way")).toBe(0);
});

it("gives up a connection attempt the database never answers, and waits for it as for a refusal", async () => {
  // A new pool (no connection open), a database address that answers nothing for 6 s, a ride-through of
  // 1.5 s: the attempt gives up after 300 ms, the request waits out the ride-through and fails, all
  // while the database still says nothing (without the timeout it hung until the silence ended).
  const d = database_(1_500, undefined, 300);
  const silence = silenceFor(6_000);
  const started = performance.now();
  const outcome = await failure(d.db.execute(sql`select 1`));
  expect(databaseUnavailable(outcome)).toBe(true);
  expect(pg_(d).waitedForDatabase).toBe(1);
  expect(silence.over()).toBe(false);
  expect(performance.now() - started).toBeGreaterThanOrEqual(1_500);
  await silence.done;
  await until(async () => !pg_(d).databaseAway, 10_000, 50);
  expect((await d.db.execute<{ one: number }>(sql`select 1 as one`)).rows[0]?.one).toBe(1);
});

it("holds a silent database for away: the probe's attempts that time out do not end the outage", async () => {
  const d = database_(20_000, undefined, 300);
  const silence = silenceFor(3_500);
  const during = d.db.execute<{ one: number }>(sql`select 1 as one`).then((r) => ({ one: r.rows[0]?.one, after: silence.over() }));
  await until(async () => pg_(d).databaseAway, 5_000, 10);
  // The probe tries every 200 ms, each attempt given up after 2 s: past its first time-outs the pool
  // must still hold the database for away (a time-out is no answer from the server).
  let seenBack = false;
  while (!silence.over()) {
    if (!pg_(d).databaseAway) seenBack = true;
    await new Promise((r) => setTimeout(r, 25));
  }
  expect(seenBack).toBe(false);
  expect(await during).toEqual({ one: 1, after: true });
});

it("lets the requests queued for a connection when the database falls silent wait, without an attempt each", async () => {
  // One connection at most, each attempt given up after 300 ms; six requests at once while the database
  // answers nothing. The first request's attempt finds the outage; the five queued behind it must wait
  // for the database as the requests that come later do, not each spend the limit on an attempt of its
  // own (before, a queue of 50 against pools of 20 was answered over 15 s).
  const p = new RideThroughPool({ connectionString: cut.url, max: 1 }, { rideThroughMs: 1_500, maxWaiting: 5_000, connectTimeoutMs: 300 });
  p.on("error", () => {});
  pools.push(p);
  const silence = silenceFor(4_000);
  const before = cut.connections();
  const outcomes = Array.from({ length: 6 }, () => failure(p.query("select 1")));
  await until(async () => p.waitingForDatabase === 6, 5_000, 10);
  // The first request's attempt, and at most the probe's first (it gives up after 2 s, then tries again).
  expect(cut.connections() - before).toBeLessThanOrEqual(2);
  expect((await Promise.all(outcomes)).every(databaseUnavailable)).toBe(true);
  expect(silence.over()).toBe(false);
  expect(p.waitedForDatabase).toBe(6);
});

it("takes a connection attempt that times out while the pool's other connections answer for a slow server, not an outage", async () => {
  // A pool of two with one connection open, then new connections never answered (as a server too busy to
  // accept them, which still answers the connections it has). A request that needs a second connection
  // times out on it after 1 s; meanwhile the open connection answered a statement: the database is
  // up, so the request tries again and is served by that connection, with no outage and no waiting.
  const p = new RideThroughPool({ connectionString: cut.url, max: 2 }, { rideThroughMs: 2_000, maxWaiting: 5_000, connectTimeoutMs: 1_000 });
  p.on("error", () => {});
  pools.push(p);
  const held = await p.connect();
  const silence = silenceFor(4_000);
  const request = p.query("select 1 as one").then((r) => ({ one: r.rows[0]?.one, during: !silence.over() }));
  await held.query("select 1");
  held.release();
  expect(await request).toEqual({ one: 1, during: true });
  expect(p.databaseAway).toBe(false);
  expect(p.waitedForDatabase).toBe(0);
});

it("answers a health check within its limit even when no connection is free", async () => {
  const p = new RideThroughPool({ connectionString: cut.url, max: 1 }, { rideThroughMs: 20_000, maxWaiting: 5_000 });
  p.on("error", () => {});
  pools.push(p);
  await p.checkNow();
  // The pool's only connection is held: the check cannot get one, and says so once its limit is past.
  const held = await p.connect();
  const outcome = await failure(p.checkNow(300));
  expect(databaseUnavailable(outcome)).toBe(true);
  held.release();
  await p.checkNow();
});
