/**
 * Reading results: a component's list (top-level results, or every result matching the filters) with
 * its overall progress, one result with its parent, sub-results, links and timeline, and the choices
 * of the forms. Each a fixed number of queries whatever the number of results.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { inCategory, inScope } from "../../core/categories/filter";
import type { Translatable } from "../../core/i18n/locales";
import { componentPath } from "../../core/spaces/types";
import { listResourceKinds, type ResourceFacts, type ResourceRef } from "../../core/resources/kinds";

export const PAGE_SIZE = 50;

export interface ResultFilter {
  categoryId?: number | undefined;
  scopeId?: number | undefined;
  statusId?: number | undefined;
  page: number;
}

export const isFiltered = (f: ResultFilter) => Boolean(f.categoryId || f.scopeId || f.statusId);

export interface ResultSummary {
  id: number;
  parentId: number | null;
  title: Translatable;
  statusName: Translatable | null;
  progress: number | null;
  startDate: string | null;
  endDate: string | null;
  children: number;
  categoryName: Translatable | null;
  scopeName: Translatable | null;
}

type SummaryRow = {
  id: string;
  parent_id: string | null;
  title: Translatable;
  status_name: Translatable | null;
  progress: number | null;
  start_date: string | null;
  end_date: string | null;
  children: number;
  category_name: Translatable | null;
  scope_name: Translatable | null;
};

const SUMMARY = sql`r.id, r.parent_id, r.title, st.name as status_name, r.progress, r.start_date::text as start_date, r.end_date::text as end_date,
  (select count(*)::int from results c where c.parent_id = r.id) as children, cat.name as category_name, sc.name as scope_name`;
const JOINS = sql`left join result_statuses st on st.id = r.status_id left join categories cat on cat.id = r.category_id left join scopes sc on sc.id = r.scope_id`;

const toSummary = (r: SummaryRow): ResultSummary => ({
  id: Number(r.id),
  parentId: r.parent_id === null ? null : Number(r.parent_id),
  title: r.title,
  statusName: r.status_name,
  progress: r.progress,
  startDate: r.start_date,
  endDate: r.end_date,
  children: r.children,
  categoryName: r.category_name,
  scopeName: r.scope_name,
});

/** A page of the list, whether there is a next one, and the component's overall progress (the mean of its top-level results'). */
export async function listResults(db: Db, componentId: number, f: ResultFilter): Promise<{ items: ResultSummary[]; hasNext: boolean; overall: number | null; count: number }> {
  const conditions = [sql`r.component_id = ${componentId}`];
  if (!isFiltered(f)) conditions.push(sql`r.parent_id is null`);
  if (f.categoryId) conditions.push(inCategory(sql`r.category_id`, f.categoryId));
  if (f.scopeId) conditions.push(inScope(sql`r.scope_id`, f.scopeId));
  if (f.statusId) conditions.push(sql`r.status_id = ${f.statusId}`);
  const [rows, overall] = await Promise.all([
    db.execute<SummaryRow>(sql`
      select ${SUMMARY} from results r ${JOINS} where ${sql.join(conditions, sql` and `)}
      order by r.weight, r.id limit ${PAGE_SIZE + 1} offset ${(f.page - 1) * PAGE_SIZE}`),
    db.execute<{ mean: number | null; n: number }>(sql`select avg(progress) as mean, count(*)::int as n from results where component_id = ${componentId} and parent_id is null`),
  ]);
  const items = rows.rows.slice(0, PAGE_SIZE).map(toSummary);
  return { items, hasNext: rows.rows.length > PAGE_SIZE, overall: overall.rows[0]?.mean ?? null, count: overall.rows[0]?.n ?? 0 };
}

export interface TimelineEntry {
  id: number;
  entryDate: string;
  text: Translatable;
  statusName: Translatable | null;
  progress: number | null;
}

export interface ResultDetails extends ResultSummary {
  componentId: number;
  externalId: string | null;
  description: Translatable;
  categoryId: number | null;
  scopeId: number | null;
  statusId: number | null;
  parentTitle: Translatable | null;
  followsCount: number;
  subResults: ResultSummary[];
  links: ResourceRef[];
  timeline: TimelineEntry[];
}

type DetailsRow = SummaryRow & {
  component_id: string;
  external_id: string | null;
  description: Translatable;
  category_id: string | null;
  scope_id: string | null;
  status_id: string | null;
  parent_title: Translatable | null;
  follows_count: number;
  links: Array<{ type: string; id: number }>;
};

const num = (v: string | null) => (v === null ? null : Number(v));

