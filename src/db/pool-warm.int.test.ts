/**
 * A server's pool is opened before the first burst (`warmPool`, ADR 47): the burst's requests run on the
 * connections already open (no request waits for a new PostgreSQL process), and the pool keeps them
 * (`min`) rather than closing them when idle; warming a warm pool opens nothing.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase, warmPool, type Database } from "./client";
import { createTestDatabase, type TestDatabase } from "./test-db";

let database: TestDatabase;
let pool: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  pool = openDatabase(database.url, 6, () => {}, { min: 6 });
});
afterAll(async () => {
  await pool.close();
  await database.drop();
});

it("opens the connections at once, and a burst then runs on them without opening any", async () => {
  expect(pool.pool.totalCount).toBe(0);
  await warmPool(pool.pool, 6);
  expect(pool.pool.totalCount).toBe(6);
  expect(pool.pool.idleCount).toBe(6);
  const backends = await pool.db.execute<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`);
  expect(backends.rows[0]?.n).toBe(6);

  // Six statements at once, each holding its connection a moment: six different connections, all warm.
  const pids = await Promise.all(Array.from({ length: 6 }, () => pool.db.execute<{ pid: number }>(sql`select pg_backend_pid() as pid, pg_sleep(0.05)`)));
  expect(new Set(pids.map((r) => r.rows[0]?.pid)).size).toBe(6);
  expect(pool.pool.totalCount).toBe(6);
});

it("warming a warm pool opens no connection", async () => {
  const before = await pool.db.execute<{ pid: number }>(sql`select array_agg(pid order by pid) as pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`);
  await warmPool(pool.pool, 6);
  const after = await pool.db.execute<{ pid: number }>(sql`select array_agg(pid order by pid) as pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`);
  expect(after.rows[0]?.pid).toEqual(before.rows[0]?.pid);
  expect(pool.pool.totalCount).toBe(6);
});
