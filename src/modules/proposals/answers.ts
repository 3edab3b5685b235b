/**
 * The organization's side: answering a proposal (a state of the component, a text required to
 * reject, a cost and execution period for an accepted one), publishing answers one by one or in
 * bulk, official proposals, and the component's answer states. Every decision is audited in its
 * transaction; a published answer tells the authors and followers (the kit's relay).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import { fail, ok, type FieldErrors, type Result } from "../../core/http/result";
import { LOCALES, type Translatable } from "../../core/i18n/locales";
import { notify } from "../../core/notifications/outbox";
import type { Actor } from "../../core/spaces/service";
import { AA_NORMAL_TEXT, contrastRatio } from "../../core/theme/contrast";
import type { AnswerInput, OfficialInput, StateInput } from "./inputs";
import { listStates, SYSTEM_TOKENS } from "./states";
import { placementErrors, type Place } from "./workflow";

const ref = (id: number) => ({ type: "proposal", id });
const hasText = (t: Translatable) => Object.values(t).some((v) => Boolean(v?.trim()));

export interface AnswerRules {
  /** The step publishes answers as soon as they are saved. */
  publishNow: boolean;
  /** An accepted answer must carry its cost and execution period. */
  withCosts: boolean;
}

/** What an answer with this state still lacks: a text to reject; with costs, an accepted one's cost and period. */
export function answerErrors(state: { token: string }, input: AnswerInput, rules: AnswerRules): FieldErrors {
  const errors: FieldErrors = {};
  if (state.token === "rejected" && !hasText(input.answer)) errors.answer = { key: "proposals.validation.rejectNeedsAnswer" };
  if (state.token === "accepted" && rules.withCosts) {
    if (input.cost === undefined) errors.cost = { key: "proposals.validation.costRequired" };
    if (!hasText(input.executionPeriod)) errors.executionPeriod = { key: "proposals.validation.periodRequired" };
  }
  return errors;
}

/**
 * Saves a checked answer in the caller's transaction: the row locked and changed, the decision
 * audited, the authors and followers told when it is published. False when the proposal is not a
 * published one of the component.
 */
export async function saveAnswer(tx: Db, actor: Actor, place: Place, id: number, state: { id: number; token: string }, input: AnswerInput, rules: AnswerRules): Promise<boolean> {
  const accepted = state.token === "accepted";
  const before = await tx.execute<{ state_id: string | null; answer: Translatable; state_published_at: string | null }>(sql`
    select state_id, answer, state_published_at from proposals where id = ${id} and component_id = ${place.componentId} and published_at is not null for update`);
  if (before.rows.length === 0) return false;
  await tx.execute(sql`
    update proposals set state_id = ${state.id}, answer = ${JSON.stringify(input.answer)}::jsonb,
      cost_cents = ${accepted ? (input.cost ?? null) : null}, cost_report = ${JSON.stringify(accepted ? input.costReport : {})}::jsonb,
      execution_period = ${JSON.stringify(accepted ? input.executionPeriod : {})}::jsonb,
      answered_at = now(), state_published_at = ${rules.publishNow ? sql`now()` : sql`null`}, updated_at = now()
    where id = ${id}`);
  const after = { stateId: state.id, token: state.token, answer: input.answer, cost: accepted ? (input.cost ?? null) : null, published: rules.publishNow };
  await audit(tx, { actorId: actor.id, action: "proposal.answer", resourceType: "proposal", resourceId: id, spaceId: place.spaceId, before: before.rows[0], after, ip: actor.ip });
  if (rules.publishNow) await notify(tx, ref(id), "answered", { actorId: actor.id });
  return true;
}

/**
 * Saves the answer to a published proposal. Published at once when the step says so; otherwise the
 * proposal shows no answer until an administrator publishes it (a public answer being replaced is
 * withdrawn from view until then).
 */
export async function answerProposal(db: Db, actor: Actor, place: Place, id: number, input: AnswerInput, rules: AnswerRules): Promise<Result<{ published: boolean }>> {
  const states = await listStates(db, place.componentId);
  const state = states.find((s) => s.id === input.stateId);
  if (!state) return fail({ stateId: { key: "validation.invalid" } });
  const errors = answerErrors(state, input, rules);
  if (Object.keys(errors).length > 0) return fail(errors);
  return db.transaction(async (tx) => {
    if (!(await saveAnswer(tx, actor, place, id, state, input, rules))) return fail({ _form: { key: "proposals.admin.notFound" } });
    return ok({ published: rules.publishNow });
  });
}

