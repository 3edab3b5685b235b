/**
 * A job whose run ends while the database is unreachable (a PostgreSQL restart) does not end the
 * process: pg-boss 10 completes a finished batch without waiting for it, so a failure there was an
 * unhandled rejection (Node then exits). The completion is tried again until the database answers.
 */
import { it } from "vitest";
import { until } from "../../test/until";
import { jobsBehindACut } from "./testing";

const fixture = jobsBehindACut();

it("completes a job whose run ended while the database was cut, without an unhandled error", { timeout: 60_000 }, async () => {
  const { cut, jobs, direct } = fixture();
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
