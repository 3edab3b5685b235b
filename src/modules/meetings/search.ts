/**
 * Search provider: published meetings (not hidden) of published components in public spaces, matched
 * on their title, description and minutes. Meetings are few per space: a plain match is enough.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { componentItemHits, type ComponentItemRow } from "../../core/search/component-items";
import { publicSpaceSql } from "../../core/permissions/access";
import type { SearchQuery } from "../../core/search/registry";

export async function searchMeetings(db: Db, q: SearchQuery) {
  const rows = await db.execute<ComponentItemRow>(sql`
    select m.id, m.component_id, s.slug, m.title, m.description as body, s.title as space_title, count(*) over () as full_count
    from meetings m join components c on c.id = m.component_id join spaces s on s.id = c.space_id
    where m.hidden_at is null and m.published_at is not null and c.manifest = 'meetings' and c.published_at is not null and ${publicSpaceSql("s")}
      and jsonb_to_tsvector('simple', jsonb_build_array(m.title, m.description, m.minutes), '["string"]') @@ plainto_tsquery('simple', ${q.q})
    order by m.start_at desc, m.id desc
    limit ${q.limit} offset ${q.offset}`);
  return componentItemHits(rows.rows, q);
}
