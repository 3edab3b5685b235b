/** What proposals count for the core: participants for newsletters, participation before deletion, statistics. */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";

/** Authors and supporters of the spaces' proposals, and their followers. */
export const newsletterParticipants = (spaceIds: SQL): SQL => sql`
  select p.author_id from proposals p join components c on c.id = p.component_id where c.space_id = any(${spaceIds}) and p.author_id is not null
  union select s.user_id from proposal_supports s join components c on c.id = s.component_id where c.space_id = any(${spaceIds})
  union select f.user_id from follows f where f.resource_type = 'proposal' and f.space_id = any(${spaceIds})`;

/** Proposals (drafts too: someone's work) and supports in these components: what deleting them would destroy. */
export async function participationIn(db: Db, componentIds: number[]): Promise<number> {
  const ids = sql.param(componentIds);
  const r = await db.execute<{ n: number }>(sql`
    select (select count(*) from proposals where component_id = any(${ids}::bigint[]))::int
         + (select count(*) from proposal_supports where component_id = any(${ids}::bigint[]))::int as n`);
  return r.rows[0]?.n ?? 0;
}

const inSpaces = (spaceIds: number[] | null) => (spaceIds ? sql`and c.space_id = any(${sql.param(spaceIds)}::bigint[])` : sql``);

/** Published proposals, not hidden, in published components. */
export async function countProposals(db: Db, spaceIds: number[] | null): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from proposals p join components c on c.id = p.component_id
    where p.published_at is not null and p.hidden_at is null and c.published_at is not null ${inSpaces(spaceIds)}`);
  return r.rows[0]?.n ?? 0;
}

/** Supports that count (provisional ones wait for their supporter's minimum). */
export async function countSupports(db: Db, spaceIds: number[] | null): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`
    select coalesce(sum(p.supports_count), 0)::int as n from proposals p join components c on c.id = p.component_id
    where p.published_at is not null and p.hidden_at is null and c.published_at is not null ${inSpaces(spaceIds)}`);
  return r.rows[0]?.n ?? 0;
}
