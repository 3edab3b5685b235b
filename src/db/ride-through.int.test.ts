/**
 * The pool rides through a short outage (src/db/ride-through.ts): while the database refuses connections
 * a request waits for it and runs once it is back, its statement sent once; past the ride-through, or
 * beyond the requests allowed to wait, a request fails at once as before. The connections are really
 * cut and refused (src/test/tcp-cut.ts).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTcpCut, type TcpCut } from "../test/tcp-cut";
import { until } from "../test/until";
import { openDatabase, type Database } from "./client";
import { createTestDatabase, type TestDatabase } from "./test-db";
import { databaseUnavailable } from "./unavailable";

let database: TestDatabase;
let cut: TcpCut;
const pools: Database[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
  cut = await startTcpCut(database.url);
  const setup = openDatabase(database.url, 1);
  await setup.db.execute(sql`create table ride_through_rows (id serial primary key, label text not null)`);
  await setup.close();
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  await cut.close();
  await database.drop();
});

function pool(rideThroughMs: number, maxWaiting?: number): Database {
  const p = openDatabase(cut.url, 4, () => {}, { rideThroughMs, ...(maxWaiting === undefined ? {} : { maxWaiting }) });
  pools.push(p);
  return p;
}

/**
 * Starts a cut of `ms` and tells when the database accepts connections again; resolves once `p` has
 * dropped its cut connections (as a pool does when a restart ends them while idle).
 */
async function cutFor(p: Database, ms: number): Promise<{ done: Promise<void>; over: () => boolean }> {
  let over = false;
  const done = cut.cut(ms).then(() => void (over = true));
  await until(async () => p.pool.totalCount === 0, 5_000, 10);
  return { done, over: () => over };
}

const count = async (db: Database, label: string) =>
  Number((await db.db.execute<{ n: string }>(sql`select count(*) as n from ride_through_rows where label = ${label}`)).rows[0]?.n);

it("waits for a database that refuses connections, then writes once, as soon as it is back", async () => {
  const p = pool(20_000);
  await p.db.execute(sql`select 1`); // the pool's connection exists, and is cut below
  const outage = await cutFor(p, 1_500);
  const writes = ["a", "b", "c"].map((x) =>
    p.db.execute(sql`insert into ride_through_rows (label) values (${`waited-${x}`})`).then(() => outage.over()),
  );
  // Each write went through, and only after the database came back: they waited instead of failing.
  expect(await Promise.all(writes)).toEqual([true, true, true]);
  for (const x of ["a", "b", "c"]) expect(await count(p, `waited-${x}`)).toBe(1);
  await outage.done;
});

it("fails at once, as before, once the outage has outlasted the ride-through, and serves again after", async () => {
  const p = pool(300);
  await p.db.execute(sql`select 1`);
  const outage = await cutFor(p, 8_000);
  const first = await p.db.execute(sql`select 1`).then(() => null, (e: unknown) => e);
  expect(databaseUnavailable(first)).toBe(true);
  // The outage is older than the ride-through: the next request does not wait for it.
  const second = await p.db.execute(sql`select 1`).then(() => null, (e: unknown) => e);
  expect(databaseUnavailable(second)).toBe(true);
  expect(outage.over()).toBe(false);
  await outage.done;
  expect((await p.db.execute<{ one: number }>(sql`select 1 as one`)).rows[0]?.one).toBe(1);
});

it("lets no more requests wait than it allows; the others fail at once", async () => {
  const p = pool(20_000, 2);
  await p.db.execute(sql`select 1`);
  const outage = await cutFor(p, 1_500);
  const tries = Array.from({ length: 5 }, (_, i) =>
    p.db.execute(sql`insert into ride_through_rows (label) values (${`capped-${i}`})`).then(
      () => (outage.over() ? "waited" : "early"),
      (e: unknown) => (databaseUnavailable(e) && !outage.over() ? "refused at once" : `other: ${String(e)}`),
    ),
  );
  const outcomes = await Promise.all(tries);
  expect(outcomes.filter((o) => o === "waited")).toHaveLength(2);
  expect(outcomes.filter((o) => o === "refused at once")).toHaveLength(3);
  await outage.done;
  let written = 0;
  for (let i = 0; i < 5; i++) written += await count(p, `capped-${i}`);
  expect(written).toBe(2);
});

it("does not send again a transaction whose connection was cut mid-way: it fails", async () => {
  const p = pool(20_000);
  let entered = () => {};
  let release = () => {};
  const inside = new Promise<void>((r) => (entered = r));
  const held = new Promise<void>((r) => (release = r));
  const transaction = p.db.transaction(async (tx) => {
    await tx.execute(sql`insert into ride_through_rows (label) values ('cut-mid-way')`);
    entered();
    await held;
    await tx.execute(sql`select 2`);
  });
  const outcome = transaction.then(() => "committed", () => "failed");
  await inside;
  const outage = cut.cut(1_000);
  release();
  expect(await outcome).toBe("failed");
  await outage;
  expect(await count(p, "cut-mid-way")).toBe(0);
});