/** Publishes the answers of these proposals that have one waiting; returns how many were published. */
export async function publishAnswers(db: Db, actor: Actor, place: Place, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{ id: string }>(sql`
      update proposals set state_published_at = now(), updated_at = now()
      where component_id = ${place.componentId} and id = any(${sql.param(ids)}::bigint[]) and state_id is not null and state_published_at is null and published_at is not null
      returning id`);
    const published = rows.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    if (published.length === 0) return 0;
    await audit(tx, { actorId: actor.id, action: "proposal.publish_answers", resourceType: "component", resourceId: place.componentId, spaceId: place.spaceId, after: { proposals: published }, ip: actor.ip });
    for (const id of published) await notify(tx, ref(id), "answered", { actorId: actor.id });
    return published.length;
  });
}

/** An official proposal of the organization, published at once, in every language given. */
export async function createOfficialProposal(db: Db, actor: Actor, place: Place, input: OfficialInput): Promise<Result<{ id: number }>> {
  const language = LOCALES.find((l) => input.title[l]) ?? "fr";
  return db.transaction(async (tx) => {
    const placement = await placementErrors(tx, place.spaceId, input);
    if (!placement.ok) return placement;
    const rows = await tx.execute<{ id: string }>(sql`
      insert into proposals (component_id, official, title, body, language, category_id, scope_id, published_at)
      values (${place.componentId}, true, ${JSON.stringify(input.title)}::jsonb, ${JSON.stringify(input.body)}::jsonb, ${language}, ${input.categoryId ?? null}, ${input.scopeId ?? null}, now())
      returning id`);
    const id = Number(rows.rows[0]?.id);
    await audit(tx, { actorId: actor.id, action: "proposal.create_official", resourceType: "proposal", resourceId: id, spaceId: place.spaceId, after: input, ip: actor.ip });
    await notify(tx, ref(id), "published", { actorId: actor.id });
    return ok({ id });
  });
}

/** The badge's colours must be readable (WCAG AA for normal text). */
function contrastError(input: StateInput): FieldErrors | null {
  const ratio = contrastRatio(input.textColor, input.bgColor);
  if (ratio === null || ratio < AA_NORMAL_TEXT) return { textColor: { key: "proposals.validation.contrast", values: { ratio: ratio === null ? 0 : Math.floor(ratio * 100) / 100 } } };
  return null;
}

/** Adds a state (stateId null) or changes one; the defaults keep their token. */
export async function saveState(db: Db, actor: Actor, place: Place, stateId: number | null, input: StateInput): Promise<Result<{ id: number }>> {
  const contrast = contrastError(input);
  if (contrast) return fail(contrast);
  const states = await listStates(db, place.componentId);
  const current = stateId === null ? null : states.find((s) => s.id === stateId);
  if (stateId !== null && !current) return fail({ _form: { key: "proposals.admin.notFound" } });
  const token = current && SYSTEM_TOKENS.includes(current.token) ? current.token : input.token;
  if (states.some((s) => s.token === token && s.id !== stateId)) return fail({ token: { key: "validation.taken" } });
  return db.transaction(async (tx) => {
    const values = { token, name: input.name, bgColor: input.bgColor, textColor: input.textColor, weight: input.weight };
    const rows = current
      ? await tx.execute<{ id: string }>(sql`
          update proposal_states set token = ${token}, name = ${JSON.stringify(input.name)}::jsonb, bg_color = ${input.bgColor}, text_color = ${input.textColor}, weight = ${input.weight}
          where id = ${current.id} and component_id = ${place.componentId} returning id`)
      : await tx.execute<{ id: string }>(sql`
          insert into proposal_states (component_id, token, name, bg_color, text_color, weight)
          values (${place.componentId}, ${token}, ${JSON.stringify(input.name)}::jsonb, ${input.bgColor}, ${input.textColor}, ${input.weight}) returning id`);
    const id = Number(rows.rows[0]?.id);
    await audit(tx, { actorId: actor.id, action: current ? "proposal_state.update" : "proposal_state.create", resourceType: "proposal_state", resourceId: id, spaceId: place.spaceId, before: current ?? null, after: values, ip: actor.ip });
    return ok({ id });
  });
}

/** Removes a state of the admin's own that no proposal uses; the defaults stay. */
export async function deleteState(db: Db, actor: Actor, place: Place, stateId: number): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{ token: string; used: boolean }>(sql`
      select token, exists (select 1 from proposals where state_id = ${stateId}) as used from proposal_states where id = ${stateId} and component_id = ${place.componentId} for update`);
    const row = rows.rows[0];
    if (!row) return fail({ _form: { key: "proposals.admin.notFound" } });
    if (SYSTEM_TOKENS.includes(row.token)) return fail({ _form: { key: "proposals.admin.states.systemKept" } });
    if (row.used) return fail({ _form: { key: "proposals.admin.states.inUse" } });
    await tx.execute(sql`delete from proposal_states where id = ${stateId}`);
    await audit(tx, { actorId: actor.id, action: "proposal_state.delete", resourceType: "proposal_state", resourceId: stateId, spaceId: place.spaceId, before: row, ip: actor.ip });
    return ok(null);
  });
}
