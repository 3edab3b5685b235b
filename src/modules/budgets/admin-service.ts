/**
 * The organization's side of budgets: creating, editing and deleting budgets (never one that holds
 * ballots) and projects (never one that has counted votes), and importing projects from another
 * component of the space through the core's hand-over (accepted proposals with their cost). Every
 * change is audited in its transaction.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { AttachmentRules } from "../../core/attachments/files";
import { saveAttachments, type Upload } from "../../core/attachments/service";
import { audit } from "../../core/audit/audit";
import { checkFiling } from "../../core/categories/queries";
import { forgetResource } from "../../core/follows/service";
import { fail, ok, type Result } from "../../core/http/result";
import { readHandOver } from "../../core/resources/hand-over";
import type { Locale } from "../../core/i18n/locales";
import type { Actor } from "../../core/spaces/service";
import type { BudgetInput, ProjectInput } from "./admin-inputs";
import { COUNTED } from "./catalogue";
import { changingBudgets } from "./rules-cache";

export interface Place {
  componentId: number;
  spaceId: number;
}

const PROJECT = "budget_project";

/** Creates (id null) or updates a budget of the component. */
export async function saveBudget(db: Db, actor: Actor, place: Place, id: number | null, input: BudgetInput): Promise<Result<{ id: number }>> {
  const filing = await checkFiling(db, { spaceId: place.spaceId, scopeId: input.scopeId });
  if (filing) return fail(filing);
  // A new budget changes its siblings' count: every budget is forgotten.
  return changingBudgets(db, id ?? "all", async (tx) => {
    const values = sql`${JSON.stringify(input.title)}::jsonb, ${JSON.stringify(input.description)}::jsonb, ${input.total}, ${input.currency}, ${input.scopeId ?? null}::bigint,
      ${input.voteType}, ${JSON.stringify(input.rules)}::jsonb, ${input.weight}`;
    let budgetId: number;
    let before: unknown = null;
    if (id === null) {
      const rows = await tx.execute<{ id: string }>(sql`
        insert into budgets (component_id, title, description, total, currency, scope_id, vote_type, rules, weight) values (${place.componentId}, ${values}) returning id`);
      budgetId = Number(rows.rows[0]?.id);
    } else {
      const old = await tx.execute(sql`select title, total, currency, scope_id, vote_type, rules, weight from budgets where id = ${id} and component_id = ${place.componentId} for update`);
      if (old.rows.length === 0) return fail({ _form: { key: "budgets.admin.notFound" } });
      before = old.rows[0];
      await tx.execute(sql`update budgets set (title, description, total, currency, scope_id, vote_type, rules, weight) = (${values}), updated_at = now() where id = ${id}`);
      budgetId = id;
    }
    const after = { title: input.title, total: input.total, currency: input.currency, scopeId: input.scopeId ?? null, voteType: input.voteType, rules: input.rules, weight: input.weight };
    await audit(tx, { actorId: actor.id, action: id === null ? "budget.create" : "budget.update", resourceType: "budget", resourceId: budgetId, spaceId: place.spaceId, before, after, ip: actor.ip });
    return ok({ id: budgetId });
  });
}

/** Deletes a budget and its projects, refused (`hasBallots`) once anyone has a ballot in it, draft or not. */
export async function deleteBudget(db: Db, actor: Actor, place: Place, id: number): Promise<Result<null>> {
  return changingBudgets(db, "all", async (tx) => {
    const found = await tx.execute<{ title: unknown; ballots: boolean }>(sql`
      select title, exists (select 1 from budget_ballots b where b.budget_id = budgets.id) as ballots from budgets where id = ${id} and component_id = ${place.componentId} for update`);
    const row = found.rows[0];
    if (!row) return fail({ _form: { key: "budgets.admin.notFound" } });
    if (row.ballots) return fail({ _form: { key: "budgets.admin.budget.hasBallots" } });
    const projects = await tx.execute<{ id: string }>(sql`select id from budget_projects where budget_id = ${id}`);
    for (const p of projects.rows) await forgetResource(tx, { type: PROJECT, id: Number(p.id) });
    await tx.execute(sql`delete from budgets where id = ${id}`);
    await audit(tx, { actorId: actor.id, action: "budget.delete", resourceType: "budget", resourceId: id, spaceId: place.spaceId, before: { title: row.title, projects: projects.rows.length }, ip: actor.ip });
    return ok(null);
  });
}

