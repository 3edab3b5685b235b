/**
 * Debates as open data: every debate (not hidden) of published debates components in public spaces,
 * members-only discussion areas left out, as CSV streamed through a cursor, oldest first.
 */
import type pg from "pg";
import { sql } from "drizzle-orm";
import { cursorRows } from "../../db/cursor";
import type { Locale, Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import { csvLine } from "../../core/open-data/csv";
import { publicSpaceSql } from "../../core/permissions/access";
import { componentPath } from "../../core/spaces/types";

export const DEBATES_CSV_COLUMNS = ["id", "url", "space", "component_id", "title", "description", "language", "official", "start_at", "end_at", "created_at", "closed_at", "conclusion", "comments", "in_favour", "against", "neutral", "follows"];

type Row = {
  id: string;
  component_id: string;
  slug: string;
  space_title: Translatable;
  title: Translatable;
  description: Translatable;
  language: string;
  official: boolean;
  start_at: Date | null;
  end_at: Date | null;
  created_at: Date;
  closed_at: Date | null;
  conclusion: Translatable;
  comments: number;
  in_favour: number;
  against: number;
  neutral: number;
  follows: number;
};

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : "");

export async function* debatesCsv(pool: pg.Pool, base: string, reader: { locale: Locale; fallback: Locale }): AsyncGenerator<string> {
  const text = (v: Translatable | null) => (v ? localize(v, reader.locale, reader.fallback).text : "");
  yield csvLine(DEBATES_CSV_COLUMNS);
  const query = sql`
    select d.id, d.component_id, s.slug, s.title as space_title, d.title, d.description, d.language, d.author_id is null as official,
      d.start_at, d.end_at, d.created_at, d.closed_at, d.conclusion,
      coalesce(cm.total, 0) as comments, coalesce(cm.in_favour, 0) as in_favour, coalesce(cm.against, 0) as against, coalesce(cm.neutral, 0) as neutral,
      (select count(*)::int from follows f where f.resource_type = 'debate' and f.resource_id = d.id) as follows
    from debates d join components c on c.id = d.component_id join spaces s on s.id = c.space_id
      left join lateral (
        select count(*)::int as total, (count(*) filter (where x.alignment > 0 and x.depth = 0))::int as in_favour,
          (count(*) filter (where x.alignment < 0 and x.depth = 0))::int as against, (count(*) filter (where x.alignment = 0 and x.depth = 0))::int as neutral
        from comments x where x.resource_type = 'debate' and x.resource_id = d.id and x.deleted_at is null and x.hidden_at is null
      ) cm on true
    where d.hidden_at is null and c.manifest = 'debates' and c.published_at is not null and ${publicSpaceSql("s")}
      and not coalesce((c.settings -> 'global' ->> 'membersOnly')::boolean, false)
    order by d.id`;
  for await (const rows of cursorRows<Row>(pool, query)) {
    yield rows
      .map((r) =>
        csvLine([
          r.id,
          `${base}${componentPath({ slug: r.slug }, Number(r.component_id), `/${r.id}`)}`,
          text(r.space_title),
          r.component_id,
          text(r.title),
          text(r.description),
          r.language,
          r.official ? "yes" : "no",
          iso(r.start_at),
          iso(r.end_at),
          iso(r.created_at),
          iso(r.closed_at),
          r.closed_at ? text(r.conclusion) : "",
          r.comments,
          r.in_favour,
          r.against,
          r.neutral,
          r.follows,
        ]),
      )
      .join("");
  }
}
