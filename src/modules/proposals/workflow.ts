/**
 * A participant's proposal from draft to withdrawal: write a draft (one at a time per component),
 * edit it, publish it (within the proposal limit), edit it within the window, withdraw it (while no
 * one supports it). Each guard that depends on the data is in the statement that changes it, so a
 * second tab or a late click cannot slip past a check made a moment before.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { autoFollow, forgetResource } from "../../core/follows/service";
import { fail, ok, type Result } from "../../core/http/result";
import { notify } from "../../core/notifications/outbox";
import type { ProposalInput } from "./inputs";

/** Where the proposal lives. */
export interface Place {
  componentId: number;
  spaceId: number;
}

const ref = (id: number) => ({ type: "proposal", id });

/** One person's work in one component at a time (drafts, publishing, supports): a transaction-scoped lock. */
export async function lockPerson(tx: Db, componentId: number, userId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`proposals:${componentId}:${userId}`}, 0))`);
}

/** The category must be one of the space's, the scope one of the organization's. */
export async function placementErrors(tx: Db, spaceId: number, input: Pick<ProposalInput, "categoryId" | "scopeId">): Promise<Result<null>> {
  const rows = await tx.execute<{ category: boolean; scope: boolean }>(sql`
    select ${input.categoryId ?? null}::bigint is null or exists (select 1 from categories where id = ${input.categoryId ?? null} and space_id = ${spaceId}) as category,
      ${input.scopeId ?? null}::bigint is null or exists (select 1 from scopes where id = ${input.scopeId ?? null}) as scope`);
  const r = rows.rows[0];
  if (r && !r.category) return fail({ categoryId: { key: "validation.invalid" } });
  if (r && !r.scope) return fail({ scopeId: { key: "validation.invalid" } });
  return ok(null);
}

/** The person's draft in this component, if any. */
export async function findDraftId(db: Db, componentId: number, userId: number): Promise<number | null> {
  const rows = await db.execute<{ id: string }>(sql`select id from proposals where author_id = ${userId} and component_id = ${componentId} and published_at is null order by id limit 1`);
  return rows.rows[0] ? Number(rows.rows[0].id) : null;
}

export async function createDraft(db: Db, userId: number, place: Place, input: ProposalInput): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    await lockPerson(tx, place.componentId, userId);
    if ((await findDraftId(tx, place.componentId, userId)) !== null) return fail({ _form: { key: "proposals.errors.draftExists" } });
    const placement = await placementErrors(tx, place.spaceId, input);
    if (!placement.ok) return placement;
    const rows = await tx.execute<{ id: string }>(sql`
      insert into proposals (component_id, author_id, title, body, language, category_id, scope_id)
      values (${place.componentId}, ${userId}, ${JSON.stringify({ [input.language]: input.title })}::jsonb, ${JSON.stringify({ [input.language]: input.body })}::jsonb,
        ${input.language}, ${input.categoryId ?? null}, ${input.scopeId ?? null})
      returning id`);
    return ok({ id: Number(rows.rows[0]?.id) });
  });
}

/** An author (or accepted co-author) of the proposal `p`. */
const byAuthor = (userId: number) =>
  sql`(p.author_id = ${userId} or exists (select 1 from coauthorships ca where ca.resource_type = 'proposal' and ca.resource_id = p.id and ca.user_id = ${userId} and ca.status = 'accepted'))`;

/**
 * Saves the author's changes: a draft, or a published proposal within the edit window, neither
 * withdrawn nor answered publicly.
 */
export async function updateProposal(db: Db, userId: number, place: Place, id: number, input: ProposalInput, editWindowMinutes: number): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    const placement = await placementErrors(tx, place.spaceId, input);
    if (!placement.ok) return placement;
    const window = editWindowMinutes === 0 ? sql`true` : sql`p.published_at > now() - make_interval(mins => ${editWindowMinutes})`;
    const rows = await tx.execute<{ id: string }>(sql`
      update proposals p set title = ${JSON.stringify({ [input.language]: input.title })}::jsonb, body = ${JSON.stringify({ [input.language]: input.body })}::jsonb,
        language = ${input.language}, category_id = ${input.categoryId ?? null}, scope_id = ${input.scopeId ?? null}, updated_at = now()
      where p.id = ${id} and p.component_id = ${place.componentId} and not p.official and ${byAuthor(userId)}
        and p.withdrawn_at is null and p.state_published_at is null and (p.published_at is null or ${window})
      returning p.id`);
    return rows.rows.length > 0 ? ok({ id }) : fail({ _form: { key: "proposals.errors.notEditable" } });
  });
}

/** Publishes the author's draft unless they already have `proposalLimit` published proposals here (0: no limit). */
export async function publishDraft(db: Db, userId: number, place: Place, id: number, proposalLimit: number): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    await lockPerson(tx, place.componentId, userId);
    if (proposalLimit > 0) {
      const counted = await tx.execute<{ n: number }>(sql`
        select count(*)::int as n from proposals where author_id = ${userId} and component_id = ${place.componentId} and published_at is not null and withdrawn_at is null`);
      if ((counted.rows[0]?.n ?? 0) >= proposalLimit) return fail({ _form: { key: "proposals.errors.proposalLimit", values: { limit: proposalLimit } } });
    }
    const rows = await tx.execute<{ id: string }>(sql`
      update proposals set published_at = now(), updated_at = now()
      where id = ${id} and component_id = ${place.componentId} and author_id = ${userId} and published_at is null
      returning id`);
    if (rows.rows.length === 0) return fail({ _form: { key: "proposals.errors.notEditable" } });
    await autoFollow(tx, userId, ref(id), place);
    await notify(tx, ref(id), "published", { actorId: userId });
    return ok({ id });
  });
}

/** Deletes the author's draft (never a published proposal). */
export async function discardDraft(db: Db, userId: number, place: Place, id: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.execute(sql`delete from proposals where id = ${id} and component_id = ${place.componentId} and author_id = ${userId} and published_at is null`);
    if ((rows.rowCount ?? 0) === 0) return false;
    await forgetResource(tx, ref(id));
    return true;
  });
}

/** Withdraws a published proposal of the author's while no one supports it (its supports would be lost otherwise). */
export async function withdrawProposal(db: Db, userId: number, place: Place, id: number): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    // Supporting locks the proposal's row too: once this lock is held, the next statement sees every support.
    await tx.execute(sql`select id from proposals where id = ${id} for no key update`);
    const rows = await tx.execute<{ id: string }>(sql`
      update proposals p set withdrawn_at = now(), updated_at = now()
      where p.id = ${id} and p.component_id = ${place.componentId} and ${byAuthor(userId)} and p.published_at is not null and p.withdrawn_at is null
        and not exists (select 1 from proposal_supports ps where ps.proposal_id = p.id)
      returning p.id`);
    if (rows.rows.length === 0) return fail({ _form: { key: "proposals.errors.notWithdrawable" } });
    await notify(tx, ref(id), "withdrawn", { actorId: userId });
    return ok({ id });
  });
}