/** One result of the component, with its parent's title, sub-results, links and timeline (newest first): three queries at once. */
export async function loadResult(db: Db, componentId: number, id: number): Promise<ResultDetails | null> {
  const [rows, children, timeline] = await Promise.all([
    db.execute<DetailsRow>(sql`
      select ${SUMMARY}, r.component_id, r.external_id, r.description, r.category_id, r.scope_id, r.status_id,
        (select p.title from results p where p.id = r.parent_id) as parent_title,
        (select count(*)::int from follows f where f.resource_type = 'result' and f.resource_id = r.id) as follows_count,
        coalesce((select jsonb_agg(jsonb_build_object('type', l.resource_type, 'id', l.resource_id) order by l.resource_type, l.resource_id) from result_links l where l.result_id = r.id), '[]'::jsonb) as links
      from results r ${JOINS} where r.id = ${id} and r.component_id = ${componentId}`),
    db.execute<SummaryRow>(sql`select ${SUMMARY} from results r ${JOINS} where r.parent_id = ${id} and r.component_id = ${componentId} order by r.weight, r.id limit 500`),
    db.execute<{ id: string; entry_date: string; text: Translatable; status_name: Translatable | null; progress: number | null }>(sql`
      select u.id, u.entry_date::text as entry_date, u.text, st.name as status_name, u.progress
      from result_updates u join results r on r.id = u.result_id left join result_statuses st on st.id = u.status_id
      where u.result_id = ${id} and r.component_id = ${componentId} order by u.entry_date desc, u.id desc limit 200`),
  ]);
  const r = rows.rows[0];
  if (!r) return null;
  return {
    ...toSummary(r),
    componentId: Number(r.component_id),
    externalId: r.external_id,
    description: r.description,
    categoryId: num(r.category_id),
    scopeId: num(r.scope_id),
    statusId: num(r.status_id),
    parentTitle: r.parent_title,
    followsCount: r.follows_count,
    subResults: children.rows.map(toSummary),
    links: r.links.map((l) => ({ type: l.type, id: Number(l.id) })),
    timeline: timeline.rows.map((u) => ({ id: Number(u.id), entryDate: u.entry_date, text: u.text, statusName: u.status_name, progress: u.progress })),
  };
}

export interface TreeRow {
  id: number;
  title: Translatable;
  depth: number;
  externalId: string | null;
  statusName: Translatable | null;
  progress: number | null;
  children: number;
}

/** Every result of the component in tree order with its depth (the back office's list, the parent choices), one query. */
export async function listTree(db: Db, componentId: number): Promise<TreeRow[]> {
  const rows = await db.execute<{ id: string; title: Translatable; depth: number; external_id: string | null; status_name: Translatable | null; progress: number | null; children: number }>(sql`
    with recursive tree as (
      select id, 0 as depth, array[weight, id::int] as path from results where component_id = ${componentId} and parent_id is null
      union all select r.id, t.depth + 1, t.path || array[r.weight, r.id::int] from results r join tree t on r.parent_id = t.id where t.depth < 5
    )
    select r.id, r.title, tree.depth, r.external_id, st.name as status_name, r.progress, (select count(*)::int from results c where c.parent_id = r.id) as children
    from tree join results r on r.id = tree.id left join result_statuses st on st.id = r.status_id order by tree.path limit 2000`);
  return rows.rows.map((r) => ({ id: Number(r.id), title: r.title, depth: r.depth, externalId: r.external_id, statusName: r.status_name, progress: r.progress, children: r.children }));
}

// The selects' categories and scopes are the core's (shared with the proposals component).
export { listPlacements, type Choice } from "../../core/categories/queries";

/** The results a resource led to (a proposal's page: "this contribution led to..."), in published components, one query. */
export async function resultsFrom(db: Db, target: ResourceRef): Promise<Array<{ title: Translatable; url: string }>> {
  const rows = await db.execute<{ id: string; component_id: string; slug: string; title: Translatable }>(sql`
    select r.id, r.component_id, s.slug, r.title from result_links l join results r on r.id = l.result_id join components c on c.id = r.component_id join spaces s on s.id = c.space_id
    where l.resource_type = ${target.type} and l.resource_id = ${target.id} and c.published_at is not null order by r.id limit 20`);
  return rows.rows.map((r) => ({ title: r.title, url: componentPath({ slug: r.slug }, Number(r.component_id), `/${r.id}`) }));
}

/** What a result may be linked to: the space's public resources of every kind that lists them (a query or two per kind). */
export async function linkableResources(db: Db, spaceId: number, q: string | undefined, limit = 100): Promise<ResourceFacts[]> {
  const kinds = listResourceKinds().filter((k) => k.type !== "result" && k.kind.listInSpace);
  const lists = await Promise.all(kinds.map((k) => k.kind.listInSpace?.(db, spaceId, { q, limit }) ?? Promise.resolve([])));
  return lists.flat();
}
