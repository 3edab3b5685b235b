/**
 * Browsing public petitions at any size: one page of a list read in the order of an index, its total
 * (exact for the API, capped and cached for a few seconds for the pages), filters by category (with its
 * sub-categories) and scope (with the scopes it contains) read from the same indexes, and full-text
 * search in each petition's own language through the stored `search` column.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { inCategory, inCategoryNamed, inScope } from "../../core/categories/filter";
import type { Translatable } from "../../core/i18n/locales";
import { publicSpaceSql } from "../../core/permissions/access";
import { readCounts, type Counts } from "./counts";
import { PUBLIC_STATES_IN, type PetitionState } from "./schema";

export const SORTS = ["most_signed", "newest", "closing_soon"] as const;
export type Sort = (typeof SORTS)[number];

export interface BrowseFilter {
  q?: string | undefined;
  state?: PetitionState | undefined;
  /** A category of the petition's space: it or one of its sub-categories. */
  categoryId?: number | undefined;
  /** A scope: it or one it contains. */
  scopeId?: number | undefined;
  /** The API's `theme`: a category named so in any language (the free-text themes became categories). */
  theme?: string | undefined;
  region?: string | undefined;
  sort?: Sort | undefined;
  componentId?: number | undefined;
  page?: number | undefined;
}

export interface PetitionSummary {
  id: number;
  title: string;
  summary: string;
  language: string;
  /** The category and scope it is filed under (names in every language the organization wrote them in). */
  category: { id: number; name: Translatable } | null;
  scope: { id: number; name: Translatable } | null;
  state: PetitionState;
  publishedAt: Date | null;
  signingEndsAt: Date | null;
  typeTitle: Translatable;
  threshold: number;
  regionThresholds: Record<string, number>;
  counts: Counts;
}

export const PAGE_SIZE = 20;
/**
 * A search by relevance ranks the most signed matches of each language, this many: enough for ten
 * pages in one language, and few enough that a common word walks the most-signed index for them
 * rather than sorting every match (ranking all 28,000 matches of "school" in 100,000 petitions took
 * four times as long).
 */
export const RANKED_PER_LANGUAGE = 200;
/** A page counts this many at most ("more than 10,000"): the count then costs the same at any size. */
export const TOTAL_CAP = 10_000;

/**
 * How the total is counted: `exact` (the API's meta.total), `capped` (a page: at most TOTAL_CAP + 1,
 * cached for TOTAL_TTL_MS per filter on this instance), or `none` (the home page shows no total).
 */
export type TotalMode = "exact" | "capped" | "none";
const TOTAL_TTL_MS = 5_000;

/**
 * A public state, in a published component of a public space. The components are read once (an
 * InitPlan: a few hundred ids at most), so walking an index costs no join per petition.
 */
const VISIBLE = sql`p.state in ${PUBLIC_STATES_IN} and p.hidden_at is null and p.component_id in (select c.id from components c join spaces s on s.id = c.space_id where c.published_at is not null and ${publicSpaceSql("s")})`;

/** The languages petitions are written in, with their text search configurations. */
const LANGUAGES = [
  ["fr", "french"],
  ["nl", "dutch"],
  ["de", "german"],
  ["en", "english"],
] as const;

/** The search words parsed in one language: constants, folded once per query, never per row. */
const parsed = (config: string, q: string) => sql`websearch_to_tsquery(${sql.raw(`'${config}'::regconfig`)}, ${q})`;

function where(f: BrowseFilter, extra?: SQL): SQL {
  const w: SQL[] = [VISIBLE];
  if (f.state) w.push(sql`p.state = ${f.state}`);
  if (f.componentId) w.push(sql`p.component_id = ${f.componentId}`);
  // Each reads the few matching ids once; the list indexes carry category_id and scope_id.
  if (f.categoryId) w.push(inCategory(sql`p.category_id`, f.categoryId));
  if (f.theme) w.push(inCategoryNamed(sql`p.category_id`, f.theme));
  if (f.scopeId) w.push(inScope(sql`p.scope_id`, f.scopeId));
  // The types open to the region, read once (a few rows): no join per petition.
  if (f.region) w.push(sql`p.type_id = any(array(select t.id from petition_types t where jsonb_array_length(t.residence_regions) = 0 or t.residence_regions ? ${f.region}))`);
  if (extra) w.push(extra);
  return sql`from petitions p where ${sql.join(w, sql` and `)}`;
}

