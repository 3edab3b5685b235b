/**
 * Forgetting a person in the job queue. Mail jobs carry the address and the text (with links) in
 * pg-boss's tables (`pnyx_jobs.job`, and `pnyx_jobs.archive` once finished), so erasing an account
 * must erase them there too; RETENTION in queue.ts keeps finished jobs only briefly anyway.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

/**
 * Deletes every job, queued, running, finished or archived, whose data or output mentions `email`
 * (case-insensitively: the address as typed may differ from the stored one). A mail to that address
 * not sent yet is not sent. Returns how many jobs were deleted.
 */
export async function scrubPersonalJobs(db: Db, email: string): Promise<number> {
  const needle = email.trim().toLowerCase();
  if (needle.length < 3) return 0;
  // strpos, not LIKE: an address may contain "_" or "%", which LIKE would read as wildcards.
  const mentions = sql`strpos(lower(coalesce(data::text, '') || ' ' || coalesce(output::text, '')), ${needle}) > 0`;
  const result = await db.execute<{ n: number }>(sql`
    with live as (delete from pnyx_jobs.job where ${mentions} returning 1),
    archived as (delete from pnyx_jobs.archive where ${mentions} returning 1)
    select ((select count(*) from live) + (select count(*) from archived))::int as n`);
  return result.rows[0]?.n ?? 0;
}
