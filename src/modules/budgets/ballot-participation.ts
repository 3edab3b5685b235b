/** What ballots count for the core: participation before a component is deleted, and newsletter audiences. */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";

/** Ballots of every channel in these components (cast or being filled): what deleting them would destroy. */
export async function ballotsIn(db: Db, componentIds: number[]): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from budget_ballots b join budgets g on g.id = b.budget_id where g.component_id = any(${sql.param(componentIds)}::bigint[])`);
  return r.rows[0]?.n ?? 0;
}

/** People who cast a vote in the spaces' budgets. */
export const ballotParticipants = (spaceIds: SQL): SQL => sql`
  select b.user_id from budget_ballots b join budgets g on g.id = b.budget_id join components c on c.id = g.component_id
  where c.space_id = any(${spaceIds}) and b.user_id is not null and b.checked_out_at is not null`;
