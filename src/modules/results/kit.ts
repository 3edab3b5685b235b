/**
 * Results as a resource kind of the participation kit: people comment on a result (no for/against: a
 * result is an outcome, not a proposition) and follow it; its updates reach its followers.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import type { ResourceFacts, ResourceKind } from "../../core/resources/kinds";
import { componentPath } from "../../core/spaces/types";

/** The facts of these results, one query. A result is public with its component. */
export async function loadResultFacts(db: Db, ids: number[]): Promise<Map<number, ResourceFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db.execute<{ id: string; component_id: string; space_id: string; slug: string; title: Translatable }>(sql`
    select r.id, r.component_id, c.space_id, s.slug, r.title from results r join components c on c.id = r.component_id join spaces s on s.id = c.space_id
    where r.id = any(${sql.param(ids)}::bigint[])`);
  return new Map(
    rows.rows.map((r) => [
      Number(r.id),
      { type: "result", id: Number(r.id), componentId: Number(r.component_id), spaceId: Number(r.space_id), title: r.title, url: componentPath({ slug: r.slug }, Number(r.component_id), `/${r.id}`), authorIds: [], public: true },
    ]),
  );
}

export const resultResourceKind: ResourceKind = {
  label: "results.resource.label",
  load: loadResultFacts,
  comments: true,
  events: {
    updated: { to: ["followers"], message: "results.notification.updated" },
  },
};
