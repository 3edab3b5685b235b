/**
 * The public list of a component's proposals: filters, orders and pages, each page read in the order
 * of an index (schema.ts) up to its LIMIT, whatever the number of proposals. Two queries: the page's
 * rows (one more than a page says whether another follows) and the count.
 *
 * "Random" is a fixed shuffle (`random_key`, drawn once per proposal) entered at the visitor's seed:
 * every visitor sees a different first page, and paging with the same seed is stable, while the page
 * is still read from an index (an `order by random()` would sort every proposal on every page).
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Locale, Translatable } from "../../core/i18n/locales";
import { readerQuery, storedVector } from "../../core/search/text";
import type { Sort } from "./settings";

export const PAGE_SIZE = 20;
/** The seed range: `random_key` is drawn in [0, 2^31 - 1). */
export const SEED_MAX = 2_147_483_646;

export interface BrowseFilter {
  componentId: number;
  /** Words, searched in the reader's language (stemmed) and as exact words in every language. */
  q?: string | undefined;
  /** "answered", "not_answered", or a state's id (answers published only). */
  state?: string | undefined;
  categoryId?: number | undefined;
  scopeId?: number | undefined;
  /** The reader's own proposals (as author or accepted co-author). */
  mine?: boolean | undefined;
  /** Withdrawn proposals only (otherwise they are left out). */
  withdrawn?: boolean | undefined;
  sort: Sort;
  seed: number;
  page: number;
}

export interface ProposalSummary {
  id: number;
  title: Translatable;
  excerpt: string;
  language: Locale;
  official: boolean;
  authorName: string | null;
  categoryName: Translatable | null;
  publishedAt: Date | null;
  withdrawn: boolean;
  /** Withdrawn because it was merged into another proposal or split into several (proposal_links). */
  closed: boolean;
  /** The published answer's state id. */
  stateId: number | null;
  supportsCount: number;
  commentsCount: number;
  followsCount: number;
  /** The reader supports it. */
  supported: boolean;
}

function where(f: BrowseFilter, reader: { id: number | null; locale: Locale }, extra?: SQL): SQL {
  const w: SQL[] = [sql`p.component_id = ${f.componentId}`, sql`p.published_at is not null and p.hidden_at is null`];
  w.push(f.withdrawn ? sql`p.withdrawn_at is not null` : sql`p.withdrawn_at is null`);
  if (f.state === "answered") w.push(sql`p.state_published_at is not null`);
  else if (f.state === "not_answered") w.push(sql`p.state_published_at is null`);
  else if (f.state && /^\d{1,15}$/.test(f.state)) w.push(sql`p.state_id = ${Number(f.state)} and p.state_published_at is not null`);
  // A category or scope includes the ones under it (read once: a handful of ids).
  if (f.categoryId) w.push(sql`p.category_id = any(array(select c.id from categories c where c.id = ${f.categoryId} or c.parent_id = ${f.categoryId}))`);
  if (f.scopeId) w.push(sql`p.scope_id = any(array(select s.id from scopes s where s.id = ${f.scopeId} or s.parent_id = ${f.scopeId}))`);
  if (f.mine) {
    const me = reader.id ?? 0;
    w.push(sql`(p.author_id = ${me} or p.id = any(array(select ca.resource_id from coauthorships ca where ca.resource_type = 'proposal' and ca.user_id = ${me} and ca.status = 'accepted')))`);
  }
  if (f.q) w.push(sql`${storedVector("p", reader.locale)} @@ ${readerQuery(f.q, reader.locale)}`);
  if (extra) w.push(extra);
  return sql`from proposals p where ${sql.join(w, sql` and `)}`;
}

// Each order is an index's order, word for word (schema.ts).
const ORDERS: Record<Exclude<Sort, "random">, SQL> = {
  recent: sql`p.published_at desc nulls last, p.id desc nulls last`,
  most_supported: sql`p.supports_count desc nulls last, p.id desc nulls last`,
  most_commented: sql`p.comments_count desc nulls last, p.id desc nulls last`,
  most_followed: sql`p.follows_count desc nulls last, p.id desc nulls last`,
};

/** The ids of one page, in order (one SELECT, for `array(...)`). */
function pageIds(f: BrowseFilter, reader: { id: number | null; locale: Locale }, limit: number, offset: number): SQL {
  if (f.sort !== "random") return sql`select p.id ${where(f, reader)} order by ${ORDERS[f.sort]} limit ${limit} offset ${offset}`;
  // From the seed to the end of the shuffle, then from its start: two index walks, each stopping at the page's end.
  const upTo = limit + offset;
  return sql`select id from (
    (select p.id, 0 as part, p.random_key ${where(f, reader, sql`p.random_key >= ${f.seed}`)} order by p.random_key, p.id limit ${upTo})
    union all
    (select p.id, 1 as part, p.random_key ${where(f, reader, sql`p.random_key < ${f.seed}`)} order by p.random_key, p.id limit ${upTo})
  ) u order by part, random_key, id limit ${limit} offset ${offset}`;
}

type Row = {
  id: string;
  title: Translatable;
  excerpt: string | null;
  language: Locale;
  official: boolean;
  author_name: string | null;
  category_name: Translatable | null;
  published_at: string | null;
  withdrawn: boolean;
  closed: boolean;
  state_id: string | null;
  supports_count: number;
  comments_count: number;
  follows_count: number;
  supported: boolean;
};

/** One page of the component's public proposals, whether a next page exists, and how many match. */
export async function browseProposals(db: Db, f: BrowseFilter, reader: { id: number | null; locale: Locale }): Promise<{ items: ProposalSummary[]; hasNext: boolean; total: number }> {
  const page = Math.max(1, f.page);
  const [rows, counted] = await Promise.all([
    db.execute<Row>(sql`
      select p.id, p.title, left(p.body->>p.language, 280) as excerpt, p.language, p.official, case when u.deleted_at is null then u.name end as author_name, cat.name as category_name,
        p.published_at, p.withdrawn_at is not null as withdrawn,
        p.withdrawn_at is not null and exists (select 1 from proposal_links l where l.source_id = p.id and l.kind <> 'imported') as closed, case when p.state_published_at is not null then p.state_id end as state_id,
        p.supports_count, p.comments_count, p.follows_count,
        exists (select 1 from proposal_supports ps where ps.proposal_id = p.id and ps.user_id = ${reader.id ?? 0}) as supported
      from unnest(array(${pageIds(f, reader, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE)})) with ordinality as pg(id, n)
        join proposals p on p.id = pg.id
        left join users u on u.id = p.author_id
        left join categories cat on cat.id = p.category_id
      order by pg.n`),
    db.execute<{ n: number }>(sql`select count(*)::int as n ${where(f, reader)}`),
  ]);
  const items = rows.rows.slice(0, PAGE_SIZE).map(
    (r): ProposalSummary => ({
      id: Number(r.id),
      title: r.title,
      excerpt: r.excerpt ?? "",
      language: r.language,
      official: r.official,
      authorName: r.author_name,
      categoryName: r.category_name,
      publishedAt: r.published_at === null ? null : new Date(r.published_at),
      withdrawn: r.withdrawn,
      closed: r.closed,
      stateId: r.state_id === null ? null : Number(r.state_id),
      supportsCount: r.supports_count,
      commentsCount: r.comments_count,
      followsCount: r.follows_count,
      supported: r.supported,
    }),
  );
  return { items, hasNext: rows.rows.length > PAGE_SIZE, total: counted.rows[0]?.n ?? 0 };
}
