/** What debates count for the core: participants for newsletters, participation before deletion, statistics. */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";

/** Authors of the spaces' debates and their followers (commenters are the kit's). */
export const newsletterParticipants = (spaceIds: SQL): SQL => sql`
  select d.author_id from debates d join components c on c.id = d.component_id where c.space_id = any(${spaceIds}) and d.author_id is not null
  union select f.user_id from follows f where f.resource_type = 'debate' and f.space_id = any(${spaceIds})`;

/** Participants' debates and the comments on any debate of these components. */
export async function participationIn(db: Db, componentIds: number[]): Promise<number> {
  const ids = sql.param(componentIds);
  const r = await db.execute<{ n: number }>(sql`
    select (select count(*) from debates where component_id = any(${ids}::bigint[]) and author_id is not null)::int
         + (select count(*) from comments where resource_type = 'debate' and component_id = any(${ids}::bigint[]))::int as n`);
  return r.rows[0]?.n ?? 0;
}

/** Debates not hidden, in published components. */
export async function countDebates(db: Db, spaceIds: number[] | null): Promise<number> {
  const inSpaces = spaceIds ? sql`and c.space_id = any(${sql.param(spaceIds)}::bigint[])` : sql``;
  const r = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from debates d join components c on c.id = d.component_id
    where d.hidden_at is null and c.published_at is not null ${inSpaces}`);
  return r.rows[0]?.n ?? 0;
}
