/**
 * Reading the projects catalogue: a component's budgets, a budget's projects with their votes, one
 * project's page. Votes are counted by one grouped query over the ballots that count: online ones
 * once checked out, paper ones once a second person confirmed them, imported ones.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { attachmentsColumn, attachmentsFromJson, type Attachment } from "../../core/attachments/service";
import type { Translatable } from "../../core/i18n/locales";
import { COUNTED_BALLOT } from "./pabulib-queries";
import type { BallotRules, VoteType } from "./schema";

/** The ballots that count, as a condition on `b` (budget_ballots): the same as the outcome's (pabulib-queries.ts). */
export const COUNTED: SQL = COUNTED_BALLOT;

/** Votes (ballots naming the project) and points per project of a budget, one grouped query. */
const votesOf = (budgetId: SQL) => sql`
  select i.project_id, count(*)::int as votes, sum(i.points)::int as points
  from budget_ballot_items i join budget_ballots b on b.id = i.ballot_id
  where b.budget_id = ${budgetId} and ${COUNTED} group by i.project_id`;

export interface BudgetSummary {
  id: number;
  title: Translatable;
  description: Translatable;
  total: number;
  currency: string;
  scopeId: number | null;
  voteType: VoteType;
  rules: BallotRules;
  weight: number;
  projects: number;
  ballots: number;
}

type BudgetRowSql = { id: string; title: Translatable; description: Translatable; total: string; currency: string; scope_id: string | null; vote_type: VoteType; rules: BallotRules; weight: number; projects: number; ballots: number };
const toBudget = (r: BudgetRowSql): BudgetSummary => ({
  id: Number(r.id),
  title: r.title,
  description: r.description,
  total: Number(r.total),
  currency: r.currency,
  scopeId: r.scope_id === null ? null : Number(r.scope_id),
  voteType: r.vote_type,
  rules: r.rules,
  weight: r.weight,
  projects: r.projects,
  ballots: r.ballots,
});

const budgetColumns = sql`b0.id, b0.title, b0.description, b0.total, b0.currency, b0.scope_id, b0.vote_type, b0.rules, b0.weight,
  (select count(*)::int from budget_projects p where p.budget_id = b0.id) as projects,
  (select count(*)::int from budget_ballots b where b.budget_id = b0.id) as ballots`;

/** The component's budgets in their order, with how many projects and ballots (of any state) each holds. One query. */
export async function listBudgets(db: Db, componentId: number): Promise<BudgetSummary[]> {
  const rows = await db.execute<BudgetRowSql>(sql`select ${budgetColumns} from budgets b0 where b0.component_id = ${componentId} order by b0.weight, b0.id`);
  return rows.rows.map(toBudget);
}

export async function loadBudget(db: Db, componentId: number, id: number): Promise<BudgetSummary | null> {
  const rows = await db.execute<BudgetRowSql>(sql`select ${budgetColumns} from budgets b0 where b0.id = ${id} and b0.component_id = ${componentId}`);
  const r = rows.rows[0];
  return r ? toBudget(r) : null;
}

export interface ProjectRow {
  id: number;
  budgetId: number;
  title: Translatable;
  description: Translatable;
  cost: number;
  categoryId: number | null;
  categoryName: Translatable | null;
  scopeId: number | null;
  scopeName: Translatable | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  weight: number;
  sourceType: string | null;
  sourceId: number | null;
  hidden: boolean;
  votes: number;
  points: number;
}

type ProjectSql = {
  id: string;
  budget_id: string;
  title: Translatable;
  description: Translatable;
  cost: string;
  category_id: string | null;
  category_name: Translatable | null;
  scope_id: string | null;
  scope_name: Translatable | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  weight: number;
  source_type: string | null;
  source_id: string | null;
  hidden: boolean;
  votes: number | null;
  points: number | null;
};

const toProject = (r: ProjectSql): ProjectRow => ({
  id: Number(r.id),
  budgetId: Number(r.budget_id),
  title: r.title,
  description: r.description,
  cost: Number(r.cost),
  categoryId: r.category_id === null ? null : Number(r.category_id),
  categoryName: r.category_name,
  scopeId: r.scope_id === null ? null : Number(r.scope_id),
  scopeName: r.scope_name,
  address: r.address,
  latitude: r.latitude,
  longitude: r.longitude,
  weight: r.weight,
  sourceType: r.source_type,
  sourceId: r.source_id === null ? null : Number(r.source_id),
  hidden: r.hidden,
  votes: r.votes ?? 0,
  points: r.points ?? 0,
});

