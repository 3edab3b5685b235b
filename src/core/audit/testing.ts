/** Test helper: how many SQL statements a piece of work runs (drizzle sends each through pool.query). */
import type { TestPlatform } from "../../test/platform";
import { invalidateOrganization } from "../organization/service";

/**
 * The work runs once unmeasured first (a session's once-a-minute "last seen" write lands there), then
 * three times with the organization cache emptied; the smallest count is kept, because background jobs
 * share the pool and may query during one of the runs.
 */
export async function countQueries(p: TestPlatform, work: () => Promise<unknown>): Promise<number> {
  await work();
  const pool = p.deps.pool as unknown as { query: (...args: unknown[]) => unknown };
  const original = pool.query;
  const counts: number[] = [];
  for (let run = 0; run < 3; run++) {
    let count = 0;
    pool.query = function (this: unknown, ...args: unknown[]) {
      count += 1;
      return original.apply(this, args);
    };
    invalidateOrganization();
    try {
      await work();
    } finally {
      pool.query = original;
    }
    counts.push(count);
  }
  return Math.min(...counts);
}
