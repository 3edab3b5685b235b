/**
 * The back office's list of a component's proposals: every published one (hidden and withdrawn
 * included), filtered by internal answer state, category or words, sorted, fifty a page in one query.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";

export const ADMIN_PAGE_SIZE = 50;
export const ADMIN_SORTS = ["newest", "oldest", "most_supported", "most_commented"] as const;
export type AdminSort = (typeof ADMIN_SORTS)[number];

export interface AdminFilter {
  /** "none" (not answered), "waiting" (answered, not published), or a state's id. */
  state?: string | undefined;
  categoryId?: number | undefined;
  /** Words of the title (any language), or a proposal's number. */
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

/** `%` and `_` typed in the search box are plain characters, not patterns. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listForAdmin(db: Db, componentId: number, f: AdminFilter): Promise<{ rows: AdminRow[]; hasNext: boolean }> {
  const w: SQL[] = [sql`p.component_id = ${componentId}`, sql`p.published_at is not null`];
  if (f.state === "none") w.push(sql`p.state_id is null`);
  else if (f.state === "waiting") w.push(sql`p.state_id is not null and p.state_published_at is null`);
  else if (f.state && /^\d{1,15}$/.test(f.state)) w.push(sql`p.state_id = ${Number(f.state)}`);
  if (f.categoryId) w.push(sql`p.category_id = any(array(select c.id from categories c where c.id = ${f.categoryId} or c.parent_id = ${f.categoryId}))`);
  if (f.q) {
    const q = f.q.trim();
    w.push(/^\d{1,15}$/.test(q) ? sql`p.id = ${Number(q)}` : sql`p.title::text ilike ${likePattern(q)}`);
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
    hidden_at: string | null;
    supports_count: number;
    comments_count: number;
    published_at: string | null;
  }>(sql`
    select p.id, p.title, p.official, case when u.deleted_at is null then u.name end as author_name, p.state_id, p.state_published_at, p.withdrawn_at, p.hidden_at, p.supports_count, p.comments_count, p.published_at
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
      hidden: r.hidden_at !== null,
      supportsCount: r.supports_count,
      commentsCount: r.comments_count,
      publishedAt: r.published_at === null ? null : new Date(r.published_at),
    })),
  };
}
