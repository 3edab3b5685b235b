/**
 * What the public budget pages read: the component's budgets with the reader's ballot in each (one
 * query), one budget, a page of its projects (filters, search, sorts, votes when shown; one query
 * whatever the number of projects or ballots) and the categories and scopes its projects use.
 *
 * Votes are counted from ballots that count (COUNTED_BALLOT, the outcome's own condition: online checked
 * out, paper confirmed, imported) by one grouped query over the items' project index, only when the step shows them.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { inCategory, inScope } from "../../core/categories/filter";
import type { Locale, Translatable } from "../../core/i18n/locales";
import { COUNTED_BALLOT } from "./pabulib-queries";
import type { BallotRules, VoteType } from "./schema";

export const BROWSE_SORTS = ["random", "most_voted", "cost_asc", "cost_desc", "alphabetical"] as const;
export type BrowseSort = (typeof BROWSE_SORTS)[number];


export type BallotState = "none" | "progress" | "checkedOut";

export interface BudgetSummary {
  id: number;
  componentId: number;
  title: Translatable;
  description: Translatable;
  total: number;
  currency: string;
  voteType: VoteType;
  rules: BallotRules;
  projects: number;
  /** The reader's ballot in it. */
  state: BallotState;
}

type BudgetRow = {
  id: string;
  component_id: string;
  title: Translatable;
  description: Translatable;
  total: string | number;
  currency: string;
  vote_type: VoteType;
  rules: BallotRules;
  projects: number;
  ballot_id: string | null;
  items: number;
  checked_out: boolean;
};

const toSummary = (r: BudgetRow): BudgetSummary => ({
  id: Number(r.id),
  componentId: Number(r.component_id),
  title: r.title,
  description: r.description,
  total: Number(r.total),
  currency: r.currency,
  voteType: r.vote_type,
  rules: r.rules,
  projects: r.projects,
  state: r.checked_out ? "checkedOut" : r.ballot_id !== null && r.items > 0 ? "progress" : "none",
});

const budgetSelect = (userId: number | null) => sql`
  select g.id, g.component_id, g.title, g.description, g.total, g.currency, g.vote_type, g.rules,
    (select count(*) from budget_projects p where p.budget_id = g.id and p.hidden_at is null)::int as projects,
    b.id as ballot_id, coalesce(b.checked_out_at is not null, false) as checked_out,
    (select count(*) from budget_ballot_items i where i.ballot_id = b.id)::int as items
  from budgets g left join budget_ballots b on b.budget_id = g.id and b.user_id = ${userId ?? 0}`;

/** The component's budgets in their order, with the reader's ballot state in each. */
export async function listBudgets(db: Db, componentId: number, userId: number | null): Promise<BudgetSummary[]> {
  const r = await db.execute<BudgetRow>(sql`${budgetSelect(userId)} where g.component_id = ${componentId} order by g.weight, g.id`);
  return r.rows.map(toSummary);
}

/** One budget of the component, with the reader's ballot state, or null. */
export async function findBudget(db: Db, componentId: number, budgetId: number, userId: number | null): Promise<BudgetSummary | null> {
  const r = await db.execute<BudgetRow>(sql`${budgetSelect(userId)} where g.component_id = ${componentId} and g.id = ${budgetId}`);
  const row = r.rows[0];
  return row ? toSummary(row) : null;
}

export interface ProjectFilter {
  budgetId: number;
  q?: string | undefined;
  categoryId?: number | undefined;
  scopeId?: number | undefined;
  sort: BrowseSort;
  /** The reader's shuffle (random order). */
  seed: number;
  page: number;
  perPage: number;
  /** Count the votes (the step shows them). */
  votes: boolean;
}

export interface ProjectSummary {
  id: number;
  title: Translatable;
  excerpt: Translatable;
  cost: number;
  categoryName: Translatable | null;
  scopeName: Translatable | null;
  votes: number | null;
}

const ORDERS: Record<Exclude<BrowseSort, "random">, (locale: Locale) => SQL> = {
  most_voted: () => sql`coalesce(v.votes, 0) desc, p.id`,
  cost_asc: () => sql`p.cost asc, p.id`,
  cost_desc: () => sql`p.cost desc, p.id`,
  alphabetical: (locale) => sql`lower(coalesce(p.title->>${locale}, p.title->>'en', '')), p.id`,
};

