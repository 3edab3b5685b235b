/**
 * The organization's side of results: creating and editing a result (its place in the tree, its
 * status, progress and links), deleting it, adding a dated update to its timeline, and the component's
 * statuses. Every change is audited in its transaction; a timeline update tells the result's followers.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import { checkFiling } from "../../core/categories/queries";
import { fail, ok, type FieldErrors, type Result } from "../../core/http/result";
import { notify } from "../../core/notifications/outbox";
import { loadManyResourceFacts, type ResourceRef } from "../../core/resources/kinds";
import type { Actor } from "../../core/spaces/service";
import type { ResultInput, StatusInput, UpdateInput } from "./inputs";
import { MAX_DEPTH, recomputeProgress } from "./progress";
import { listStatuses } from "./statuses";

export interface Place {
  componentId: number;
  spaceId: number;
}

const ref = (id: number) => ({ type: "result", id });

/** How deep the result sits (1 for a top-level one) and how many levels its subtree has (1 for a leaf), one query. */
async function treeShape(db: Db, componentId: number, id: number): Promise<{ exists: boolean; depth: number; height: number; descendants: number[] }> {
  const rows = await db.execute<{ exists: boolean; depth: number; height: number; descendants: string[] }>(sql`
    with recursive up(id, parent_id, n) as (
      select id, parent_id, 1 from results where id = ${id} and component_id = ${componentId}
      union all select r.id, r.parent_id, up.n + 1 from results r join up on r.id = up.parent_id where up.n < 20
    ), down(id, n) as (
      select id, 1 from results where id = ${id} and component_id = ${componentId}
      union all select r.id, down.n + 1 from results r join down on r.parent_id = down.id where down.n < 20
    )
    select exists (select 1 from up) as exists, coalesce((select max(n) from up), 0) as depth, coalesce((select max(n) from down), 0) as height,
      array(select id::text from down where id <> ${id}) as descendants`);
  const r = rows.rows[0];
  return { exists: Boolean(r?.exists), depth: r?.depth ?? 0, height: r?.height ?? 0, descendants: (r?.descendants ?? []).map(Number) };
}

/** Checks the links: each names an existing resource of the same space. */
export async function checkLinks(db: Db, spaceId: number, links: ResourceRef[], field = "linkTyped"): Promise<FieldErrors | null> {
  if (links.length === 0) return null;
  const found = await loadManyResourceFacts(db, links);
  const missing = links.filter((l) => !found.some((f) => f.type === l.type && f.id === l.id && f.spaceId === spaceId));
  if (missing.length === 0) return null;
  return { [field]: { key: "results.validation.link", values: { refs: missing.map((m) => `${m.type}:${m.id}`).join(", ") } } };
}

/** Where a result may go: its parent is a result of the component, not itself nor below it, and the tree stays within MAX_DEPTH levels. */
async function checkParent(db: Db, componentId: number, id: number | null, parentId: number | undefined): Promise<FieldErrors | null> {
  if (parentId === undefined) return null;
  const parent = await treeShape(db, componentId, parentId);
  if (!parent.exists) return { parentId: { key: "validation.invalid" } };
  const self = id === null ? { height: 1, descendants: [] as number[] } : await treeShape(db, componentId, id);
  if (id !== null && (parentId === id || self.descendants.includes(parentId))) return { parentId: { key: "results.validation.parentLoop" } };
  if (parent.depth + self.height > MAX_DEPTH) return { parentId: { key: "results.validation.tooDeep", values: { max: MAX_DEPTH } } };
  return null;
}

