/**
 * Amendments from draft to reaction: a participant writes a draft amendment of someone else's
 * published proposal (one draft per proposal), edits it, publishes it (evaluating) or discards it,
 * and may withdraw it while it is evaluated; the proposal's authors accept it (the proposal takes its
 * wording, the old one is kept on the amendment, the amender becomes a co-author) or reject it; a
 * rejected amendment may be promoted, once, to a proposal of its amender's. Each guard that depends
 * on the data is in the statement that changes it (or after a row lock), so a second tab or a late
 * click cannot slip past a check made a moment before.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { autoFollow, forgetResource } from "../../../core/follows/service";
import { fail, ok, type Result } from "../../../core/http/result";
import { notify } from "../../../core/notifications/outbox";
import { lockPerson, type Place } from "../workflow";

export interface AmendmentInput {
  title: string;
  body: string;
}

const amendmentRef = (id: number) => ({ type: "amendment", id });
const proposalRef = (id: number) => ({ type: "proposal", id });
const normal = (s: string) => s.replace(/\r\n?/g, "\n").trim();

/** An author (or accepted co-author) of the proposal `p`: true or false, never null (an official proposal has no author). */
const byAuthor = (userId: number) =>
  sql`(p.author_id is not distinct from ${userId} or exists (select 1 from coauthorships ca where ca.resource_type = 'proposal' and ca.resource_id = p.id and ca.user_id = ${userId} and ca.status = 'accepted'))`;

/** A proposal others may amend: published, visible, not withdrawn, not rejected publicly. */
const amendable = sql`p.published_at is not null and p.hidden_at is null and p.withdrawn_at is null
  and not exists (select 1 from proposal_states st where st.id = p.state_id and p.state_published_at is not null and st.token = 'rejected')`;

/** Writes a draft amendment of the proposal's wording in its language, as it is now. */
export async function createAmendmentDraft(db: Db, userId: number, place: Place, proposalId: number, input: AmendmentInput): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    await lockPerson(tx, place.componentId, userId);
    const existing = await tx.execute(sql`select 1 from proposal_amendments where proposal_id = ${proposalId} and amender_id = ${userId} and state = 'draft'`);
    if (existing.rows.length > 0) return fail({ _form: { key: "proposals.amendments.errors.draftExists" } });
    const current = await tx.execute<{ title: string; body: string; language: string; own: boolean }>(sql`
      select p.title->>p.language as title, p.body->>p.language as body, p.language, ${byAuthor(userId)} as own
      from proposals p where p.id = ${proposalId} and p.component_id = ${place.componentId} and ${amendable}`);
    const p = current.rows[0];
    if (!p) return fail({ _form: { key: "proposals.amendments.errors.notAmendable" } });
    if (p.own) return fail({ _form: { key: "proposals.amendments.errors.ownProposal" } });
    if (normal(input.title) === normal(p.title ?? "") && normal(input.body) === normal(p.body ?? "")) return fail({ _form: { key: "proposals.amendments.errors.unchanged" } });
    const rows = await tx.execute<{ id: string }>(sql`
      insert into proposal_amendments (proposal_id, component_id, amender_id, title, body, language, base_title, base_body)
      values (${proposalId}, ${place.componentId}, ${userId}, ${input.title}, ${input.body}, ${p.language}, ${p.title ?? ""}, ${p.body ?? ""})
      returning id`);
    return ok({ id: Number(rows.rows[0]?.id) });
  });
}

/** Saves the amender's changes to their draft. */
export async function updateAmendmentDraft(db: Db, userId: number, place: Place, id: number, input: AmendmentInput): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    const base = await tx.execute<{ base_title: string; base_body: string }>(sql`
      select base_title, base_body from proposal_amendments where id = ${id} and component_id = ${place.componentId} and amender_id = ${userId} and state = 'draft' for update`);
    const b = base.rows[0];
    if (!b) return fail({ _form: { key: "proposals.amendments.errors.notDraft" } });
    if (normal(input.title) === normal(b.base_title) && normal(input.body) === normal(b.base_body)) return fail({ _form: { key: "proposals.amendments.errors.unchanged" } });
    await tx.execute(sql`update proposal_amendments set title = ${input.title}, body = ${input.body}, updated_at = now() where id = ${id}`);
    return ok({ id });
  });
}

/** Deletes the amender's draft (never a published amendment). */
export async function discardAmendmentDraft(db: Db, userId: number, place: Place, id: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.execute(sql`delete from proposal_amendments where id = ${id} and component_id = ${place.componentId} and amender_id = ${userId} and state = 'draft'`);
    if ((rows.rowCount ?? 0) === 0) return false;
    await forgetResource(tx, amendmentRef(id));
    return true;
  });
}

