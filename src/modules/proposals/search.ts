/** Search provider: published proposals of published components in public spaces, in the reader's language. */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import { publicSpaceSql } from "../../core/permissions/access";
import type { SearchQuery } from "../../core/search/registry";
import { plainExcerpt, RANKED_MATCHES, readerQuery, storedVector } from "../../core/search/text";
import { componentPath } from "../../core/spaces/types";

export async function searchProposals(db: Db, q: SearchQuery) {
  const vector = storedVector("p", q.locale);
  const query = readerQuery(q.q, q.locale);
  // The language's index finds the matches (partial on the listed proposals); only the first RANKED_MATCHES are ranked.
  const rows = await db.execute<{ id: string; component_id: string; slug: string; title: Translatable; body: Translatable; space_title: Translatable; full_count: string }>(sql`
    select m.id, m.component_id, m.slug, m.title, m.body, m.space_title, count(*) over () as full_count
    from (
      select p.id, p.component_id, s.slug, p.title, p.body, s.title as space_title, ${vector} as v
      from proposals p join components c on c.id = p.component_id join spaces s on s.id = c.space_id
      where p.published_at is not null and p.hidden_at is null and c.published_at is not null and ${publicSpaceSql("s")} and ${vector} @@ ${query}
      limit ${RANKED_MATCHES}
    ) m
    order by ts_rank(m.v, ${query}) desc, m.id
    limit ${q.limit} offset ${q.offset}`);
  return {
    total: Number(rows.rows[0]?.full_count ?? 0),
    hits: rows.rows.map((r) => {
      const title = localize(r.title, q.locale, q.fallback);
      return {
        title: title.text,
        lang: title.locale,
        url: componentPath({ slug: r.slug }, Number(r.component_id), `/${r.id}`),
        excerpt: plainExcerpt(localize(r.body, title.locale, q.fallback).text),
        context: localize(r.space_title, q.locale, q.fallback).text,
      };
    }),
  };
}
