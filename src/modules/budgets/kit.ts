/**
 * Budgets' projects as a resource kind of the participation kit: people comment on a project (no
 * for/against), follow it, report it; images and documents through the core's attachments.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import type { ResourceFacts, ResourceKind } from "../../core/resources/kinds";
import { componentPath } from "../../core/spaces/types";
import { selectedProjects } from "./follow-up-hand-over";
import { announceBudgetChange } from "./rules-cache";

/** The facts of these projects, one query. A project is public with its component unless moderation hid it. */
export async function loadProjectFacts(db: Db, ids: number[]): Promise<Map<number, ResourceFacts>> {
  if (ids.length === 0) return new Map();
  // A project imported from proposals keeps their authors as accepted co-authors: the kit treats them as its authors.
  const rows = await db.execute<{ id: string; budget_id: string; component_id: string; space_id: string; slug: string; title: Translatable; hidden: boolean; author_ids: string[] | null }>(sql`
    select p.id, p.budget_id, p.component_id, c.space_id, s.slug, p.title, p.hidden_at is not null as hidden,
      (select array_agg(a.user_id) from coauthorships a where a.resource_type = 'budget_project' and a.resource_id = p.id and a.status = 'accepted') as author_ids
    from budget_projects p join components c on c.id = p.component_id join spaces s on s.id = c.space_id
    where p.id = any(${sql.param(ids)}::bigint[])`);
  return new Map(
    rows.rows.map((r) => [
      Number(r.id),
      {
        type: "budget_project",
        id: Number(r.id),
        componentId: Number(r.component_id),
        spaceId: Number(r.space_id),
        title: r.title,
        url: componentPath({ slug: r.slug }, Number(r.component_id), `/budgets/${r.budget_id}/projects/${r.id}`),
        authorIds: (r.author_ids ?? []).map(Number),
        public: !r.hidden,
      },
    ]),
  );
}

export const projectResourceKind: ResourceKind = {
  label: "budgets.resource.project",
  load: loadProjectFacts,
  comments: true,
  attachments: { types: ["image", "pdf"], maxBytes: 5 * 1024 * 1024, max: 6 },
  setHidden: async (tx, ids, hidden) => {
    await tx.execute(sql`update budget_projects set hidden_at = ${hidden ? sql`now()` : sql`null`} where id = any(${sql.param(ids)}::bigint[])`);
    // Their budgets' cached costs (rules-cache.ts) are forgotten on commit, on every instance.
    await announceBudgetChange(tx, "all");
  },
  events: {
    selected: { to: ["followers"], message: "budgets.notification.selected" },
  },
  handOver: { label: "budgets.handOver.selected", list: selectedProjects },
};
