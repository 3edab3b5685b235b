/** What results count for the core: the participation that guards a component before deletion. */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

/**
 * The comments on any result of these components: a results component where people discussed its
 * results is not deleted by accident (results themselves are the administrators' work, so they do not count).
 */
export async function participationIn(db: Db, componentIds: number[]): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from comments where resource_type = 'result' and component_id = any(${sql.param(componentIds)}::bigint[])`);
  return r.rows[0]?.n ?? 0;
}
