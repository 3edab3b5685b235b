/**
 * Evaluation of proposals: the space's administrators assign evaluators (people holding the space's
 * `evaluator` role) to proposals, one by one or in bulk; an evaluator sees only the proposals assigned
 * to them, saves answers that stay internal until an administrator publishes them (answers.ts), and
 * writes private notes. Every assignment and note is audited in its transaction.
 *
 * Private notes are the organization's working papers *about* a proposal, not something its author
 * wrote or gave: they are shown to the space's administrators and the proposal's evaluators only,
 * never on a public page, in the API, in open data, or in the author's "download my data" (they are
 * not the author's data; the note's writer is an evaluator acting for the organization). When the
 * writer's account is erased, the note stays, unsigned (`author_id` set null).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { audit } from "../../../core/audit/audit";
import { fail, ok, type Result } from "../../../core/http/result";
import { notify } from "../../../core/notifications/outbox";
import type { Translatable } from "../../../core/i18n/locales";
import type { Actor } from "../../../core/spaces/service";
import type { Place } from "../workflow";

export const NOTE_MAX = 5_000;

export interface Person {
  id: number;
  name: string;
}

export interface Note {
  id: number;
  authorName: string | null;
  body: string;
  createdAt: Date;
}

export interface AssignedRow {
  id: number;
  title: Translatable;
  stateId: number | null;
  answerPublished: boolean;
  withdrawn: boolean;
  notes: number;
}

/** The people holding the space's evaluator role, by name (one query). */
export async function listEvaluators(db: Db, spaceId: number): Promise<Person[]> {
  const rows = await db.execute<{ id: string; name: string }>(sql`
    select u.id, u.name from space_roles r join users u on u.id = r.user_id
    where r.space_id = ${spaceId} and r.role = 'evaluator' and u.deleted_at is null order by lower(u.name), u.id`);
  return rows.rows.map((r) => ({ id: Number(r.id), name: r.name }));
}

/**
 * Assigns (or unassigns) the evaluator to the component's published proposals among `ids`. Refused
 * when the person does not hold the space's evaluator role. Returns how many changed.
 */
export async function setEvaluator(db: Db, actor: Actor, place: Place, ids: number[], evaluatorId: number, assign: boolean): Promise<Result<{ count: number }>> {
  if (ids.length === 0) return fail({ ids: { key: "proposals.admin.noneSelected" } });
  return db.transaction(async (tx) => {
    const role = await tx.execute(sql`select 1 from space_roles where space_id = ${place.spaceId} and user_id = ${evaluatorId} and role = 'evaluator'`);
    if (role.rows.length === 0) return fail({ evaluatorId: { key: "proposals.evaluation.notEvaluator" } });
    const changed = assign
      ? await tx.execute<{ proposal_id: string }>(sql`
          insert into proposal_evaluators (proposal_id, user_id, component_id)
          select id, ${evaluatorId}, component_id from proposals
          where component_id = ${place.componentId} and id = any(${sql.param(ids)}::bigint[]) and published_at is not null
          on conflict do nothing returning proposal_id`)
      : await tx.execute<{ proposal_id: string }>(sql`
          delete from proposal_evaluators where component_id = ${place.componentId} and user_id = ${evaluatorId} and proposal_id = any(${sql.param(ids)}::bigint[])
          returning proposal_id`);
    const proposals = changed.rows.map((r) => Number(r.proposal_id)).sort((a, b) => a - b);
    if (proposals.length > 0) {
      await audit(tx, { actorId: actor.id, action: assign ? "proposal.evaluator_assign" : "proposal.evaluator_unassign", resourceType: "component", resourceId: place.componentId, spaceId: place.spaceId, after: { evaluatorId, proposals }, ip: actor.ip });
    }
    // The evaluator hears of each proposal given to them (in the app, and by mail as they chose).
    if (assign) for (const id of proposals) await notify(tx, { type: "proposal", id }, "evaluatorAssigned", { actorId: actor.id, recipients: { mentioned: [evaluatorId] } });
    return ok({ count: proposals.length });
  });
}

/** Whether the person evaluates this proposal. */
export async function isEvaluatorOf(db: Db, proposalId: number, userId: number): Promise<boolean> {
  const rows = await db.execute(sql`select 1 from proposal_evaluators where proposal_id = ${proposalId} and user_id = ${userId}`);
  return rows.rows.length > 0;
}

/** The proposals of the component assigned to the evaluator, newest first (one query, a page of 50). */
export async function listAssigned(db: Db, componentId: number, userId: number, page: number): Promise<{ rows: AssignedRow[]; hasNext: boolean }> {
  const size = 50;
  const rows = await db.execute<{ id: string; title: Translatable; state_id: string | null; answer_published: boolean; withdrawn: boolean; notes: number }>(sql`
    select p.id, p.title, p.state_id, p.state_published_at is not null as answer_published, p.withdrawn_at is not null as withdrawn,
      (select count(*)::int from proposal_notes n where n.proposal_id = p.id) as notes
    from proposal_evaluators e join proposals p on p.id = e.proposal_id
    where e.user_id = ${userId} and e.component_id = ${componentId} and p.published_at is not null
    order by p.id desc limit ${size + 1} offset ${(page - 1) * size}`);
  const list = rows.rows.slice(0, size).map((r) => ({ id: Number(r.id), title: r.title, stateId: r.state_id === null ? null : Number(r.state_id), answerPublished: r.answer_published, withdrawn: r.withdrawn, notes: r.notes }));
  return { rows: list, hasNext: rows.rows.length > size };
}

/** A proposal's evaluators and private notes (oldest note first): two queries. */
export async function loadEvaluation(db: Db, proposalId: number): Promise<{ evaluators: Person[]; notes: Note[] }> {
  const [evaluators, notes] = await Promise.all([
    db.execute<{ id: string; name: string }>(sql`
      select u.id, u.name from proposal_evaluators e join users u on u.id = e.user_id where e.proposal_id = ${proposalId} order by lower(u.name), u.id`),
    db.execute<{ id: string; author_name: string | null; body: string; created_at: string }>(sql`
      select n.id, case when u.deleted_at is null then u.name end as author_name, n.body, n.created_at
      from proposal_notes n left join users u on u.id = n.author_id where n.proposal_id = ${proposalId} order by n.id limit 500`),
  ]);
  return {
    evaluators: evaluators.rows.map((r) => ({ id: Number(r.id), name: r.name })),
    notes: notes.rows.map((r) => ({ id: Number(r.id), authorName: r.author_name, body: r.body, createdAt: new Date(r.created_at) })),
  };
}

/** A private note on a published proposal of the component. */
export async function addNote(db: Db, actor: Actor, place: Place, proposalId: number, body: string): Promise<Result<{ id: number }>> {
  const text = body.trim();
  if (!text) return fail({ body: { key: "validation.required" } });
  if (text.length > NOTE_MAX) return fail({ body: { key: "validation.tooLong", values: { max: NOTE_MAX } } });
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{ id: string }>(sql`
      insert into proposal_notes (proposal_id, author_id, body)
      select id, ${actor.id}, ${text} from proposals where id = ${proposalId} and component_id = ${place.componentId} and published_at is not null
      returning id`);
    const id = Number(rows.rows[0]?.id);
    if (!rows.rows[0]) return fail({ _form: { key: "proposals.admin.notFound" } });
    // The audit log says a note was written, not what it says (the note is the record).
    await audit(tx, { actorId: actor.id, action: "proposal.note", resourceType: "proposal", resourceId: proposalId, spaceId: place.spaceId, after: { noteId: id, length: text.length }, ip: actor.ip });
    return ok({ id });
  });
}
