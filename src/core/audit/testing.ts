/** Test helper: how many SQL statements a piece of work runs (drizzle sends each through pool.query). */
import type { TestPlatform } from "../../test/platform";
import { invalidateOrganization } from "../organization/service";

/**
 * The work runs once unmeasured first (a session's once-a-minute "last seen" write lands there, not in
 * the count), then with the organization cache emptied, so two counts compare the same work.
 */
export async function countQueries(p: TestPlatform, work: () => Promise<unknown>): Promise<number> {
  await work();
  invalidateOrganization();
  const pool = p.deps.pool as unknown as { query: (...args: unknown[]) => unknown };
  const original = pool.query;
  let count = 0;
  pool.query = function (this: unknown, ...args: unknown[]) {
    count += 1;
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    pool.query = original;
  }
  return count;
}
