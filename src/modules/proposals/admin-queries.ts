/**
 * The back office's list of a component's proposals: every published one (hidden and withdrawn
 * included; merged and split ones when asked), filtered by internal answer state, published answer,
 * category, scope, status or words (the stored search vectors, or a number), sorted, fifty a page in
 * one query.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Locale, Translatable } from "../../core/i18n/locales";
import { readerQuery, storedVector } from "../../core/search/text";

export const ADMIN_PAGE_SIZE = 50;
export const ADMIN_SORTS = ["newest", "oldest", "most_supported", "most_commented"] as const;
export type AdminSort = (typeof ADMIN_SORTS)[number];
/** "" (absent): all but merged and split; "open": not withdrawn; "withdrawn": by their author; "closed": merged or split. */
export const ADMIN_STATUSES = ["open", "withdrawn", "closed", "all"] as const;
export type AdminStatus = (typeof ADMIN_STATUSES)[number];

export interface AdminFilter {
  /** "none" (not answered), "waiting" (answered, not published), or a state's id. */
  state?: string | undefined;
  categoryId?: number | undefined;
  scopeId?: number | undefined;
  status?: AdminStatus | undefined;
  /** With or without a published answer. */
  answer?: "with" | "without" | undefined;
  /** Words (searched as the public search does, in the reader's language), or a proposal's number. */
  q?: string | undefined;
  sort: AdminSort;
  page: number;
}

export interface AdminRow {
  id: number;
  title: Translatable;
  official: boolean;
  authorName: string | null;
  stateId: number | null;
  answerPublished: boolean;
  withdrawn: boolean;
  /** Merged into or split into other proposals. */
  closed: boolean;
  hidden: boolean;
  supportsCount: number;
  commentsCount: number;
  publishedAt: Date | null;
}

const ORDERS: Record<AdminSort, SQL> = {
  newest: sql`p.id desc`,
  oldest: sql`p.id asc`,
  most_supported: sql`p.supports_count desc, p.id desc`,
  most_commented: sql`p.comments_count desc, p.id desc`,
};

const CLOSED = sql`exists (select 1 from proposal_links l where l.source_id = p.id and l.kind in ('merged', 'split'))`;

export async function listForAdmin(db: Db, componentId: number, f: AdminFilter, locale: Locale = "en"): Promise<{ rows: AdminRow[]; hasNext: boolean }> {
  const w: SQL[] = [sql`p.component_id = ${componentId}`, sql`p.published_at is not null`];
  if (f.state === "none") w.push(sql`p.state_id is null`);
  else if (f.state === "waiting") w.push(sql`p.state_id is not null and p.state_published_at is null`);
  else if (f.state && /^\d{1,15}$/.test(f.state)) w.push(sql`p.state_id = ${Number(f.state)}`);
  if (f.categoryId) w.push(sql`p.category_id = any(array(select c.id from categories c where c.id = ${f.categoryId} or c.parent_id = ${f.categoryId}))`);
  if (f.scopeId) w.push(sql`p.scope_id = any(array(select s.id from scopes s where s.id = ${f.scopeId} or s.parent_id = ${f.scopeId}))`);
  if (f.answer === "with") w.push(sql`p.state_published_at is not null`);
  else if (f.answer === "without") w.push(sql`p.state_published_at is null`);
  if (f.status === "open") w.push(sql`p.withdrawn_at is null`);
  else if (f.status === "withdrawn") w.push(sql`p.withdrawn_at is not null and not ${CLOSED}`);
  else if (f.status === "closed") w.push(CLOSED);
  else if (f.status !== "all") w.push(sql`not ${CLOSED}`);
  if (f.q) {
    const q = f.q.trim();
    w.push(/^\d{1,15}$/.test(q) ? sql`p.id = ${Number(q)}` : sql`${storedVector("p", locale)} @@ ${readerQuery(q, locale)}`);
  }
  const offset = (Math.max(1, f.page) - 1) * ADMIN_PAGE_SIZE;
  const rows = await db.execute<{
    id: string;
    title: Translatable;
    official: boolean;
    author_name: string | null;
    state_id: string | null;
    state_published_at: string | null;
    withdrawn_at: string | null;
    closed: boolean;
    hidden_at: string | null;
    supports_count: number;
    comments_count: number;
    published_at: string | null;
  }>(sql`
    select p.id, p.title, p.official, case when u.deleted_at is null then u.name end as author_name, p.state_id, p.state_published_at, p.withdrawn_at, ${CLOSED} as closed, p.hidden_at, p.supports_count, p.comments_count, p.published_at
    from proposals p left join users u on u.id = p.author_id
    where ${sql.join(w, sql` and `)}
    order by ${ORDERS[f.sort]}
    limit ${ADMIN_PAGE_SIZE + 1} offset ${offset}`);
  return {
    hasNext: rows.rows.length > ADMIN_PAGE_SIZE,
    rows: rows.rows.slice(0, ADMIN_PAGE_SIZE).map((r) => ({
      id: Number(r.id),
      title: r.title,
      official: r.official,
      authorName: r.author_name,
      stateId: r.state_id === null ? null : Number(r.state_id),
      answerPublished: r.state_published_at !== null,
      withdrawn: r.withdrawn_at !== null,
      closed: r.closed,
      hidden: r.hidden_at !== null,
      supportsCount: r.supports_count,
      commentsCount: r.comments_count,
      publishedAt: r.published_at === null ? null : new Date(r.published_at),
    })),
  };
}
