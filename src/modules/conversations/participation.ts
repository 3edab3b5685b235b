/** How much participation a conversations component holds (the guard before deleting it): its votes. */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

export async function votesIn(db: Db, componentIds: number[]): Promise<number> {
  if (componentIds.length === 0) return 0;
  const r = await db.execute<{ n: string }>(sql`
    select count(*) as n from conversation_votes v join conversations c on c.id = v.conversation_id
    where c.component_id = any(${sql.param(componentIds)}::bigint[])`);
  return Number(r.rows[0]?.n ?? 0);
}
