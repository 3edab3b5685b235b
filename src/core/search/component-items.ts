/**
 * A component's search provider over its items: rows with `id`, `component_id`, translatable `title`
 * and `body`, and stored `search_<locale>` vectors, in published components of public spaces.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../i18n/locales";
import { localize } from "../i18n/translator";
import { publicSpaceSql } from "../permissions/access";
import { componentPath } from "../spaces/types";
import type { SearchHit, SearchQuery } from "./registry";
import { plainExcerpt, RANKED_MATCHES, readerQuery, storedVector } from "./text";

export interface ComponentItems {
  /** The items' table ("pages", "proposals"). */
  table: string;
  /** The table's alias in `visible` ("pg", "p"): lowercase letters. */
  alias: string;
  /** Which items the public sees (published, not hidden...), on `alias`; `c` is their component. */
  visible: SQL;
}

/** The items matching `q` in the reader's language, best first; each links to `<component>/<id>`. */
export async function searchComponentItems(db: Db, q: SearchQuery, items: ComponentItems): Promise<{ total: number; hits: SearchHit[] }> {
  const vector = storedVector(items.alias, q.locale);
  const query = readerQuery(q.q, q.locale);
  const a = sql.raw(items.alias);
  // The language's index finds the matches (a partial index when `visible` is its predicate); only the first RANKED_MATCHES are ranked and counted.
  const rows = await db.execute<ComponentItemRow>(sql`
    select m.id, m.component_id, m.slug, m.title, m.body, m.space_title, count(*) over () as full_count
    from (
      select ${a}.id, ${a}.component_id, s.slug, ${a}.title, ${a}.body, s.title as space_title, ${vector} as v
      from ${sql.identifier(items.table)} ${a} join components c on c.id = ${a}.component_id join spaces s on s.id = c.space_id
      where ${items.visible} and c.published_at is not null and ${publicSpaceSql("s")} and ${vector} @@ ${query}
      limit ${RANKED_MATCHES}
    ) m
    order by ts_rank(m.v, ${query}) desc, m.id
    limit ${q.limit} offset ${q.offset}`);
  return componentItemHits(rows.rows, q);
}

/** A row of a component's items found by a search: `body` gives the excerpt; `full_count`, the count of all matches. */
export type ComponentItemRow = {
  id: string;
  component_id: string;
  slug: string;
  title: Translatable;
  body: Translatable;
  space_title: Translatable;
  full_count: string;
};

/** The hits of a provider's rows, in the reader's language; each links to `<component>/<id>`. */
export function componentItemHits(rows: ComponentItemRow[], q: SearchQuery): { total: number; hits: SearchHit[] } {
  return {
    total: Number(rows[0]?.full_count ?? 0),
    hits: rows.map((r) => {
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
