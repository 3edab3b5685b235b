/**
 * Search provider: debates (not hidden) of published components in public spaces, members-only areas
 * left out. Debates are few per space (the organization's and the committees'), so a plain match on
 * their words is enough: no stored vectors, and the scan is bounded by the number of debates.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { componentItemHits, type ComponentItemRow } from "../../core/search/component-items";
import { publicSpaceSql } from "../../core/permissions/access";
import type { SearchQuery } from "../../core/search/registry";

export async function searchDebates(db: Db, q: SearchQuery) {
  const rows = await db.execute<ComponentItemRow>(sql`
    select d.id, d.component_id, s.slug, d.title, d.description as body, s.title as space_title, count(*) over () as full_count
    from debates d join components c on c.id = d.component_id join spaces s on s.id = c.space_id
    where d.hidden_at is null and c.manifest = 'debates' and c.published_at is not null and ${publicSpaceSql("s")}
      and not coalesce((c.settings -> 'global' ->> 'membersOnly')::boolean, false)
      and jsonb_to_tsvector('simple', jsonb_build_array(d.title, d.description), '["string"]') @@ plainto_tsquery('simple', ${q.q})
    order by d.created_at desc, d.id desc
    limit ${q.limit} offset ${q.offset}`);
  return componentItemHits(rows.rows, q);
}
