/**
 * A self-rescheduling job (`jobs.every`) keeps running after faults: when the database's connections
 * are cut while a run is under way (a PostgreSQL restart), and when its next run was lost altogether
 * (an instance killed in the middle of a run leaves no next run queued).
 */
import { it } from "vitest";
import { until } from "../../test/until";
import { jobsBehindACut } from "./testing";

const fixture = jobsBehindACut();

it("runs again after the database was cut in the middle of a run", { timeout: 60_000 }, async () => {
  const { cut, jobs } = fixture();
  let runs = 0;
  let hold: { entered: () => void; release: Promise<void> } | null = null;
  let release = () => {};
  const entered = new Promise<void>((resolve) => {
    hold = { entered: resolve, release: new Promise<void>((r) => (release = r)) };
  });
  await jobs.every("test.every.cut", 1, async () => {
    runs++;
    const h = hold;
    hold = null;
    if (h) {
      h.entered();
      await h.release;
    }
  });
  await entered;
  const cutting = cut.cut(3_000);
  // The run ends while the database is unreachable: its next run cannot be queued at that moment.
  release();
  await cutting;
  const at = runs;
  await until(async () => runs >= at + 2, 45_000, 100);
});

it("queues a next run again when none is left (an instance killed in the middle of a run)", { timeout: 60_000 }, async () => {
  const { jobs, direct } = fixture();
  let runs = 0;
  await jobs.every("test.every.lost", 1, async () => {
    runs++;
  });
  await until(async () => runs >= 1, 30_000, 100);
  // What a kill -9 leaves: no run queued (the killed run's own, once expired, is failed for good).
  // A run under way when its queued successor is deleted queues another as it ends: delete until none
  // is left right after a deletion (race-proof: the check is the loop's condition, not a later read).
  let deleted = 0;
  await until(async () => {
    deleted += (await direct.query("delete from pnyx_jobs.job where name = 'test.every.lost' and state < 'completed'")).rowCount ?? 0;
    const left = await direct.query<{ n: number }>("select count(*)::int as n from pnyx_jobs.job where name = 'test.every.lost' and state < 'completed'");
    return deleted > 0 && left.rows[0]?.n === 0;
  }, 30_000, 50);
  const at = runs;
  await until(async () => runs >= at + 2, 45_000, 100);
});