const projectColumns = sql`p.id, p.budget_id, p.title, p.description, p.cost, p.category_id, cat.name as category_name, p.scope_id, sc.name as scope_name,
  p.address, p.latitude, p.longitude, p.weight, p.source_type, p.source_id, p.hidden_at is not null as hidden, v.votes, v.points`;

/** A budget's projects (hidden ones too: the back office) in their order, with their votes. Two statements in one query. */
export async function listProjects(db: Db, componentId: number, budgetId: number): Promise<ProjectRow[]> {
  const rows = await db.execute<ProjectSql>(sql`
    with v as (${votesOf(sql`${budgetId}`)})
    select ${projectColumns}
    from budget_projects p left join v on v.project_id = p.id
      left join categories cat on cat.id = p.category_id left join scopes sc on sc.id = p.scope_id
    where p.budget_id = ${budgetId} and p.component_id = ${componentId}
    order by p.weight, p.id`);
  return rows.rows.map(toProject);
}

export interface ProjectPage extends ProjectRow {
  budgetTitle: Translatable;
  currency: string;
  attachments: Attachment[];
  /** The project's accepted co-authors (an imported proposal's authors), by name. */
  authors: string[];
}

/** One project of the component's budget with what its page shows (attachments, authors, votes), one query. */
export async function loadProjectPage(db: Db, componentId: number, budgetId: number, projectId: number): Promise<ProjectPage | null> {
  const rows = await db.execute<ProjectSql & { budget_title: Translatable; currency: string; attachments: Parameters<typeof attachmentsFromJson>[0]; authors: string[] }>(sql`
    select ${projectColumns}, bu.title as budget_title, bu.currency,
      ${attachmentsColumn("budget_project", sql`p.id`)} as attachments,
      array(select u.name from coauthorships ca join users u on u.id = ca.user_id
        where ca.resource_type = 'budget_project' and ca.resource_id = p.id and ca.status = 'accepted' and u.deleted_at is null and u.blocked_at is null
        order by ca.created_at, u.id) as authors
    from budget_projects p join budgets bu on bu.id = p.budget_id
      left join lateral (
        select count(*)::int as votes, sum(i.points)::int as points from budget_ballot_items i join budget_ballots b on b.id = i.ballot_id
        where i.project_id = p.id and b.budget_id = p.budget_id and ${COUNTED}) v on true
      left join categories cat on cat.id = p.category_id left join scopes sc on sc.id = p.scope_id
    where p.id = ${projectId} and p.budget_id = ${budgetId} and p.component_id = ${componentId}`);
  const r = rows.rows[0];
  if (!r) return null;
  return { ...toProject(r), budgetTitle: r.budget_title, currency: r.currency, attachments: attachmentsFromJson(r.attachments), authors: r.authors };
}

/** Which of these sources (`type`, ids) already have a project in the component, one query. */
export async function importedSources(db: Db, componentId: number, type: string, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.execute<{ source_id: string }>(sql`
    select source_id from budget_projects where component_id = ${componentId} and source_type = ${type} and source_id = any(${sql.param(ids)}::bigint[])`);
  return new Set(rows.rows.map((r) => Number(r.source_id)));
}

// The selects' categories and scopes come from the core (one definition for every component).
export { listPlacements, type Choice } from "../../core/categories/queries";

/** Whether the person's ballot in the budget names the project, and whether that ballot is checked out; one query. */
export async function ballotStateOf(db: Db, userId: number, budgetId: number, projectId: number): Promise<{ inBallot: boolean; checkedOut: boolean }> {
  const rows = await db.execute<{ in_ballot: boolean; checked_out: boolean }>(sql`
    select exists (select 1 from budget_ballot_items i where i.ballot_id = b.id and i.project_id = ${projectId}) as in_ballot, b.checked_out_at is not null as checked_out
    from budget_ballots b where b.budget_id = ${budgetId} and b.user_id = ${userId} and b.channel = 'online'`);
  const r = rows.rows[0];
  return { inBallot: r?.in_ballot ?? false, checkedOut: r?.checked_out ?? false };
}