/** One page of the budget's projects and how many match (one query: a window count). */
export async function browseProjects(db: Db, f: ProjectFilter, locale: Locale): Promise<{ items: ProjectSummary[]; total: number }> {
  const w: SQL[] = [sql`p.budget_id = ${f.budgetId}`, sql`p.hidden_at is null`];
  if (f.categoryId) w.push(inCategory(sql`p.category_id`, f.categoryId));
  if (f.scopeId) w.push(inScope(sql`p.scope_id`, f.scopeId));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    w.push(sql`(p.title::text ilike ${like} or p.description::text ilike ${like})`);
  }
  const votes = f.votes
    ? sql`left join (select i.project_id, count(*)::int as votes from budget_ballot_items i join budget_ballots b on b.id = i.ballot_id
        where b.budget_id = ${f.budgetId} and ${COUNTED_BALLOT} group by i.project_id) v on v.project_id = p.id`
    : sql`left join (select null::bigint as project_id, null::int as votes) v on false`;
  const order = f.sort === "random" ? sql`md5(p.id::text || ':' || ${String(f.seed)}), p.id` : ORDERS[f.sort](locale);
  const r = await db.execute<{ id: string; title: Translatable; description: Translatable; cost: string | number; category_name: Translatable | null; scope_name: Translatable | null; votes: number | null; total: number }>(sql`
    select p.id, p.title, p.description, p.cost, cat.name as category_name, sc.name as scope_name, v.votes, count(*) over ()::int as total
    from budget_projects p
    ${votes}
    left join categories cat on cat.id = p.category_id
    left join scopes sc on sc.id = p.scope_id
    where ${sql.join(w, sql` and `)}
    order by ${order}
    limit ${f.perPage} offset ${(Math.max(1, f.page) - 1) * f.perPage}`);
  return {
    total: r.rows[0]?.total ?? (f.page > 1 ? await countProjects(db, w) : 0),
    items: r.rows.map((x) => ({
      id: Number(x.id),
      title: x.title,
      excerpt: excerpt(x.description),
      cost: Number(x.cost),
      categoryName: x.category_name,
      scopeName: x.scope_name,
      votes: f.votes ? (x.votes ?? 0) : null,
    })),
  };
}

/** Past the last page the window count is gone: count apart (a mangled page number only). */
async function countProjects(db: Db, w: SQL[]): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from budget_projects p where ${sql.join(w, sql` and `)}`);
  return r.rows[0]?.n ?? 0;
}

const EXCERPT = 240;
/** The first words of each language's description. */
function excerpt(value: Translatable): Translatable {
  const out: Translatable = {};
  for (const [k, v] of Object.entries(value) as Array<[Locale, string | undefined]>) {
    if (!v) continue;
    const flat = v.replace(/\s+/g, " ").trim();
    out[k] = flat.length > EXCERPT ? `${flat.slice(0, EXCERPT).replace(/\s+\S*$/, "")}…` : flat;
  }
  return out;
}

export interface Choice {
  id: number;
  name: Translatable;
}

/** The categories and scopes the budget's projects are filed under (for the filters). */
export async function budgetPlacements(db: Db, budgetId: number): Promise<{ categories: Choice[]; scopes: Choice[] }> {
  const r = await db.execute<{ kind: "category" | "scope"; id: string; name: Translatable }>(sql`
    select 'category' as kind, c.id, c.name from categories c where c.id in (select category_id from budget_projects where budget_id = ${budgetId} and hidden_at is null)
    union all
    select 'scope' as kind, s.id, s.name from scopes s where s.id in (select scope_id from budget_projects where budget_id = ${budgetId} and hidden_at is null)
    order by 1, 2`);
  const of = (kind: string) => r.rows.filter((x) => x.kind === kind).map((x) => ({ id: Number(x.id), name: x.name }));
  return { categories: of("category"), scopes: of("scope") };
}

/** The budget as voting needs it (the lean read of the checkout path), with how many budgets the component has, or null. */
/** The reader's checked-out ballots in the component's budgets (the workflow "one in the component"). */
export async function checkedOutBudgets(db: Db, componentId: number, userId: number): Promise<number[]> {
  const r = await db.execute<{ budget_id: string }>(sql`
    select b.budget_id from budget_ballots b join budgets g on g.id = b.budget_id
    where g.component_id = ${componentId} and b.user_id = ${userId} and b.checked_out_at is not null`);
  return r.rows.map((x) => Number(x.budget_id));
}

/** The ids of the component's budgets. */
export async function budgetIds(db: Db, componentId: number): Promise<number[]> {
  const r = await db.execute<{ id: string }>(sql`select id from budgets where component_id = ${componentId} order by weight, id`);
  return r.rows.map((x) => Number(x.id));
}

/** A project's title in the budget (for a flash), or null. */
export async function projectTitle(db: Db, budgetId: number, projectId: number): Promise<Translatable | null> {
  const r = await db.execute<{ title: Translatable }>(sql`select title from budget_projects where id = ${projectId} and budget_id = ${budgetId}`);
  return r.rows[0]?.title ?? null;
}
