/**
 * The petition workflow: drafting, submitting, co-sponsoring and every state transition. A transition
 * locks the petition row, checks the state machine and its preconditions, then records the change,
 * its public timeline entry, the audit entry and the notifications in one transaction.
 */
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import type { AppDeps } from "../../core/http/deps";
import { fail, ok, type FieldErrors, type Result } from "../../core/http/result";
import { autoFollow } from "../../core/follows/service";
import { notify } from "../../core/notifications/outbox";
import { checkFiling } from "../../core/categories/queries";
import { forgetSigningInfo } from "./cache";
import { spaceOfComponent } from "./filing";
import { announceRulesChange } from "./rules-topic";
import type { PetitionInput, TransitionForm } from "./inputs";
import { petitionTopic, publishLive } from "./notify";
import { petitionEvents, petitions, petitionTypes, type PetitionRow, type PetitionState, type PetitionTypeRow } from "./schema";
import { hasDecision, resubmissionBlock } from "./committee-rules";
import { canTransition, isPetitionState, thresholdStateFor, type TransitionActor } from "./states";

export interface Actor {
  id: number | null;
  ip: string | null;
}

const DAY_MS = 86_400_000;

export const petitionUrl = (deps: Pick<AppDeps, "config">, id: number) => `${deps.config.PUBLIC_URL}/petitions/${id}`;

async function loadType(db: Db, typeId: number, componentId: number): Promise<PetitionTypeRow | null> {
  const [row] = await db
    .select()
    .from(petitionTypes)
    .where(and(eq(petitionTypes.id, typeId), eq(petitionTypes.componentId, componentId)));
  return row ?? null;
}

/** The category (of the component's space) and scope chosen, when they exist there; else the fields' errors. */
async function checkFiledUnder(db: Db, componentId: number, input: PetitionInput): Promise<FieldErrors | null> {
  const spaceId = await spaceOfComponent(db, componentId);
  return spaceId === null ? null : checkFiling(db, { spaceId, categoryId: input.categoryId, scopeId: input.scopeId });
}

/** A new draft by its author. */
export async function createPetition(db: Db, actor: Actor & { id: number }, componentId: number, input: PetitionInput): Promise<Result<PetitionRow>> {
  const type = await loadType(db, input.typeId, componentId);
  if (!type) return fail({ typeId: { key: "validation.required" } });
  const filing = await checkFiledUnder(db, componentId, input);
  if (filing) return fail(filing);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(petitions)
      .values({
        componentId,
        typeId: type.id,
        authorId: actor.id,
        title: input.title,
        summary: input.summary,
        body: input.body,
        language: input.language,
        categoryId: input.categoryId ?? null,
        scopeId: input.scopeId ?? null,
        sponsorToken: randomBytes(18).toString("base64url"),
      })
      .returning();
    if (!row) throw new Error("petition insert returned nothing");
    await tx.insert(petitionEvents).values({ petitionId: row.id, fromState: null, toState: "draft", actorId: actor.id });
    await audit(tx, { actorId: actor.id, action: "petition.create", resourceType: "petition", resourceId: row.id, after: { title: row.title, typeId: row.typeId }, ip: actor.ip });
    await followAsParticipant(tx, actor.id, row.id);
    return ok(row);
  });
}

/** The author edits their draft (only while it is a draft). */
export async function updateDraft(db: Db, actor: Actor & { id: number }, petitionId: number, input: PetitionInput): Promise<Result<PetitionRow>> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(petitions).where(sql`${petitions.id} = ${petitionId}`).for("update");
    if (!before || before.authorId !== actor.id) return fail({ _form: { key: "petitions.errors.notYours" } });
    if (before.state !== "draft") return fail({ _form: { key: "petitions.errors.notDraft" } });
    const type = await loadType(tx, input.typeId, before.componentId);
    if (!type) return fail({ typeId: { key: "validation.required" } });
    const filing = await checkFiledUnder(tx, before.componentId, input);
    if (filing) return fail(filing);
    const [row] = await tx
      .update(petitions)
      .set({ typeId: type.id, title: input.title, summary: input.summary, body: input.body, language: input.language, categoryId: input.categoryId ?? null, scopeId: input.scopeId ?? null, updatedAt: new Date() })
      .where(sql`${petitions.id} = ${petitionId}`)
      .returning();
    if (!row) throw new Error("petition update returned nothing");
    await audit(tx, { actorId: actor.id, action: "petition.update", resourceType: "petition", resourceId: petitionId, before: { title: before.title }, after: { title: row.title }, ip: actor.ip });
    return ok(row);
  });
}

