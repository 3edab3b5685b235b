/**
 * What meetings hold about a person, for "download my data" and account deletion: their registrations
 * (the meeting, the code, the status). Deleting the account deletes them (the row cascades with the
 * account; removed here first so the places held go to the people waiting).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { refillMeetings } from "./service";

export async function exportMeetingData(db: Db, userId: number): Promise<unknown> {
  const rows = await db.execute(sql`
    select r.meeting_id, m.title, m.start_at, r.code, r.status, r.created_at
    from meeting_registrations r join meetings m on m.id = r.meeting_id where r.user_id = ${userId} order by r.id limit 10000`);
  return { registrations: rows.rows };
}

export async function eraseMeetingData(tx: Db, user: { id: number }): Promise<void> {
  const freed = await tx.execute<{ meeting_id: string }>(sql`delete from meeting_registrations where user_id = ${user.id} returning meeting_id, status`);
  await refillMeetings(
    tx,
    freed.rows.map((r) => Number(r.meeting_id)),
  );
}
