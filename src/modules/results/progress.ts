/**
 * Progress: a leaf's is set by hand (or implied by its status); a parent's is the mean of its
 * children's that have one. Recomputed for a whole component in the transaction of each change: one
 * statement per level, deepest first, so a grandparent sees its children's new means.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

/** Levels a tree of results may have: a result, its sub-results, theirs. */
export const MAX_DEPTH = 3;

export async function recomputeProgress(tx: Db, componentId: number): Promise<void> {
  for (let i = 1; i < MAX_DEPTH; i++) {
    await tx.execute(sql`
      update results r set progress = m.mean, updated_at = now()
      from (select parent_id, avg(progress) as mean from results where component_id = ${componentId} and parent_id is not null group by parent_id) m
      where r.id = m.parent_id and r.progress is distinct from m.mean`);
  }
}

/** The mean of numbers that are there (null when none is): a component's overall progress from its top-level results. */
export function meanProgress(values: ReadonlyArray<number | null>): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}
