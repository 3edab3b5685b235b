/**
 * Results taken from another component of the space through the core's hand-over (Decidim's "import
 * projects to results"): each item handed over (a budget's selected project, an accepted proposal)
 * becomes a top-level result with its title, description, category and scope, the "planned" status
 * and a link `{type, id}` back to it, so the source's page says what it led to. An item already linked
 * to a result of this component is not imported again. One transaction, audited.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import { listHandOverSources, readHandOver, type HandOverSource } from "../../core/resources/hand-over";
import type { Locale, Translatable } from "../../core/i18n/locales";
import type { Actor } from "../../core/spaces/service";
import { recomputeProgress } from "./progress";
import type { Place } from "./service";
import { listStatuses } from "./statuses";

/** The components of the space this one may take results from. */
export function followUpSources(db: Db, place: Place): Promise<HandOverSource[]> {
  return listHandOverSources(db, place.spaceId, place.componentId);
}

export type FollowUpOutcome = { ok: true; created: number; skipped: number } | { ok: false; reason: "source" };

/** Imports what `source` hands over; a plain-text title (a kind without translations) is taken in `locale`. */
export async function importFollowUp(db: Db, actor: Actor, place: Place, source: { componentId: number; type: string }, locale: Locale): Promise<FollowUpOutcome> {
  const items = await readHandOver(db, place.spaceId, source);
  if (items === null || source.componentId === place.componentId) return { ok: false, reason: "source" };
  const planned = (await listStatuses(db, place.componentId)).find((s) => s.token === "planned") ?? null;
  return db.transaction(async (tx) => {
    // One import at a time per component, so two clicks never create the same result twice.
    await tx.execute(sql`select id from components where id = ${place.componentId} for update`);
    const ids = items.map((i) => i.id);
    const linked = await tx.execute<{ resource_id: string }>(sql`
      select l.resource_id from result_links l join results r on r.id = l.result_id
      where r.component_id = ${place.componentId} and l.resource_type = ${source.type} and l.resource_id = any(${sql.param(ids)}::bigint[])`);
    const already = new Set(linked.rows.map((r) => Number(r.resource_id)));
    const toImport = items.filter((i) => !already.has(i.id));
    const created: number[] = [];
    if (toImport.length > 0) {
      const title = (i: (typeof toImport)[number]): Translatable => (typeof i.title === "string" ? { [locale]: i.title } : i.title);
      const inserted = await tx.execute<{ id: string; weight: number }>(sql`
        insert into results (component_id, title, description, category_id, scope_id, status_id, progress, weight)
        select ${place.componentId}, x.title, x.description, x.category_id, x.scope_id, ${planned?.id ?? null}::bigint, ${planned?.progress ?? null}::float8,
          coalesce((select max(weight) from results where component_id = ${place.componentId}), -1) + x.n
        from unnest(${sql.param(toImport.map((i) => JSON.stringify(title(i))))}::jsonb[], ${sql.param(toImport.map((i) => JSON.stringify(i.body)))}::jsonb[],
          ${sql.param(toImport.map((i) => i.categoryId))}::bigint[], ${sql.param(toImport.map((i) => i.scopeId))}::bigint[]) with ordinality as x(title, description, category_id, scope_id, n)
        order by x.n
        returning id, weight`);
      // The weights follow the items' order: the ids in that order, whatever order the rows come back in.
      created.push(...inserted.rows.sort((a, b) => a.weight - b.weight).map((r) => Number(r.id)));
      await tx.execute(sql`
        insert into result_links (result_id, resource_type, resource_id)
        select * from unnest(${sql.param(created)}::bigint[], ${sql.param(toImport.map(() => source.type))}::text[], ${sql.param(toImport.map((i) => i.id))}::bigint[])
        on conflict do nothing`);
      await recomputeProgress(tx, place.componentId);
    }
    await audit(tx, {
      actorId: actor.id,
      action: "result.import_hand_over",
      resourceType: "component",
      resourceId: place.componentId,
      spaceId: place.spaceId,
      after: { source, created, linked: toImport.map((i) => `${i.type}:${i.id}`), skipped: items.length - toImport.length },
      ip: actor.ip,
    });
    return { ok: true as const, created: created.length, skipped: items.length - toImport.length };
  });
}