/**
 * Publishes the draft: it is evaluated from now on, while its proposal can still be amended. The
 * proposal's authors hear of it, and its followers too unless amendments are shown to their amenders only.
 */
export async function publishAmendment(db: Db, userId: number, place: Place, id: number, opts: { visibleToAll: boolean }): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{ proposal_id: string; title: string }>(sql`
      update proposal_amendments a set state = 'evaluating', published_at = now(), updated_at = now()
      from proposals p
      where a.id = ${id} and a.component_id = ${place.componentId} and a.amender_id = ${userId} and a.state = 'draft'
        and p.id = a.proposal_id and ${amendable} and not ${byAuthor(userId)}
      returning a.proposal_id, a.title`);
    const r = rows.rows[0];
    if (!r) return fail({ _form: { key: "proposals.amendments.errors.notAmendable" } });
    await autoFollow(tx, userId, amendmentRef(id), place);
    await notify(tx, proposalRef(Number(r.proposal_id)), opts.visibleToAll ? "amendmentCreated" : "amendmentCreatedForAuthors", {
      actorId: userId,
      values: { amendment: r.title, anchor: `amendment-${id}` },
    });
    return ok({ id });
  });
}

/** The amender withdraws their amendment while it is evaluated. */
export async function withdrawAmendment(db: Db, userId: number, place: Place, id: number): Promise<Result<{ id: number }>> {
  const rows = await db.execute(sql`
    update proposal_amendments set state = 'withdrawn', withdrawn_at = now(), updated_at = now()
    where id = ${id} and component_id = ${place.componentId} and amender_id = ${userId} and state = 'evaluating'`);
  return (rows.rowCount ?? 0) > 0 ? ok({ id }) : fail({ _form: { key: "proposals.amendments.errors.notWithdrawable" } });
}

/**
 * Who reacts to an amendment: the proposal's authors; for an official proposal (the organization's,
 * with no author), the space's administrators (`staff`, decided by the caller from the space's roles).
 */
export interface Reactor {
  userId: number;
  staff: boolean;
}

/** Locks the amendment and its proposal; the reactor must be one of the proposal's authors (or staff, for an official one). */
async function lockForReaction(tx: Db, reactor: Reactor, place: Place, id: number) {
  const { userId } = reactor;
  const rows = await tx.execute<{ proposal_id: string; amender_id: string | null; state: string; author: boolean; official: boolean; proposal_open: boolean }>(sql`
    select a.proposal_id, a.amender_id, a.state, ${byAuthor(userId)} or (p.official and ${reactor.staff}) as author, p.official,
      p.withdrawn_at is null and p.hidden_at is null as proposal_open
    from proposal_amendments a join proposals p on p.id = a.proposal_id
    where a.id = ${id} and a.component_id = ${place.componentId}
    for update of a, p`);
  return rows.rows[0] ?? null;
}

/**
 * One of the proposal's authors accepts the amendment: the proposal takes its title and body (the
 * wording it replaces is kept on the amendment: the proposal's history), the amender becomes an
 * accepted co-author, and the amender and the amendment's followers hear of it.
 */
export async function acceptAmendment(db: Db, reactor: Reactor, place: Place, id: number): Promise<Result<{ proposalId: number }>> {
  const { userId } = reactor;
  return db.transaction(async (tx) => {
    const a = await lockForReaction(tx, reactor, place, id);
    if (!a || !a.author) return fail({ _form: { key: "proposals.amendments.errors.notYourProposal" } });
    if (a.state !== "evaluating" || !a.proposal_open) return fail({ _form: { key: "proposals.amendments.errors.notEvaluating" } });
    const proposalId = Number(a.proposal_id);
    await tx.execute(sql`
      update proposal_amendments a set state = 'accepted', reacted_at = now(), reacted_by = ${userId}, updated_at = now(),
        replaced_title = p.title, replaced_body = p.body
      from proposals p where a.id = ${id} and p.id = a.proposal_id`);
    // A participant's proposal is in one language: the amended wording replaces it. An official
    // proposal keeps its other translations (the administrators bring them up to date).
    await tx.execute(sql`
      update proposals p set
        title = case when p.official then p.title || jsonb_build_object(a.language, a.title) else jsonb_build_object(a.language, a.title) end,
        body = case when p.official then p.body || jsonb_build_object(a.language, a.body) else jsonb_build_object(a.language, a.body) end,
        language = case when p.official then p.language else a.language end, updated_at = now()
      from proposal_amendments a where a.id = ${id} and p.id = a.proposal_id`);
    // The amender becomes a co-author of a participant's proposal (an official one stays the organization's).
    if (a.amender_id !== null && !a.official) {
      await tx.execute(sql`
        insert into coauthorships (resource_type, resource_id, user_id, component_id, status, invited_by, responded_at)
        select 'proposal', p.id, ${Number(a.amender_id)}, p.component_id, 'accepted', ${userId}, now() from proposals p
        where p.id = ${proposalId} and p.author_id is distinct from ${Number(a.amender_id)}
        on conflict (resource_type, resource_id, user_id) do update set status = 'accepted', responded_at = now()`);
    }
    await notify(tx, amendmentRef(id), "accepted", { actorId: userId });
    return ok({ proposalId });
  });
}

