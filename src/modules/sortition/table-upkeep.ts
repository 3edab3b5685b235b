/**
 * Vacuum and statistics of the tables a recruitment fills in bulk, done when they are written (ADR 0045).
 * Uploading a register writes 100,000 rows at once, inviting 10,000 letters; left to autovacuum, the
 * vacuum and analyze of those tables came later, in the first seconds of the registrations (traced by
 * `bench:assemblies --trace`), competing for the disk, the WAL and the cores with the registrations'
 * commits, while the invitations table is the one each registration updates. Run after the writing
 * transaction committed (VACUUM cannot run inside one), by the admin's request that wrote them.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

const TABLES = { register: sql`sortition_register_rows`, invitations: sql`sortition_invitations` } as const;

/**
 * `vacuum (analyze)` of the named bulk-written tables: their visibility map and statistics current. Never
 * throws: the rows are committed by then, and the upkeep is an optimisation (autovacuum still does it later),
 * so a failure (the database away a moment, a role that does not own the table) must not turn the admin's
 * saved upload into an error page.
 */
export async function settleBulkWrites(db: Db, tables: ReadonlyArray<keyof typeof TABLES>): Promise<void> {
  for (const t of tables) await db.execute(sql`vacuum (analyze) ${TABLES[t]}`).catch(() => {});
}