/** A co-sponsor confirms through the invitation link; the author cannot co-sponsor their own petition. */
export async function cosponsor(db: Db, actor: Actor & { id: number }, petitionId: number, token: string): Promise<Result<{ count: number }>> {
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(petitions).where(sql`${petitions.id} = ${petitionId}`);
    if (!p || p.sponsorToken !== token) return fail({ _form: { key: "petitions.errors.badSponsorLink" } });
    if (p.authorId === actor.id) return fail({ _form: { key: "petitions.errors.ownPetition" } });
    if (p.state !== "draft" && p.state !== "submitted") return fail({ _form: { key: "petitions.errors.sponsorClosed" } });
    await tx.execute(sql`insert into petition_cosponsors (petition_id, user_id) values (${petitionId}, ${actor.id}) on conflict do nothing`);
    await audit(tx, { actorId: actor.id, action: "petition.cosponsor", resourceType: "petition", resourceId: petitionId, ip: actor.ip });
    const count = await tx.execute<{ n: number }>(sql`select count(*)::int as n from petition_cosponsors where petition_id = ${petitionId}`);
    return ok({ count: count.rows[0]?.n ?? 0 });
  });
}

function parseDate(value: string | undefined): Date | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Preconditions beyond the state machine, checked under the row lock. */
async function preconditions(tx: Db, p: PetitionRow, type: PetitionTypeRow, to: PetitionState, input: TransitionForm): Promise<FieldErrors | null> {
  if (to === "under_review" && type.coSponsorsRequired > 0) {
    const r = await tx.execute<{ n: number }>(sql`select count(*)::int as n from petition_cosponsors where petition_id = ${p.id}`);
    const n = r.rows[0]?.n ?? 0;
    if (n < type.coSponsorsRequired) return { _form: { key: "petitions.errors.cosponsorsMissing", values: { needed: type.coSponsorsRequired, count: n } } };
  }
  if (to === "published" || to === "inadmissible") {
    const r = await tx.execute<{ criterion: string; met: boolean }>(sql`select criterion, met from petition_assessments where petition_id = ${p.id}`);
    const assessed = new Map(r.rows.map((a) => [a.criterion, a.met]));
    const missing = type.criteria.filter((c) => !assessed.has(c.key));
    if (missing.length) return { _form: { key: "petitions.errors.criteriaMissing", values: { count: missing.length } } };
    const unmet = type.criteria.filter((c) => assessed.get(c.key) === false).length;
    if (to === "published" && unmet > 0) return { _form: { key: "petitions.errors.criteriaUnmet" } };
    if (to === "inadmissible" && unmet === 0) return { _form: { key: "petitions.errors.criteriaAllMet" } };
  }
  // At its threshold a committee suggestion awaits the parliament's decision; a petition does not.
  if ((to === "threshold_reached" || to === "awaiting_decision") && to !== thresholdStateFor(type)) return { _form: { key: "petitions.errors.illegalTransition", values: { from: p.state, to } } };
  // Accepting or refusing a suggestion is decideSuggestion's (committee.ts): it records the decision first.
  if ((to === "accepted" || to === "refused") && !(await hasDecision(tx, p.id))) return { _form: { key: "petitions.committee.notAwaiting" } };
  if (to === "submitted" && type.committee) {
    const tooSoon = await resubmissionBlock(tx, p, type);
    if (tooSoon) return tooSoon;
  }
  if (to === "hearing_scheduled" && !parseDate(input.hearingAt)) return { hearingAt: { key: "validation.date" } };
  if (to === "answered" && !input.answer) return { answer: { key: "validation.required" } };
  return null;
}

/** The columns a transition sets besides the state. */
function datesFor(to: PetitionState, type: PetitionTypeRow, input: TransitionForm, now: Date): Partial<PetitionRow> {
  switch (to) {
    case "submitted":
      return { submittedAt: now, reviewDueAt: new Date(now.getTime() + type.reviewDays * DAY_MS) };
    case "published":
      return { publishedAt: now, signingEndsAt: new Date(now.getTime() + type.signingDays * DAY_MS) };
    case "threshold_reached":
      return { thresholdReachedAt: now };
    case "transmitted":
      return { transmittedAt: now, answerDueAt: new Date(now.getTime() + type.answerDays * DAY_MS) };
    case "hearing_scheduled":
      return { hearingAt: parseDate(input.hearingAt), hearingLink: input.hearingLink ?? null };
    case "answered":
      return { answer: input.answer ?? null, answerUrl: input.answerUrl ?? null, answeredAt: now };
    default:
      return {};
  }
}

/**
 * Moves a petition to `input.to` on behalf of `by`. Refuses illegal transitions and unmet
 * preconditions with a translated error; otherwise audits, dates, timelines and notifies.
 */