/** One of the proposal's authors rejects the amendment, with a reason or none; its amender hears of it. */
export async function rejectAmendment(db: Db, reactor: Reactor, place: Place, id: number, reason: string | null): Promise<Result<{ proposalId: number }>> {
  const { userId } = reactor;
  return db.transaction(async (tx) => {
    const a = await lockForReaction(tx, reactor, place, id);
    if (!a || !a.author) return fail({ _form: { key: "proposals.amendments.errors.notYourProposal" } });
    if (a.state !== "evaluating" || !a.proposal_open) return fail({ _form: { key: "proposals.amendments.errors.notEvaluating" } });
    await tx.execute(sql`
      update proposal_amendments set state = 'rejected', reacted_at = now(), reacted_by = ${userId}, rejection_reason = ${reason}, updated_at = now() where id = ${id}`);
    await notify(tx, amendmentRef(id), "rejected", { actorId: userId });
    return ok({ proposalId: Number(a.proposal_id) });
  });
}

/**
 * The amender turns their rejected amendment into a published proposal of theirs (once), within the
 * component's proposal limit; the new proposal links back to the amendment, and the original
 * proposal's authors and followers hear of it.
 */
export async function promoteAmendment(db: Db, userId: number, place: Place, id: number, proposalLimit: number): Promise<Result<{ proposalId: number }>> {
  return db.transaction(async (tx) => {
    await lockPerson(tx, place.componentId, userId);
    const rows = await tx.execute<{ proposal_id: string; state: string; promoted_proposal_id: string | null; title: string; body: string; language: string; category_id: string | null; scope_id: string | null; hidden: boolean }>(sql`
      select a.proposal_id, a.state, a.promoted_proposal_id, a.title, a.body, a.language, p.category_id, p.scope_id, a.hidden_at is not null as hidden
      from proposal_amendments a join proposals p on p.id = a.proposal_id
      where a.id = ${id} and a.component_id = ${place.componentId} and a.amender_id = ${userId}
      for update of a`);
    const a = rows.rows[0];
    if (!a || a.state !== "rejected" || a.hidden) return fail({ _form: { key: "proposals.amendments.errors.notPromotable" } });
    if (a.promoted_proposal_id !== null) return fail({ _form: { key: "proposals.amendments.errors.alreadyPromoted" } });
    if (proposalLimit > 0) {
      const counted = await tx.execute<{ n: number }>(sql`
        select count(*)::int as n from proposals where author_id = ${userId} and component_id = ${place.componentId} and published_at is not null and withdrawn_at is null`);
      if ((counted.rows[0]?.n ?? 0) >= proposalLimit) return fail({ _form: { key: "proposals.errors.proposalLimit", values: { limit: proposalLimit } } });
    }
    const created = await tx.execute<{ id: string }>(sql`
      insert into proposals (component_id, author_id, title, body, language, category_id, scope_id, published_at)
      values (${place.componentId}, ${userId}, ${JSON.stringify({ [a.language]: a.title })}::jsonb, ${JSON.stringify({ [a.language]: a.body })}::jsonb, ${a.language},
        ${a.category_id}, ${a.scope_id}, now())
      returning id`);
    const proposalId = Number(created.rows[0]?.id);
    await tx.execute(sql`update proposal_amendments set promoted_proposal_id = ${proposalId}, promoted_at = now(), updated_at = now() where id = ${id}`);
    await autoFollow(tx, userId, proposalRef(proposalId), place);
    await notify(tx, proposalRef(proposalId), "published", { actorId: userId });
    await notify(tx, proposalRef(Number(a.proposal_id)), "amendmentPromoted", { actorId: userId, values: { amendment: a.title, anchor: `amendment-${id}` } });
    return ok({ proposalId });
  });
}
