/** What petitions count for the core: participants for newsletters, participation before deletion, statistics. */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { PUBLIC_STATES } from "./states";

/** Authors and followers of the spaces' petitions (a signature is no subscription). */
export const newsletterParticipants = (spaceIds: SQL): SQL => sql`
  select p.author_id from petitions p join components c on c.id = p.component_id where c.space_id = any(${spaceIds}) and p.author_id is not null
  union select f.user_id from follows f where f.resource_type = 'petition' and f.space_id = any(${spaceIds})`;

/** Petitions (drafts too: someone's work) and signatures in these components: what deleting them would destroy. */
export async function participationIn(db: Db, componentIds: number[]): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`
    select (select count(*) from petitions where component_id = any(${sql.param(componentIds)}::bigint[]))::int
         + (select count(*) from petition_signatures s join petitions p on p.id = s.petition_id where p.component_id = any(${sql.param(componentIds)}::bigint[]))::int as n`);
  return r.rows[0]?.n ?? 0;
}

const inSpaces = (spaceIds: number[] | null) => (spaceIds ? sql`and c.space_id = any(${sql.param(spaceIds)}::bigint[])` : sql``);

export async function countPublicPetitions(db: Db, spaceIds: number[] | null): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from petitions p join components c on c.id = p.component_id where p.state = any(${sql.param([...PUBLIC_STATES])}::text[]) ${inSpaces(spaceIds)}`);
  return r.rows[0]?.n ?? 0;
}

export async function countSignatures(db: Db, spaceIds: number[] | null): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`select coalesce(sum(k.count), 0)::int as n from petition_counts k join petitions p on p.id = k.petition_id join components c on c.id = p.component_id where true ${inSpaces(spaceIds)}`);
  return r.rows[0]?.n ?? 0;
}
