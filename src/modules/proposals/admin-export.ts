/**
 * The back office's export of one component's proposals, as CSV (in the reader's language) or JSON
 * (every language): every published proposal, hidden and withdrawn ones included, with the internal
 * answer (and whether it is published), supports, comments, authors, category, scope and the history
 * links (merged, split, imported). Streamed through a cursor: constant memory, one statement.
 */
import type pg from "pg";
import { sql } from "drizzle-orm";
import { cursorRows } from "../../db/cursor";
import type { Locale, Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import { csvLine } from "../../core/open-data/csv";

type Row = {
  id: string;
  title: Translatable;
  body: Translatable;
  language: string;
  official: boolean;
  authors: string[];
  category: Translatable | null;
  scope: Translatable | null;
  state: string | null;
  answer_published: boolean;
  answer: Translatable;
  cost_cents: string | null;
  published_at: Date | null;
  withdrawn_at: Date | null;
  hidden_at: Date | null;
  supports_count: number;
  comments_count: number;
  follows_count: number;
  merged_from: string[];
  merged_into: string[];
  split_from: string[];
  split_into: string[];
  imported_from: string[];
  imported_into: string[];
};

const rowsOf = (pool: pg.Pool, componentId: number) =>
  cursorRows<Row>(
    pool,
    sql`
    select p.id, p.title, p.body, p.language, p.official,
      array(select case when u.deleted_at is null then u.name else '' end from users u where u.id = p.author_id
        union all select * from (select case when cu.deleted_at is null then cu.name else '' end from coauthorships ca join users cu on cu.id = ca.user_id
          where ca.resource_type = 'proposal' and ca.resource_id = p.id and ca.status = 'accepted' order by ca.created_at) co) as authors,
      cat.name as category, sc.name as scope, st.token as state, p.state_published_at is not null as answer_published, p.answer, p.cost_cents,
      p.published_at, p.withdrawn_at, p.hidden_at, p.supports_count, p.comments_count, p.follows_count,
      array(select l.source_id::text from proposal_links l where l.target_id = p.id and l.kind = 'merged' order by l.source_id) as merged_from,
      array(select l.target_id::text from proposal_links l where l.source_id = p.id and l.kind = 'merged' order by l.target_id) as merged_into,
      array(select l.source_id::text from proposal_links l where l.target_id = p.id and l.kind = 'split' order by l.source_id) as split_from,
      array(select l.target_id::text from proposal_links l where l.source_id = p.id and l.kind = 'split' order by l.target_id) as split_into,
      array(select l.source_id::text from proposal_links l where l.target_id = p.id and l.kind = 'imported' order by l.source_id) as imported_from,
      array(select l.target_id::text from proposal_links l where l.source_id = p.id and l.kind = 'imported' order by l.target_id) as imported_into
    from proposals p
      left join categories cat on cat.id = p.category_id left join scopes sc on sc.id = p.scope_id left join proposal_states st on st.id = p.state_id
    where p.component_id = ${componentId} and p.published_at is not null
    order by p.id`,
    500,
  );

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : "");
const cost = (c: string | null) => (c === null ? "" : (Number(c) / 100).toFixed(2));
/** A merged or split proposal is closed, whatever its withdrawal date says. */
const status = (r: Row) => (r.merged_into.length > 0 ? "merged" : r.split_into.length > 0 ? "split" : r.withdrawn_at ? "withdrawn" : "published");

export const EXPORT_COLUMNS = [
  "id",
  "url",
  "title",
  "body",
  "language",
  "official",
  "authors",
  "category",
  "scope",
  "status",
  "state",
  "answer_published",
  "answer",
  "cost_eur",
  "published_at",
  "withdrawn_at",
  "hidden",
  "supports",
  "comments",
  "follows",
  "merged_from",
  "merged_into",
  "split_from",
  "split_into",
  "imported_from",
  "imported_into",
] as const;

/** `url(id)` is the proposal's public address. */
export async function* adminCsv(pool: pg.Pool, componentId: number, url: (id: string) => string, reader: { locale: Locale; fallback: Locale }): AsyncGenerator<string> {
  const text = (v: Translatable | null) => (v ? localize(v, reader.locale, reader.fallback).text : "");
  yield csvLine([...EXPORT_COLUMNS]);
  for await (const rows of rowsOf(pool, componentId))
    yield rows
      .map((r) =>
        csvLine([
          r.id,
          url(r.id),
          text(r.title),
          text(r.body),
          r.language,
          r.official ? "yes" : "no",
          r.authors.join("; "),
          text(r.category),
          text(r.scope),
          status(r),
          r.state ?? "not_answered",
          r.answer_published ? "yes" : "no",
          text(r.answer),
          cost(r.cost_cents),
          iso(r.published_at),
          iso(r.withdrawn_at),
          r.hidden_at ? "yes" : "no",
          r.supports_count,
          r.comments_count,
          r.follows_count,
          r.merged_from.join(" "),
          r.merged_into.join(" "),
          r.split_from.join(" "),
          r.split_into.join(" "),
          r.imported_from.join(" "),
          r.imported_into.join(" "),
        ]),
      )
      .join("");
}

/** The same as a JSON array (translatable texts in every language, links as arrays of ids). */
export async function* adminJson(pool: pg.Pool, componentId: number, url: (id: string) => string): AsyncGenerator<string> {
  yield "[";
  let first = true;
  const ids = (v: string[]) => v.map(Number);
  for await (const rows of rowsOf(pool, componentId)) {
    const items = rows.map((r) =>
      JSON.stringify({
        id: Number(r.id),
        url: url(r.id),
        title: r.title,
        body: r.body,
        language: r.language,
        official: r.official,
        authors: r.authors,
        category: r.category,
        scope: r.scope,
        status: status(r),
        state: r.state ?? "not_answered",
        answerPublished: r.answer_published,
        answer: r.answer,
        costEur: r.cost_cents === null ? null : Number(r.cost_cents) / 100,
        publishedAt: r.published_at ? iso(r.published_at) : null,
        withdrawnAt: r.withdrawn_at ? iso(r.withdrawn_at) : null,
        hidden: r.hidden_at !== null,
        supports: r.supports_count,
        comments: r.comments_count,
        follows: r.follows_count,
        links: { mergedFrom: ids(r.merged_from), mergedInto: ids(r.merged_into), splitFrom: ids(r.split_from), splitInto: ids(r.split_into), importedFrom: ids(r.imported_from), importedInto: ids(r.imported_into) },
      }),
    );
    yield (first ? "" : ",") + items.join(",");
    first = false;
  }
  yield "]\n";
}
