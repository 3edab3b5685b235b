/**
 * The database pool survives its connections being cut (a PostgreSQL restart, a network failure) while
 * a transaction holds one between two statements: the transaction fails, the process does not crash
 * (an 'error' event with no listener would end it), and the pool serves again once the database answers.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTcpCut, type TcpCut } from "../test/tcp-cut";
import { until } from "../test/until";
import { openDatabase, type Database } from "./client";
import { createTestDatabase, type TestDatabase } from "./test-db";

let database: TestDatabase;
let cut: TcpCut;
let pool: Database;
const logged: string[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
  cut = await startTcpCut(database.url);
  pool = openDatabase(cut.url, 4, (m) => logged.push(m));
});
afterAll(async () => {
  await pool.close();
  await cut.close();
  await database.drop();
});

it("fails a transaction cut between two statements, without crashing, and serves again afterwards", async () => {
  let entered = () => {};
  let release = () => {};
  const inside = new Promise<void>((r) => (entered = r));
  const held = new Promise<void>((r) => (release = r));
  const transaction = pool.db.transaction(async (tx) => {
    await tx.execute(sql`select 1`);
    entered();
    await held;
    await tx.execute(sql`select 2`);
  });
  const outcome = transaction.then(
    () => "committed",
    () => "failed",
  );
  await inside;
  // The connection is checked out and idle (between statements) when it is cut.
  await cut.cut(1_000);
  release();
  expect(await outcome).toBe("failed");
  expect(logged.some((m) => m.includes("database connection lost"))).toBe(true);
  await until(() => pool.db.execute(sql`select 1 as one`).then((r) => r.rows.length === 1, () => false), 20_000, 200);
});