/** Creates (id null) or updates a project of one of the component's budgets. */
export async function saveProject(db: Db, actor: Actor, place: Place, budgetId: number, id: number | null, input: ProjectInput): Promise<Result<{ id: number }>> {
  const filing = await checkFiling(db, { spaceId: place.spaceId, categoryId: input.categoryId, scopeId: input.scopeId });
  if (filing) return fail(filing);
  return changingBudgets(db, budgetId, async (tx) => {
    const budget = await tx.execute(sql`select id from budgets where id = ${budgetId} and component_id = ${place.componentId}`);
    if (budget.rows.length === 0) return fail({ _form: { key: "budgets.admin.notFound" } });
    const values = sql`${JSON.stringify(input.title)}::jsonb, ${JSON.stringify(input.description)}::jsonb, ${input.cost}, ${input.categoryId ?? null}::bigint, ${input.scopeId ?? null}::bigint,
      ${input.address ?? null}::text, ${input.latitude ?? null}::float8, ${input.longitude ?? null}::float8, ${input.weight}`;
    let projectId: number;
    let before: unknown = null;
    if (id === null) {
      const rows = await tx.execute<{ id: string }>(sql`
        insert into budget_projects (budget_id, component_id, title, description, cost, category_id, scope_id, address, latitude, longitude, weight)
        values (${budgetId}, ${place.componentId}, ${values}) returning id`);
      projectId = Number(rows.rows[0]?.id);
    } else {
      const old = await tx.execute(sql`select title, cost, category_id, scope_id, address, weight from budget_projects where id = ${id} and budget_id = ${budgetId} and component_id = ${place.componentId} for update`);
      if (old.rows.length === 0) return fail({ _form: { key: "budgets.admin.notFound" } });
      before = old.rows[0];
      await tx.execute(sql`update budget_projects set (title, description, cost, category_id, scope_id, address, latitude, longitude, weight) = (${values}), updated_at = now() where id = ${id}`);
      projectId = id;
    }
    const after = { budgetId, title: input.title, cost: input.cost, categoryId: input.categoryId ?? null, scopeId: input.scopeId ?? null, address: input.address ?? null, weight: input.weight };
    await audit(tx, { actorId: actor.id, action: id === null ? "budget_project.create" : "budget_project.update", resourceType: PROJECT, resourceId: projectId, spaceId: place.spaceId, before, after, ip: actor.ip });
    return ok({ id: projectId });
  });
}

/** Deletes a project, refused (`hasVotes`) once a counted ballot names it; what the kit holds about it goes with it. */
export async function deleteProject(db: Db, actor: Actor, place: Place, budgetId: number, id: number): Promise<Result<null>> {
  return changingBudgets(db, budgetId, async (tx) => {
    const found = await tx.execute<{ title: unknown; cost: string; voted: boolean }>(sql`
      select p.title, p.cost, exists (select 1 from budget_ballot_items i join budget_ballots b on b.id = i.ballot_id where i.project_id = p.id and ${COUNTED}) as voted
      from budget_projects p where p.id = ${id} and p.budget_id = ${budgetId} and p.component_id = ${place.componentId} for update of p`);
    const row = found.rows[0];
    if (!row) return fail({ _form: { key: "budgets.admin.notFound" } });
    if (row.voted) return fail({ _form: { key: "budgets.admin.project.hasVotes" } });
    await forgetResource(tx, { type: PROJECT, id });
    await tx.execute(sql`delete from budget_projects where id = ${id}`);
    await audit(tx, { actorId: actor.id, action: "budget_project.delete", resourceType: PROJECT, resourceId: id, spaceId: place.spaceId, before: { budgetId, title: row.title, cost: Number(row.cost) }, ip: actor.ip });
    return ok(null);
  });
}

