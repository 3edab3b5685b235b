/** What meetings count for the core: participants for newsletters, participation before deletion, statistics. */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";

/** People registered to the spaces' meetings (commenters and followers are the kit's). */
export const newsletterParticipants = (spaceIds: SQL): SQL => sql`
  select r.user_id from meeting_registrations r join meetings m on m.id = r.meeting_id join components c on c.id = m.component_id
  where c.space_id = any(${spaceIds}) and r.status <> 'cancelled'`;

/** Registrations and comments on the meetings of these components. */
export async function participationIn(db: Db, componentIds: number[]): Promise<number> {
  const ids = sql.param(componentIds);
  const r = await db.execute<{ n: number }>(sql`
    select (select count(*) from meeting_registrations r join meetings m on m.id = r.meeting_id where m.component_id = any(${ids}::bigint[]))::int
         + (select count(*) from comments where resource_type = 'meeting' and component_id = any(${ids}::bigint[]))::int as n`);
  return r.rows[0]?.n ?? 0;
}

/** Published meetings not hidden, in published components. */
export async function countMeetings(db: Db, spaceIds: number[] | null): Promise<number> {
  const inSpaces = spaceIds ? sql`and c.space_id = any(${sql.param(spaceIds)}::bigint[])` : sql``;
  const r = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from meetings m join components c on c.id = m.component_id
    where m.hidden_at is null and m.published_at is not null and c.published_at is not null and c.manifest = 'meetings' ${inSpaces}`);
  return r.rows[0]?.n ?? 0;
}
