/** Small reads of reports for pages. */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { ResourceRef } from "../resources/kinds";

/** Whether this person already reported the thing. */
export async function hasReported(db: Db, ref: ResourceRef, userId: number): Promise<boolean> {
  const rows = await db.execute(sql`
    select 1 from reports r join moderations m on m.id = r.moderation_id
    where m.resource_type = ${ref.type} and m.resource_id = ${ref.id} and r.user_id = ${userId}`);
  return rows.rows.length > 0;
}

/** The organization's report threshold (the default while no organization row exists). */
export async function reportThresholdOf(db: Db): Promise<number> {
  const rows = await db.execute<{ n: number }>(sql`select report_threshold as n from organizations where id = 1`);
  return rows.rows[0]?.n ?? 3;
}
