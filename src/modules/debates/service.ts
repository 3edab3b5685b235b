/**
 * Changing debates: the organization opens, edits, closes with a conclusion and reopens them (each
 * decision in the audit log); a participant opens one when the step allows it, edits it and closes it
 * with a conclusion while it is open. Closing and reopening raise the kit's events in the same
 * transaction, so followers hear of it exactly when it happens.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import { autoFollow } from "../../core/follows/service";
import { fail, ok, type Result } from "../../core/http/result";
import type { Translatable } from "../../core/i18n/locales";
import { notify } from "../../core/notifications/outbox";
import type { OfficialInput, ParticipantInput } from "./inputs";
import { debates, type DebateRow } from "./schema";

export interface Place {
  componentId: number;
  spaceId: number;
}
export interface Actor {
  id: number;
  ip: string | null;
}

const firstLanguage = (t: Translatable) => (["fr", "nl", "en", "de"] as const).find((l) => Boolean(t[l])) ?? "fr";
const ref = (id: number) => ({ type: "debate", id });
const gone = () => fail({ _form: { key: "error.notFound.title" } });

/** The organization opens a debate (from the back office). */
export async function createOfficialDebate(db: Db, actor: Actor, place: Place, input: OfficialInput): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(debates)
      .values({ componentId: place.componentId, authorId: null, title: input.title, description: input.description, instructions: input.instructions, language: firstLanguage(input.title), startAt: input.startAt ?? null, endAt: input.endAt ?? null })
      .returning();
    if (!row) throw new Error("debate insert returned nothing");
    await audit(tx, { actorId: actor.id, action: "debate.create", resourceType: "debate", resourceId: row.id, spaceId: place.spaceId, after: row, ip: actor.ip });
    await notify(tx, ref(row.id), "opened", { actorId: actor.id });
    return ok({ id: row.id });
  });
}

async function lockDebate(tx: Db, place: Place, id: number): Promise<DebateRow | undefined> {
  const [row] = await tx
    .select()
    .from(debates)
    .where(and(eq(debates.id, id), eq(debates.componentId, place.componentId)))
    .for("update");
  return row;
}

export async function updateOfficialDebate(db: Db, actor: Actor, place: Place, id: number, input: OfficialInput): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    const before = await lockDebate(tx, place, id);
    if (!before || before.authorId !== null) return gone();
    const [after] = await tx
      .update(debates)
      .set({ title: input.title, description: input.description, instructions: input.instructions, language: firstLanguage(input.title), startAt: input.startAt ?? null, endAt: input.endAt ?? null, updatedAt: new Date() })
      .where(eq(debates.id, id))
      .returning();
    await audit(tx, { actorId: actor.id, action: "debate.update", resourceType: "debate", resourceId: id, spaceId: place.spaceId, before, after, ip: actor.ip });
    return ok({ id });
  });
}

/** A participant opens a debate (the route checked the `create` action); they follow it. */
export async function createParticipantDebate(db: Db, authorId: number, place: Place, input: ParticipantInput): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(debates)
      .values({ componentId: place.componentId, authorId, title: { [input.language]: input.title }, description: { [input.language]: input.description }, language: input.language })
      .returning({ id: debates.id });
    if (!row) throw new Error("debate insert returned nothing");
    await autoFollow(tx, authorId, ref(row.id), place);
    await notify(tx, ref(row.id), "opened", { actorId: authorId });
    return ok({ id: row.id });
  });
}

/** The author edits their open debate (the language may change). */
export async function updateOwnDebate(db: Db, authorId: number, place: Place, id: number, input: ParticipantInput): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    const before = await lockDebate(tx, place, id);
    if (!before || before.authorId !== authorId || before.hiddenAt) return gone();
    if (before.closedAt) return fail({ _form: { key: "debates.errors.closed" } });
    await tx
      .update(debates)
      .set({ title: { [input.language]: input.title }, description: { [input.language]: input.description }, language: input.language, updatedAt: new Date() })
      .where(eq(debates.id, id));
    return ok({ id });
  });
}

/**
 * Closes a debate with its conclusion: by an administrator (audited as a decision of the organization)
 * or by the author of a participant's debate. Closing a closed debate again only corrects the conclusion.
 */
export async function closeDebate(db: Db, actor: Actor, place: Place, id: number, conclusion: Translatable, as: "admin" | "author"): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    const before = await lockDebate(tx, place, id);
    if (!before) return gone();
    if (as === "author" && (before.authorId !== actor.id || before.hiddenAt)) return gone();
    if (as === "author" && before.closedAt) return fail({ _form: { key: "debates.errors.closed" } });
    const [after] = await tx
      .update(debates)
      .set({ closedAt: before.closedAt ?? new Date(), closedBy: actor.id, conclusion, updatedAt: new Date() })
      .where(eq(debates.id, id))
      .returning();
    await audit(tx, { actorId: actor.id, action: before.closedAt ? "debate.conclusion" : "debate.close", resourceType: "debate", resourceId: id, spaceId: place.spaceId, before: { closedAt: before.closedAt, conclusion: before.conclusion }, after: { closedAt: after?.closedAt, conclusion }, ip: actor.ip });
    if (!before.closedAt) await notify(tx, ref(id), "closed", { actorId: actor.id });
    return ok({ id });
  });
}

/** An administrator reopens a closed debate (the conclusion is kept for the record, no longer shown). */
export async function reopenDebate(db: Db, actor: Actor, place: Place, id: number): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    const before = await lockDebate(tx, place, id);
    if (!before) return gone();
    if (!before.closedAt) return ok({ id });
    await tx.update(debates).set({ closedAt: null, updatedAt: new Date() }).where(and(eq(debates.id, id), eq(debates.componentId, place.componentId)));
    await audit(tx, { actorId: actor.id, action: "debate.reopen", resourceType: "debate", resourceId: id, spaceId: place.spaceId, before: { closedAt: before.closedAt, conclusion: before.conclusion }, after: { closedAt: null }, ip: actor.ip });
    await notify(tx, ref(id), "reopened", { actorId: actor.id });
    return ok({ id });
  });
}