export async function transition(deps: Pick<AppDeps, "db" | "config">, actor: Actor, petitionId: number, input: TransitionForm, by: TransitionActor, tx0?: Db): Promise<Result<PetitionRow>> {
  const to = input.to;
  if (!isPetitionState(to)) return fail({ to: { key: "validation.invalid" } });
  const run = async (tx: Db): Promise<Result<PetitionRow>> => {
    const [p] = await tx.select().from(petitions).where(sql`${petitions.id} = ${petitionId}`).for("update");
    if (!p) return fail({ _form: { key: "petitions.errors.notFound" } });
    if (!canTransition(p.state, to, by)) {
      return fail({ _form: { key: "petitions.errors.illegalTransition", values: { from: p.state, to } } });
    }
    const type = await loadType(tx, p.typeId, p.componentId);
    if (!type) throw new Error(`petition ${p.id} has no type`);
    const problem = await preconditions(tx, p, type, to, input);
    if (problem) return fail(problem);
    const now = new Date();
    const [row] = await tx
      .update(petitions)
      .set({ state: to, updatedAt: now, ...datesFor(to, type, input, now) })
      .where(sql`${petitions.id} = ${petitionId}`)
      .returning();
    if (!row) throw new Error("petition update returned nothing");
    await tx.insert(petitionEvents).values({ petitionId, fromState: p.state, toState: to, actorId: actor.id, note: input.note ?? null });
    const space = await tx.execute<{ space_id: string }>(sql`select space_id from components where id = ${p.componentId}`);
    await audit(tx, {
      actorId: actor.id,
      action: `petition.transition.${to}`,
      resourceType: "petition",
      resourceId: petitionId,
      spaceId: Number(space.rows[0]?.space_id ?? 0) || null,
      before: { state: p.state },
      after: { state: to, note: input.note ?? null },
      ip: actor.ip,
    });
    // Its author and followers hear of it through the kit's relay (never the person who made the change).
    await notify(tx, petitionRef(petitionId), `state.${to}`, { actorId: actor.id, values: { state: to } });
    await publishLive(tx, petitionTopic(petitionId), { kind: "state", state: to });
    await announceRulesChange(tx, { petitionId });
    return ok(row);
  };
  const result = tx0 ? await run(tx0) : await deps.db.transaction(run);
  forgetSigningInfo(deps.db, petitionId);
  return result;
}

/** The services' assessment of one criterion (while under review), audited. */
export async function assessCriterion(db: Db, actor: Actor & { id: number }, petitionId: number, criterion: string, met: boolean, note: string): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(petitions).where(sql`${petitions.id} = ${petitionId}`).for("update");
    if (!p) return fail({ _form: { key: "petitions.errors.notFound" } });
    if (p.state !== "under_review") return fail({ _form: { key: "petitions.errors.notUnderReview" } });
    const type = await loadType(tx, p.typeId, p.componentId);
    if (!type?.criteria.some((c) => c.key === criterion)) return fail({ _form: { key: "validation.invalid" } });
    await tx.execute(sql`insert into petition_assessments (petition_id, criterion, met, note, assessor_id, updated_at)
      values (${petitionId}, ${criterion}, ${met}, ${note}, ${actor.id}, now())
      on conflict (petition_id, criterion) do update set met = excluded.met, note = excluded.note, assessor_id = excluded.assessor_id, updated_at = now()`);
    await audit(tx, { actorId: actor.id, action: "petition.assess", resourceType: "petition", resourceId: petitionId, after: { criterion, met, note }, ip: actor.ip });
    return ok(null);
  });
}

/** An internal note of the services (never shown publicly), audited. */
export async function addInternalNote(db: Db, actor: Actor & { id: number }, petitionId: number, body: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into petition_notes (petition_id, author_id, body) values (${petitionId}, ${actor.id}, ${body})`);
    await audit(tx, { actorId: actor.id, action: "petition.note", resourceType: "petition", resourceId: petitionId, ip: actor.ip });
  });
}

/** A petition as the participation kit names it. */
export const petitionRef = (id: number) => ({ type: "petition", id });

/** Where a petition's follows live (its component and space), for the kit's follow rows. */
async function petitionPlace(db: Db, petitionId: number): Promise<{ componentId: number; spaceId: number } | null> {
  const r = await db.execute<{ component_id: string; space_id: string }>(sql`select p.component_id, c.space_id from petitions p join components c on c.id = p.component_id where p.id = ${petitionId}`);
  const row = r.rows[0];
  return row ? { componentId: Number(row.component_id), spaceId: Number(row.space_id) } : null;
}

/** Follows the petition on the person's behalf when they sign it or start it, unless their account says not to. */
export async function followAsParticipant(db: Db, userId: number, petitionId: number): Promise<void> {
  const place = await petitionPlace(db, petitionId);
  if (place) await autoFollow(db, userId, petitionRef(petitionId), place);
}


/**
 * Paper signatures counted by the services for one region (a negative count corrects an entry),
 * audited; a zero journal entry makes the next tick re-check the thresholds.
 */
export async function addPaperSignatures(db: Db, actor: Actor & { id: number }, petitionId: number, region: string, count: number): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(petitions).where(sql`${petitions.id} = ${petitionId}`).for("update");
    if (!p) return fail({ _form: { key: "petitions.errors.notFound" } });
    if (!["published", "threshold_reached"].includes(p.state)) return fail({ _form: { key: "petitions.errors.notSigning" } });
    await tx.execute(sql`insert into petition_paper_entries (petition_id, region, count, actor_id) values (${petitionId}, ${region}, ${count}, ${actor.id})`);
    await tx.execute(sql`update petitions set signatures_total = signatures_total + ${count} where id = ${petitionId}`);
    await tx.execute(sql`insert into petition_count_deltas (petition_id, region, delta) values (${petitionId}, ${region}, 0)`);
    await audit(tx, { actorId: actor.id, action: "petition.paper", resourceType: "petition", resourceId: petitionId, after: { region, count }, ip: actor.ip });
    return ok(null);
  });
}