/** Creates (id null) or updates a result; a parent's own progress is ignored (it is its children's mean). */
export async function saveResult(db: Db, actor: Actor, place: Place, id: number | null, input: ResultInput): Promise<Result<{ id: number }>> {
  const statuses = await listStatuses(db, place.componentId);
  const status = input.statusId === undefined ? null : statuses.find((s) => s.id === input.statusId);
  if (status === undefined) return fail({ statusId: { key: "validation.invalid" } });
  const [filing, parentErrors, linkErrors] = await Promise.all([
    checkFiling(db, { spaceId: place.spaceId, categoryId: input.categoryId, scopeId: input.scopeId }),
    checkParent(db, place.componentId, id, input.parentId),
    checkLinks(db, place.spaceId, input.links),
  ]);
  const errors = { ...filing, ...parentErrors, ...linkErrors };
  if (Object.keys(errors).length > 0) return fail(errors);
  const progress = input.progress ?? status?.progress ?? null;
  try {
    return await db.transaction(async (tx) => {
      const values = sql`${JSON.stringify(input.title)}::jsonb, ${JSON.stringify(input.description)}::jsonb, ${input.parentId ?? null}::bigint, ${input.externalId ?? null}::text,
        ${input.categoryId ?? null}::bigint, ${input.scopeId ?? null}::bigint, ${input.startDate ?? null}::date, ${input.endDate ?? null}::date, ${status?.id ?? null}::bigint, ${progress}::float8`;
      let resultId: number;
      let before: unknown = null;
      if (id === null) {
        const rows = await tx.execute<{ id: string }>(sql`
          insert into results (component_id, title, description, parent_id, external_id, category_id, scope_id, start_date, end_date, status_id, progress)
          values (${place.componentId}, ${values}) returning id`);
        resultId = Number(rows.rows[0]?.id);
      } else {
        const old = await tx.execute(sql`select title, parent_id, external_id, status_id, progress, start_date, end_date from results where id = ${id} and component_id = ${place.componentId} for update`);
        if (old.rows.length === 0) return fail({ _form: { key: "results.admin.notFound" } });
        before = old.rows[0];
        await tx.execute(sql`
          update results set (title, description, parent_id, external_id, category_id, scope_id, start_date, end_date, status_id, progress) = (${values}), updated_at = now()
          where id = ${id}`);
        resultId = id;
      }
      await replaceLinks(tx, resultId, input.links);
      await recomputeProgress(tx, place.componentId);
      const after = { title: input.title, parentId: input.parentId ?? null, externalId: input.externalId ?? null, statusId: status?.id ?? null, progress, links: input.links };
      await audit(tx, { actorId: actor.id, action: id === null ? "result.create" : "result.update", resourceType: "result", resourceId: resultId, spaceId: place.spaceId, before, after, ip: actor.ip });
      return ok({ id: resultId });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return fail({ externalId: { key: "results.validation.externalIdTaken" } });
    throw error;
  }
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code === "23505" || e?.cause?.code === "23505";
}

export async function replaceLinks(tx: Db, resultId: number, links: ResourceRef[]): Promise<void> {
  await tx.execute(sql`delete from result_links where result_id = ${resultId}`);
  if (links.length === 0) return;
  const rows = links.map((l) => sql`(${resultId}, ${l.type}, ${l.id})`);
  await tx.execute(sql`insert into result_links (result_id, resource_type, resource_id) values ${sql.join(rows, sql`, `)} on conflict do nothing`);
}

/** Deletes a result and its sub-results (their links and timelines go with them). */
/**
 * Deletes a result with its timeline and links (null: no such result here). One with sub-results is
 * refused, as in Decidim: they are deleted or given another parent first, so a click never takes a
 * whole branch with it. The result is locked first, so a sub-result added meanwhile is seen.
 */
export async function deleteResult(db: Db, actor: Actor, place: Place, id: number): Promise<Result<null> | null> {
  return db.transaction(async (tx) => {
    const found = await tx.execute<{ children: number }>(sql`
      select (select count(*)::int from results c where c.parent_id = r.id) as children from results r where r.id = ${id} and r.component_id = ${place.componentId} for update`);
    const children = found.rows[0]?.children;
    if (children === undefined) return null;
    if (children > 0) return fail({ _form: { key: "results.admin.deleteRefused", values: { count: children } } });
    const gone = await tx.execute<{ title: unknown }>(sql`delete from results where id = ${id} returning title`);
    await recomputeProgress(tx, place.componentId);
    await audit(tx, { actorId: actor.id, action: "result.delete", resourceType: "result", resourceId: id, spaceId: place.spaceId, before: gone.rows[0], ip: actor.ip });
    return ok(null);
  });
}

/**
 * Adds a dated update to a result's timeline. A status or progress it carries becomes the result's
 * (a parent's progress stays its children's mean); the result's followers hear of it.
 */
export async function addUpdate(db: Db, actor: Actor, place: Place, resultId: number, input: UpdateInput): Promise<Result<{ id: number }>> {
  const statuses = await listStatuses(db, place.componentId);
  const status = input.statusId === undefined ? null : statuses.find((s) => s.id === input.statusId);
  if (status === undefined) return fail({ statusId: { key: "validation.invalid" } });
  const progress = input.progress ?? status?.progress ?? null;
  return db.transaction(async (tx) => {
    const found = await tx.execute(sql`select id from results where id = ${resultId} and component_id = ${place.componentId} for update`);
    if (found.rows.length === 0) return fail({ _form: { key: "results.admin.notFound" } });
    const rows = await tx.execute<{ id: string }>(sql`
      insert into result_updates (result_id, entry_date, text, status_id, progress)
      values (${resultId}, ${input.entryDate}::date, ${JSON.stringify(input.text)}::jsonb, ${status?.id ?? null}::bigint, ${progress}::float8) returning id`);
    if (status) await tx.execute(sql`update results set status_id = ${status.id}, updated_at = now() where id = ${resultId}`);
    if (progress !== null) {
      await tx.execute(sql`update results set progress = ${progress}, updated_at = now() where id = ${resultId} and not exists (select 1 from results c where c.parent_id = ${resultId})`);
      await recomputeProgress(tx, place.componentId);
    }
    const id = Number(rows.rows[0]?.id);
    await audit(tx, { actorId: actor.id, action: "result.add_update", resourceType: "result", resourceId: resultId, spaceId: place.spaceId, after: { updateId: id, statusId: status?.id ?? null, progress, text: input.text }, ip: actor.ip });
    await notify(tx, ref(resultId), "updated", { actorId: actor.id });
    return ok({ id });
  });
}

export async function deleteUpdate(db: Db, actor: Actor, place: Place, resultId: number, updateId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const gone = await tx.execute(sql`
      delete from result_updates u using results r where u.id = ${updateId} and u.result_id = ${resultId} and r.id = u.result_id and r.component_id = ${place.componentId} returning u.text`);
    if (gone.rows.length === 0) return false;
    await audit(tx, { actorId: actor.id, action: "result.delete_update", resourceType: "result", resourceId: resultId, spaceId: place.spaceId, before: gone.rows[0], ip: actor.ip });
    return true;
  });
}

