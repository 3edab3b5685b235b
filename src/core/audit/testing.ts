/** Test helper: how many SQL statements a piece of work runs (see src/test/queries.ts). */
import type { TestPlatform } from "../../test/platform";
import { countQueries as countPoolQueries } from "../../test/queries";

export async function countQueries(p: TestPlatform, work: () => Promise<unknown>): Promise<number> {
  return (await countPoolQueries(p.deps.pool, work)).count;
}
