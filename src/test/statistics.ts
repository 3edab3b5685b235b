/**
 * What PostgreSQL's statistics say of a table, for the growth-watch tests (ADR 48): how many times it was
 * analyzed (by hand, by the watch or by autovacuum). ANALYZE writes the table's size into `pg_class` before
 * it counts itself here, so a test waits for this count (`until`) rather than reading it once.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";

export async function analyzeCount(db: Pick<Db, "execute">, table: string): Promise<number> {
  const r = await db.execute<{ n: string }>(sql`select coalesce(analyze_count, 0) + coalesce(autoanalyze_count, 0) as n from pg_stat_user_tables where relname = ${table}`);
  return Number(r.rows[0]?.n ?? 0);
}
