/**
 * What a budgets component hands over to another (Decidim's "projects to results"): the selected
 * projects of each budget's newest published outcome, public ones only. One query.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import type { HandOverItem } from "../../core/resources/kinds";
import { componentPath } from "../../core/spaces/types";

/** The component's selected projects (budget by budget, in the projects' order), with their cost and filing. */
export async function selectedProjects(db: Db, componentId: number): Promise<HandOverItem[]> {
  const rows = await db.execute<{ id: string; budget_id: string; component_id: string; space_id: string; slug: string; title: Translatable; description: Translatable; cost: string; category_id: string | null; scope_id: string | null }>(sql`
    with latest as (
      select distinct on (o.budget_id) o.budget_id, o.result
      from budget_outcomes o join budgets b on b.id = o.budget_id
      where b.component_id = ${componentId} and o.published_at is not null and o.status = 'done' and o.result is not null
      order by o.budget_id, o.published_at desc, o.id desc
    ), chosen as (
      select (x->>'projectId')::bigint as id from latest, jsonb_array_elements(latest.result->'projects') x where (x->>'selected')::boolean
    )
    select p.id, p.budget_id, p.component_id, c.space_id, s.slug, p.title, p.description, p.cost, p.category_id, p.scope_id
    from budget_projects p join chosen on chosen.id = p.id join components c on c.id = p.component_id join spaces s on s.id = c.space_id
    where p.component_id = ${componentId} and p.hidden_at is null
    order by p.budget_id, p.weight, p.id`);
  return rows.rows.map((r) => ({
    type: "budget_project",
    id: Number(r.id),
    componentId: Number(r.component_id),
    spaceId: Number(r.space_id),
    title: r.title,
    url: componentPath({ slug: r.slug }, Number(r.component_id), `/budgets/${r.budget_id}/projects/${r.id}`),
    authorIds: [],
    public: true,
    body: r.description,
    cost: Number(r.cost),
    categoryId: r.category_id === null ? null : Number(r.category_id),
    scopeId: r.scope_id === null ? null : Number(r.scope_id),
  }));
}
