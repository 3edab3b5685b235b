/** The home area's own SQL: the health check's round trip to the database. */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

/** Resolves when the database answers a trivial query; throws (a 500) when it cannot be reached. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
