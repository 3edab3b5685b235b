/**
 * For the jobs' fault tests: a queue whose connections go through a relay that can cut them
 * (src/test/tcp-cut.ts), and a direct connection to look at `pnyx_jobs` meanwhile. Call at a test file's
 * top level: it registers its own beforeAll/afterAll and returns getters.
 */
import { afterAll, beforeAll } from "vitest";
import pg from "pg";
import { createTestDatabase, type TestDatabase } from "../../db/test-db";
import { startTcpCut, type TcpCut } from "../../test/tcp-cut";
import { startJobs, type Jobs } from "./queue";

export interface JobsBehindACut {
  cut: TcpCut;
  jobs: Jobs;
  /** Straight to the database, never cut. */
  direct: pg.Client;
}

export function jobsBehindACut(): () => JobsBehindACut {
  let database: TestDatabase | undefined;
  let fixture: JobsBehindACut | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    const cut = await startTcpCut(database.url);
    const jobs = await startJobs(cut.url, () => {});
    const direct = new pg.Client({ connectionString: database.url });
    await direct.connect();
    fixture = { cut, jobs, direct };
  });
  afterAll(async () => {
    await fixture?.jobs.stop();
    await fixture?.direct.end();
    await fixture?.cut.close();
    await database?.drop();
  });
  return () => {
    if (!fixture) throw new Error("jobsBehindACut: used before its beforeAll ran");
    return fixture;
  };
}
