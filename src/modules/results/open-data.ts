/**
 * Results as open data: every result of public results components, as CSV in the reader's language,
 * streamed through a cursor (constant memory), oldest first. Links name the resources a result comes
 * from as `type:id` (a proposal's id is the one of /open-data/proposals.csv).
 */
import type pg from "pg";
import { sql } from "drizzle-orm";
import { cursorRows } from "../../db/cursor";
import type { Locale, Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import { csvLine } from "../../core/open-data/csv";
import { publicSpaceSql } from "../../core/permissions/access";
import { componentPath } from "../../core/spaces/types";

const COLUMNS = ["id", "url", "space", "component_id", "parent_id", "title", "description", "category", "scope", "status", "progress", "start_date", "end_date", "links"];

type Row = {
  id: string;
  component_id: string;
  slug: string;
  space_title: Translatable;
  parent_id: string | null;
  title: Translatable;
  description: Translatable;
  category: Translatable | null;
  scope: Translatable | null;
  status: Translatable | null;
  progress: number | null;
  start_date: string | null;
  end_date: string | null;
  links: string | null;
};

export async function* resultsCsv(pool: pg.Pool, base: string, reader: { locale: Locale; fallback: Locale }): AsyncGenerator<string> {
  const text = (v: Translatable | null) => (v ? localize(v, reader.locale, reader.fallback).text : "");
  yield csvLine(COLUMNS);
  const query = sql`
    select r.id, r.component_id, s.slug, s.title as space_title, r.parent_id, r.title, r.description, cat.name as category, sc.name as scope, st.name as status,
      r.progress, r.start_date::text as start_date, r.end_date::text as end_date,
      (select string_agg(l.resource_type || ':' || l.resource_id, ';' order by l.resource_type, l.resource_id) from result_links l where l.result_id = r.id) as links
    from results r join components c on c.id = r.component_id join spaces s on s.id = c.space_id
      left join categories cat on cat.id = r.category_id left join scopes sc on sc.id = r.scope_id left join result_statuses st on st.id = r.status_id
    where c.manifest = 'results' and c.published_at is not null and ${publicSpaceSql("s")}
    order by r.id`;
  for await (const rows of cursorRows<Row>(pool, query)) {
    yield rows
      .map((r) =>
        csvLine([
          r.id,
          `${base}${componentPath({ slug: r.slug }, Number(r.component_id), `/${r.id}`)}`,
          text(r.space_title),
          r.component_id,
          r.parent_id,
          text(r.title),
          text(r.description),
          text(r.category),
          text(r.scope),
          text(r.status),
          r.progress === null ? "" : Math.round(r.progress * 100) / 100,
          r.start_date,
          r.end_date,
          r.links,
        ]),
      )
      .join("");
  }
}