/**
 * A search is one query per language, each on the stored `search` vector (in the petition's own
 * language) through that language's GIN index (`petitions_search_<lang>_idx`, partial on the language,
 * which is written as a literal so the planner can match it): `(select ...) union all (select ...)`.
 */
function perLanguage(f: BrowseFilter & { q: string }, branch: (from: SQL, tsquery: SQL) => SQL): SQL {
  return sql.join(
    LANGUAGES.map(([lang, config]) => sql`(${branch(where(f, sql`p.language = ${sql.raw(`'${lang}'`)} and p.search @@ ${parsed(config, f.q)}`), parsed(config, f.q))})`),
    sql` union all `,
  );
}

// Each order is an index's order, word for word (schema.ts), so a page is read in order up to its LIMIT.
const MOST_SIGNED = sql`p.signatures_total desc nulls last, p.id desc nulls last`;
const NEWEST = sql`p.published_at desc nulls last, p.id desc nulls last`;
const CLOSING = sql`p.signing_ends_at asc nulls last, p.id`;
/** Still open for signing (closing_soon lists those first). */
const OPEN = sql`coalesce(p.state in ('published', 'threshold_reached') and p.signing_ends_at > now(), false)`;

/** The ids of one page, in order (one SELECT, for `array(...)`). */
function pageIds(f: BrowseFilter, limit: number, offset: number): SQL {
  const upTo = limit + offset;
  if (f.q) {
    const q = f.q;
    const keys = sql`p.id, p.signatures_total, p.published_at, p.signing_ends_at, ${OPEN} as open`;
    if (!f.sort) {
      // Relevance, ranked on the stored vectors of each language's RANKED_PER_LANGUAGE most signed matches only.
      const ranked = perLanguage({ ...f, q }, (from, tsquery) => sql`select ${keys}, p.search, ${tsquery} as tq ${from} order by ${MOST_SIGNED} limit ${RANKED_PER_LANGUAGE}`);
      return sql`select id from (${ranked}) m order by ts_rank(m.search, m.tq) desc, m.signatures_total desc, m.id desc limit ${limit} offset ${offset}`;
    }
    const [inner, outer] =
      f.sort === "newest"
        ? [NEWEST, sql`published_at desc nulls last, id desc nulls last`]
        : f.sort === "closing_soon"
          ? [sql`${OPEN} desc, ${CLOSING}`, sql`open desc, signing_ends_at asc nulls last, id`]
          : [MOST_SIGNED, sql`signatures_total desc nulls last, id desc nulls last`];
    const found = perLanguage({ ...f, q }, (from) => sql`select ${keys} ${from} order by ${inner} limit ${upTo}`);
    return sql`select id from (${found}) m order by ${outer} limit ${limit} offset ${offset}`;
  }
  if (f.sort === "newest") return sql`select p.id ${where(f)} order by ${NEWEST} limit ${limit} offset ${offset}`;
  if (f.sort === "closing_soon") {
    // Those still open for signing first (soonest end first), then the others: two index walks, each
    // stopping at the page's end, rather than a sort on a computed key over every row.
    return sql`select id from (
      (select p.id, 0 as part, p.signing_ends_at ${where(f, OPEN)} order by ${CLOSING} limit ${upTo})
      union all
      (select p.id, 1 as part, p.signing_ends_at ${where(f, sql`not ${OPEN}`)} order by ${CLOSING} limit ${upTo})
    ) u order by part, signing_ends_at asc nulls last, id limit ${limit} offset ${offset}`;
  }
  return sql`select p.id ${where(f)} order by ${MOST_SIGNED} limit ${limit} offset ${offset}`;
}

type SummaryRow = {
  id: string;
  title: string;
  summary: string;
  language: string;
  category_id: string | null;
  category_name: Translatable | null;
  scope_id: string | null;
  scope_name: Translatable | null;
  state: PetitionState;
  published_at: string | null;
  signing_ends_at: string | null;
  type_title: Translatable;
  threshold: number;
  region_thresholds: Record<string, number>;
};

const totals = new Map<string, { at: number; total: number }>();

/** Forgets the cached totals (tests that count queries: a cached total would make the count depend on timing). */
export function forgetTotals(): void {
  totals.clear();
}

