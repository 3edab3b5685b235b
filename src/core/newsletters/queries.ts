/** Reads the newsletter screens need beyond the newsletters themselves. */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../i18n/locales";

/** Every space, as a choice of audience: assemblies, then processes, in their admin order. */
export async function listSpaceChoices(db: Db): Promise<{ id: number; title: Translatable }[]> {
  const r = await db.execute<{ id: string; title: Translatable }>(sql`select id, title from spaces order by type desc, weight, id`);
  return r.rows.map((row) => ({ id: Number(row.id), title: row.title }));
}
