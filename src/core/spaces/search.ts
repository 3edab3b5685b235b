/** Search provider: published public processes and assemblies (and transparent private assemblies). */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../i18n/locales";
import { localize } from "../i18n/translator";
import { publicSpaceSql } from "../permissions/access";
import type { SearchProvider, SearchQuery } from "../search/registry";
import { plainExcerpt, RANKED_MATCHES, readerQuery, storedVector } from "../search/text";
import { spacePath, type SpaceRow } from "./types";

function spaceSearch(type: SpaceRow["type"]) {
  return async (db: Db, q: SearchQuery) => {
    const vector = storedVector("s", q.locale);
    const query = readerQuery(q.q, q.locale);
    // The index finds the matches; only the first RANKED_MATCHES of them are ranked and counted.
    const rows = await db.execute<{ slug: string; title: Translatable; short_description: Translatable; description: Translatable; full_count: string }>(sql`
      select m.slug, m.title, m.short_description, m.description, count(*) over () as full_count
      from (
        select s.id, s.slug, s.title, s.short_description, s.description, s.weight, ${vector} as v
        from spaces s
        where s.type = ${type} and ${publicSpaceSql("s")} and ${vector} @@ ${query}
        limit ${RANKED_MATCHES}
      ) m
      order by ts_rank(m.v, ${query}) desc, m.weight, m.id
      limit ${q.limit} offset ${q.offset}`);
    return {
      total: Number(rows.rows[0]?.full_count ?? 0),
      hits: rows.rows.map((r) => {
        const title = localize(r.title, q.locale, q.fallback);
        const short = localize(r.short_description, q.locale, q.fallback);
        return { title: title.text, lang: title.locale, url: spacePath({ type, slug: r.slug }), excerpt: plainExcerpt(short.text || localize(r.description, q.locale, q.fallback).text) };
      }),
    };
  };
}

export const processSearch: SearchProvider = { kind: "processes", label: "search.kind.processes", search: spaceSearch("process") };
export const assemblySearch: SearchProvider = { kind: "assemblies", label: "search.kind.assemblies", search: spaceSearch("assembly") };