/** The number of petitions matching the filter (the page and sort aside). */
async function countPetitions(db: Db, f: BrowseFilter, mode: Exclude<TotalMode, "none">): Promise<number> {
  const key = JSON.stringify([f.q, f.state, f.categoryId, f.theme, f.scopeId, f.region, f.componentId]);
  const cached = mode === "capped" ? totals.get(key) : undefined;
  if (cached && Date.now() - cached.at < TOTAL_TTL_MS) return cached.total;
  const q = f.q;
  const matching = q ? perLanguage({ ...f, q }, (from) => sql`select 1 ${from}`) : sql`select 1 ${where(f)}`;
  const rows = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from (${matching} ${mode === "capped" ? sql`limit ${TOTAL_CAP + 1}` : sql``}) x`,
  );
  const total = rows.rows[0]?.n ?? 0;
  if (mode === "capped") {
    if (totals.size >= 1_000) totals.clear();
    totals.set(key, { at: Date.now(), total });
  }
  return total;
}

/**
 * Public petitions matching the filter, one page, with their counts: the page's ids from an index
 * walk, their rows, their counts (two queries, and a third for the total unless cached or not asked).
 * With `capped`, a total of TOTAL_CAP + 1 means "more than TOTAL_CAP".
 */
export async function browsePetitions(db: Db, f: BrowseFilter, opts: { total?: TotalMode } = {}): Promise<{ items: PetitionSummary[]; total: number }> {
  const mode = opts.total ?? "capped";
  const page = Math.max(1, f.page ?? 1);
  const [rows, total] = await Promise.all([
    db.execute<SummaryRow>(sql`
      select p.id, p.title, p.summary, p.language, p.category_id, cat.name as category_name, p.scope_id, sc.name as scope_name,
        p.state, p.published_at, p.signing_ends_at, t.title as type_title, t.threshold, t.region_thresholds
      from unnest(array(${pageIds(f, PAGE_SIZE, (page - 1) * PAGE_SIZE)})) with ordinality as pg(id, n)
        join petitions p on p.id = pg.id join petition_types t on t.id = p.type_id
        left join categories cat on cat.id = p.category_id left join scopes sc on sc.id = p.scope_id
      order by pg.n`),
    mode === "none" ? Promise.resolve(-1) : countPetitions(db, f, mode),
  ]);
  const ids = rows.rows.map((r) => Number(r.id));
  const counts = await readCounts(db, ids);
  return {
    total: total >= 0 ? total : ids.length,
    items: rows.rows.map((r) => ({
      id: Number(r.id),
      title: r.title,
      summary: r.summary,
      language: r.language,
      category: r.category_id && r.category_name ? { id: Number(r.category_id), name: r.category_name } : null,
      scope: r.scope_id && r.scope_name ? { id: Number(r.scope_id), name: r.scope_name } : null,
      state: r.state,
      publishedAt: r.published_at ? new Date(r.published_at) : null,
      signingEndsAt: r.signing_ends_at ? new Date(r.signing_ends_at) : null,
      typeTitle: r.type_title,
      threshold: r.threshold,
      regionThresholds: r.region_thresholds,
      counts: counts.get(Number(r.id)) ?? { online: {}, paper: {}, onlineTotal: 0, paperTotal: 0, total: 0 },
    })),
  };
}

export interface OpenDataRow {
  id: string;
  title: string;
  state: PetitionState;
  type_title: Translatable;
  category_name: Translatable | null;
  scope_name: Translatable | null;
  published_at: Date | string | null;
  signing_ends_at: Date | string | null;
  threshold: number;
  /** Region to count: folded online signatures plus the journal not folded yet; paper entries. */
  online: Record<string, number> | null;
  paper: Record<string, number> | null;
}

/**
 * Every public petition with its counts per region, newest first (the order of petitions_newest_idx,
 * so a cursor over it yields its first rows at once). Counted as `readCounts` does, per petition.
 */
export function openDataQuery(): SQL {
  return sql`
    select p.id, p.title, p.state, t.title as type_title, cat.name as category_name, sc.name as scope_name, p.published_at, p.signing_ends_at, t.threshold, k.online, e.paper
    from petitions p join petition_types t on t.id = p.type_id
      left join categories cat on cat.id = p.category_id left join scopes sc on sc.id = p.scope_id
      left join lateral (
        select jsonb_object_agg(region, n) as online from (
          select region, sum(n)::int as n from (
            select region, count as n from petition_counts where petition_id = p.id
            union all select region, delta from petition_count_deltas where petition_id = p.id
          ) x group by region
        ) y
      ) k on true
      left join lateral (
        select jsonb_object_agg(region, n) as paper from (select region, sum(count)::int as n from petition_paper_entries where petition_id = p.id group by region) y
      ) e on true
    where ${VISIBLE}
    order by ${NEWEST}`;
}
