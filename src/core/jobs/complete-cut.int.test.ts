/**
 * A job whose run ends while the database is unreachable (a PostgreSQL restart) does not end the
 * process: pg-boss 10 completes a finished batch without waiting for it, so a failure there was an
 * unhandled rejection (Node then exits). The completion is tried again until the database answers.
 */
import { afterAll, beforeAll, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/test-db";
import { startTcpCut, type TcpCut } from "../../test/tcp-cut";
import { until } from "../../test/until";
import { startJobs, type Jobs } from "./queue";
import pg from "pg";

let database: TestDatabase;
let cut: TcpCut;
let jobs: Jobs;
let direct: pg.Client;
beforeAll(async () => {
  database = await createTestDatabase();
  cut = await startTcpCut(database.url);
  jobs = await startJobs(cut.url, () => {});
  direct = new pg.Client({ connectionString: database.url });
  await direct.connect();
});
afterAll(async () => {
  await jobs.stop();
  await direct.end();
  await cut.close();
  await database.drop();
});

it("completes a job whose run ended while the database was cut, without an unhandled error", { timeout: 60_000 }, async () => {
  let entered = () => {};
  let release = () => {};
  const inside = new Promise<void>((r) => (entered = r));
  const held = new Promise<void>((r) => (release = r));
  await jobs.work("test.cut.complete", async () => {
    entered();
    await held;
  });
  await jobs.send("test.cut.complete", { n: 1 });
  await inside;
  const cutting = cut.cut(3_000);
  // The run ends while nothing reaches the database: its completion waits for it.
  release();
  await cutting;
  await until(async () => {
    const r = await direct.query<{ state: string }>("select state from pnyx_jobs.job where name = 'test.cut.complete'");
    return r.rows[0]?.state === "completed";
  }, 45_000, 200);
});
