/**
 * Reading debates: the list of a component (open or closed, most recent or most commented, a page at
 * a time, one statement whatever the number of debates) and one debate with its author's name.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Locale, Translatable } from "../../core/i18n/locales";

export const LIST_SORTS = ["recent", "most_commented"] as const;
export type ListSort = (typeof LIST_SORTS)[number];
export const LIST_STATES = ["open", "closed", "all"] as const;
export type ListState = (typeof LIST_STATES)[number];
export const PAGE_SIZE = 20;

export interface DebateFilter {
  componentId: number;
  state: ListState;
  sort: ListSort;
  page: number;
}

export interface DebateListItem {
  id: number;
  title: Translatable;
  description: Translatable;
  language: Locale;
  official: boolean;
  authorName: string | null;
  startAt: Date | null;
  endAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  commentsCount: number;
}

type ListRow = {
  id: string;
  title: Translatable;
  description: Translatable;
  language: Locale;
  author_id: string | null;
  author_name: string | null;
  start_at: string | null;
  end_at: string | null;
  closed_at: string | null;
  created_at: string;
  comments_count: number;
  full_count: string;
};

const date = (v: string | null) => (v === null ? null : new Date(v));

/** Visible comments on debates (what the list counts and sorts by). */
const commentsOf = (debate: string) =>
  sql`(select count(*)::int from comments cm where cm.resource_type = 'debate' and cm.resource_id = ${sql.raw(debate)}.id and cm.deleted_at is null and cm.hidden_at is null)`;

/** A page of a component's public debates (not hidden), with the total; one statement. */
export async function listDebates(db: Db, f: DebateFilter): Promise<{ items: DebateListItem[]; total: number; hasNext: boolean }> {
  const state = f.state === "open" ? sql`and d.closed_at is null` : f.state === "closed" ? sql`and d.closed_at is not null` : sql``;
  const order = f.sort === "most_commented" ? sql`comments_count desc, d.created_at desc, d.id desc` : sql`d.created_at desc, d.id desc`;
  const rows = await db.execute<ListRow>(sql`
    select d.id, d.title, d.description, d.language, d.author_id, u.name as author_name, d.start_at, d.end_at, d.closed_at, d.created_at,
      ${commentsOf("d")} as comments_count, count(*) over () as full_count
    from debates d left join users u on u.id = d.author_id and u.deleted_at is null
    where d.component_id = ${f.componentId} and d.hidden_at is null ${state}
    order by ${order}
    limit ${PAGE_SIZE + 1} offset ${(f.page - 1) * PAGE_SIZE}`);
  const items = rows.rows.slice(0, PAGE_SIZE).map(
    (r): DebateListItem => ({
      id: Number(r.id),
      title: r.title,
      description: r.description,
      language: r.language,
      official: r.author_id === null,
      authorName: r.author_name,
      startAt: date(r.start_at),
      endAt: date(r.end_at),
      closedAt: date(r.closed_at),
      createdAt: new Date(r.created_at),
      commentsCount: r.comments_count,
    }),
  );
  return { items, total: Number(rows.rows[0]?.full_count ?? 0), hasNext: rows.rows.length > PAGE_SIZE };
}

export interface DebateDetails extends DebateListItem {
  componentId: number;
  authorId: number | null;
  instructions: Translatable;
  conclusion: Translatable;
  closedByName: string | null;
  hiddenAt: Date | null;
  followersCount: number;
}

/** One debate of this component (hidden ones too: the caller decides who sees them). */
export async function loadDebate(db: Db, componentId: number, id: number): Promise<DebateDetails | null> {
  const rows = await db.execute<ListRow & { component_id: string; instructions: Translatable; conclusion: Translatable; closed_by_name: string | null; hidden_at: string | null; followers_count: number }>(sql`
    select d.id, d.component_id, d.title, d.description, d.instructions, d.conclusion, d.language, d.author_id, u.name as author_name, cb.name as closed_by_name,
      d.start_at, d.end_at, d.closed_at, d.hidden_at, d.created_at, ${commentsOf("d")} as comments_count, 1 as full_count,
      (select count(*)::int from follows f where f.resource_type = 'debate' and f.resource_id = d.id) as followers_count
    from debates d left join users u on u.id = d.author_id and u.deleted_at is null left join users cb on cb.id = d.closed_by
    where d.id = ${id} and d.component_id = ${componentId}`);
  const r = rows.rows[0];
  if (!r) return null;
  return {
    id: Number(r.id),
    componentId: Number(r.component_id),
    authorId: r.author_id === null ? null : Number(r.author_id),
    title: r.title,
    description: r.description,
    instructions: r.instructions,
    conclusion: r.conclusion,
    language: r.language,
    official: r.author_id === null,
    authorName: r.author_name,
    closedByName: r.closed_by_name,
    startAt: date(r.start_at),
    endAt: date(r.end_at),
    closedAt: date(r.closed_at),
    hiddenAt: date(r.hidden_at),
    createdAt: new Date(r.created_at),
    commentsCount: r.comments_count,
    followersCount: r.followers_count,
  };
}

/** Every debate of a component for the back office, newest first (hidden ones included). */
export async function listForAdmin(db: Db, componentId: number, page: number): Promise<{ items: Array<DebateListItem & { hidden: boolean }>; hasNext: boolean }> {
  const rows = await db.execute<ListRow & { hidden_at: string | null }>(sql`
    select d.id, d.title, d.description, d.language, d.author_id, u.name as author_name, d.start_at, d.end_at, d.closed_at, d.hidden_at, d.created_at,
      ${commentsOf("d")} as comments_count, 0 as full_count
    from debates d left join users u on u.id = d.author_id and u.deleted_at is null
    where d.component_id = ${componentId}
    order by d.created_at desc, d.id desc
    limit ${PAGE_SIZE + 1} offset ${(page - 1) * PAGE_SIZE}`);
  return {
    items: rows.rows.slice(0, PAGE_SIZE).map((r) => ({
      id: Number(r.id),
      title: r.title,
      description: r.description,
      language: r.language,
      official: r.author_id === null,
      authorName: r.author_name,
      startAt: date(r.start_at),
      endAt: date(r.end_at),
      closedAt: date(r.closed_at),
      createdAt: new Date(r.created_at),
      commentsCount: r.comments_count,
      hidden: r.hidden_at !== null,
    })),
    hasNext: rows.rows.length > PAGE_SIZE,
  };
}