/** Creates (id null) or updates one of the component's statuses. */
export async function saveStatus(db: Db, actor: Actor, place: Place, id: number | null, input: StatusInput): Promise<Result<{ id: number }>> {
  await listStatuses(db, place.componentId);
  try {
    return await db.transaction(async (tx) => {
      const rows =
        id === null
          ? await tx.execute<{ id: string }>(sql`
              insert into result_statuses (component_id, token, name, progress, weight) values (${place.componentId}, ${input.token}, ${JSON.stringify(input.name)}::jsonb, ${input.progress ?? null}, ${input.weight}) returning id`)
          : await tx.execute<{ id: string }>(sql`
              update result_statuses set token = ${input.token}, name = ${JSON.stringify(input.name)}::jsonb, progress = ${input.progress ?? null}, weight = ${input.weight}
              where id = ${id} and component_id = ${place.componentId} returning id`);
      const saved = rows.rows[0];
      if (!saved) return fail({ _form: { key: "results.admin.notFound" } });
      await audit(tx, { actorId: actor.id, action: id === null ? "result_status.create" : "result_status.update", resourceType: "component", resourceId: place.componentId, spaceId: place.spaceId, after: { statusId: Number(saved.id), ...input }, ip: actor.ip });
      return ok({ id: Number(saved.id) });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return fail({ token: { key: "results.validation.tokenTaken" } });
    throw error;
  }
}

/** Deletes a status; results that had it keep their progress and have no status. */
export async function deleteStatus(db: Db, actor: Actor, place: Place, id: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const gone = await tx.execute(sql`delete from result_statuses where id = ${id} and component_id = ${place.componentId} returning token, name`);
    if (gone.rows.length === 0) return false;
    await audit(tx, { actorId: actor.id, action: "result_status.delete", resourceType: "component", resourceId: place.componentId, spaceId: place.spaceId, before: gone.rows[0], ip: actor.ip });
    return true;
  });
}