/** Saves a project form's attachment changes (removals, then the upload) on the core's service, in one transaction. */
export async function saveProjectFiles(db: Db, componentId: number, userId: number, projectId: number, upload: Upload, rules: AttachmentRules): Promise<Result<unknown>> {
  return db.transaction((tx) => saveAttachments(tx, { ref: { type: PROJECT, id: projectId }, componentId, userId }, upload, rules, rules.max));
}

export interface ImportOutcome {
  created: number;
  skipped: number;
}

/**
 * Imports what another component of the space hands over (`type` at `componentId`) into a budget:
 * each item becomes a project (title, body as description, cost, category, scope, a link back by
 * source type and id) and its authors the project's accepted co-authors. An item that already has a
 * project in this component is skipped, so importing again adds only what is new. Items without a
 * cost are skipped too (a project needs one). A plain-text title is taken as in `defaultLocale`.
 */
export async function importProjects(db: Db, actor: Actor, place: Place, budgetId: number, source: { componentId: number; type: string }, defaultLocale: Locale): Promise<Result<ImportOutcome>> {
  if (source.componentId === place.componentId) return fail({ source: { key: "budgets.validation.source" } });
  const items = await readHandOver(db, place.spaceId, source);
  if (items === null) return fail({ source: { key: "budgets.validation.source" } });
  return changingBudgets(db, budgetId, async (tx) => {
    const budget = await tx.execute(sql`select id from budgets where id = ${budgetId} and component_id = ${place.componentId} for update`);
    if (budget.rows.length === 0) return fail({ budgetId: { key: "budgets.validation.budget" } });
    // One import at a time per component, so two clicks cannot both copy the same item.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`budgets-import:${place.componentId}`}, 0))`);
    const ids = items.map((i) => i.id);
    const done = await tx.execute<{ source_id: string }>(sql`
      select source_id from budget_projects where component_id = ${place.componentId} and source_type = ${source.type} and source_id = any(${sql.param(ids)}::bigint[])`);
    const already = new Set(done.rows.map((r) => Number(r.source_id)));
    const toImport = items.filter((i) => !already.has(i.id) && i.cost !== null && i.cost > 0);
    const created: number[] = [];
    for (const item of toImport) {
      const title = typeof item.title === "string" ? { [defaultLocale]: item.title } : item.title;
      const rows = await tx.execute<{ id: string }>(sql`
        insert into budget_projects (budget_id, component_id, title, description, cost, category_id, scope_id, source_type, source_id)
        values (${budgetId}, ${place.componentId}, ${JSON.stringify(title)}::jsonb, ${JSON.stringify(item.body)}::jsonb, ${item.cost}, ${item.categoryId}::bigint, ${item.scopeId}::bigint, ${source.type}, ${item.id})
        returning id`);
      const projectId = Number(rows.rows[0]?.id);
      created.push(projectId);
      if (item.authorIds.length > 0) {
        const authors = item.authorIds.map((u) => sql`(${PROJECT}, ${projectId}, ${u}, ${place.componentId}, 'accepted', ${actor.id}, now())`);
        await tx.execute(sql`
          insert into coauthorships (resource_type, resource_id, user_id, component_id, status, invited_by, responded_at)
          values ${sql.join(authors, sql`, `)} on conflict do nothing`);
      }
    }
    const skipped = items.length - toImport.length;
    await audit(tx, {
      actorId: actor.id,
      action: "budget.import_projects",
      resourceType: "budget",
      resourceId: budgetId,
      spaceId: place.spaceId,
      after: { source, created, sources: toImport.map((i) => i.id), skipped },
      ip: actor.ip,
    });
    return ok({ created: created.length, skipped });
  });
}
