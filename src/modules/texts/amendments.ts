/**
 * Amendments: a participant proposes a new wording for a block (replace), a new block after it
 * (insert) or its deletion, against the current version; others support or oppose it (one reaction
 * each, changeable) and comment; the text's editors accept or reject it with a reason (audited). The
 * accepted ones go into the next version: `applyAcceptedAmendments` gives the current version's Markdown
 * with them applied, and `markAmendmentsApplied` records the version they went into at publication.
 */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import { fail, ok, type Result } from "../../core/http/result";
import { textAmendmentReactions, textAmendments, textVersionBlocks, texts, type TextAmendmentKind } from "./schema";

export interface AmendmentInput {
  kind: TextAmendmentKind;
  body: string;
  explanation: string;
}

/** Proposes an amendment on a block of the text's current version. */
export async function createAmendment(db: Db, authorId: number, componentId: number, textId: number, blockId: number, input: AmendmentInput, maxLength: number): Promise<Result<{ id: number }>> {
  const body = input.kind === "delete" ? "" : input.body.trim();
  if (input.kind !== "delete" && body === "") return fail({ body: { key: "validation.required" } });
  if (Array.from(body).length > maxLength) return fail({ body: { key: "validation.tooLong", values: { max: maxLength } } });
  if (Array.from(input.explanation).length > maxLength) return fail({ explanation: { key: "validation.tooLong", values: { max: maxLength } } });
  const [row] = await db
    .select({ versionId: textVersionBlocks.versionId, body: textVersionBlocks.body })
    .from(texts)
    .innerJoin(textVersionBlocks, and(eq(textVersionBlocks.versionId, texts.currentVersionId), eq(textVersionBlocks.blockId, blockId)))
    .where(and(eq(texts.id, textId), eq(texts.componentId, componentId)));
  if (!row) return fail({ _form: { key: "error.notFound.title" } });
  if (input.kind === "replace" && body === row.body.trim()) return fail({ body: { key: "texts.amendment.unchanged" } });
  const [created] = await db
    .insert(textAmendments)
    .values({ textId, versionId: row.versionId, kind: input.kind, blockId, body, originalBody: input.kind === "insert" ? "" : row.body, explanation: input.explanation.trim(), authorId })
    .returning({ id: textAmendments.id });
  if (!created) throw new Error("amendment insert returned nothing");
  return ok({ id: created.id });
}

/** Supports (+1), opposes (-1) or withdraws one's reaction (0) to a pending amendment: one reaction per person. */
export async function reactToAmendment(db: Db, userId: number, textId: number, amendmentId: number, value: -1 | 0 | 1): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [a] = await tx
      .select({ status: textAmendments.status, authorId: textAmendments.authorId })
      .from(textAmendments)
      .where(and(eq(textAmendments.id, amendmentId), eq(textAmendments.textId, textId), isNull(textAmendments.hiddenAt)))
      .for("share");
    if (!a || a.status !== "pending") return false;
    if (value === 0) {
      await tx.delete(textAmendmentReactions).where(and(eq(textAmendmentReactions.amendmentId, amendmentId), eq(textAmendmentReactions.userId, userId)));
      return true;
    }
    await tx
      .insert(textAmendmentReactions)
      .values({ amendmentId, userId, value })
      .onConflictDoUpdate({ target: [textAmendmentReactions.amendmentId, textAmendmentReactions.userId], set: { value, createdAt: sql`now()` } });
    return true;
  });
}

export interface Decider {
  id: number;
  ip: string | null;
  spaceId: number;
}

/** The editors accept or reject a pending amendment with a reason, audited in the same transaction. */
export async function decideAmendment(db: Db, by: Decider, textId: number, amendmentId: number, decision: "accepted" | "rejected", reason: { locale: string; text: string }): Promise<Result<{ id: number }>> {
  const why = reason.text.trim();
  if (why === "") return fail({ reason: { key: "validation.required" } });
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(textAmendments)
      .where(and(eq(textAmendments.id, amendmentId), eq(textAmendments.textId, textId)))
      .for("update");
    if (!before) return fail({ _form: { key: "error.notFound.title" } });
    if (before.status !== "pending") return fail({ _form: { key: "texts.amendment.alreadyDecided" } });
    const [after] = await tx
      .update(textAmendments)
      .set({ status: decision, decisionReason: { [reason.locale]: why }, decidedBy: by.id, decidedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(textAmendments.id, amendmentId))
      .returning();
    await audit(tx, {
      actorId: by.id,
      action: decision === "accepted" ? "text_amendment.accept" : "text_amendment.reject",
      resourceType: "text_amendment",
      resourceId: amendmentId,
      spaceId: by.spaceId,
      before: { status: before.status },
      after: { status: after?.status, reason: after?.decisionReason },
      ip: by.ip,
    });
    return ok({ id: amendmentId });
  });
}

/** An accepted amendment as the next version takes it. */
export interface AcceptedAmendment {
  id: number;
  kind: TextAmendmentKind;
  blockId: number | null;
  body: string;
}

/**
 * The blocks' wordings with the amendments applied, in order: a replacement takes the block's place, a
 * deletion removes it, an insertion comes right after its block (several in the order they were
 * accepted). Amendments on a block not in the list are left out of `applied`.
 */
export function applyAmendments(blocks: Array<{ blockId: number; body: string }>, amendments: AcceptedAmendment[]): { bodies: string[]; applied: number[] } {
  const present = new Set(blocks.map((b) => b.blockId));
  const applied: number[] = [];
  const bodies: string[] = [];
  const usable = amendments.filter((a) => a.blockId !== null && present.has(a.blockId));
  for (const b of blocks) {
    const mine = usable.filter((a) => a.blockId === b.blockId);
    const deleted = mine.find((a) => a.kind === "delete");
    const replaced = mine.filter((a) => a.kind === "replace").at(-1);
    if (!deleted) bodies.push(replaced ? replaced.body : b.body);
    for (const a of mine) if (a.kind === "insert") bodies.push(a.body);
    applied.push(...mine.map((a) => a.id));
  }
  return { bodies, applied };
}

/**
 * For the publish flow preparing the next draft: the current version's Markdown with the accepted,
 * not yet applied amendments applied (blocks joined by a blank line), and their ids — pass them to
 * `markAmendmentsApplied` when the version is published. Null when the text has no published version.
 */
export async function applyAcceptedAmendments(db: Db, textId: number): Promise<{ markdown: string; amendmentIds: number[] } | null> {
  const [t] = await db.select({ currentVersionId: texts.currentVersionId }).from(texts).where(eq(texts.id, textId));
  if (!t?.currentVersionId) return null;
  const [blocks, accepted] = await Promise.all([
    db.select({ blockId: textVersionBlocks.blockId, body: textVersionBlocks.body }).from(textVersionBlocks).where(eq(textVersionBlocks.versionId, t.currentVersionId)).orderBy(asc(textVersionBlocks.position)),
    db
      .select({ id: textAmendments.id, kind: textAmendments.kind, blockId: textAmendments.blockId, body: textAmendments.body })
      .from(textAmendments)
      .where(and(eq(textAmendments.textId, textId), eq(textAmendments.status, "accepted"), isNull(textAmendments.appliedInVersionId), isNull(textAmendments.hiddenAt)))
      .orderBy(asc(textAmendments.decidedAt), asc(textAmendments.id)),
  ]);
  const { bodies, applied } = applyAmendments(blocks, accepted);
  return { markdown: bodies.join("\n\n") + "\n", amendmentIds: applied };
}

/** At publication (in its transaction): the accepted amendments that went into `versionId`. */
export async function markAmendmentsApplied(tx: Db, amendmentIds: number[], versionId: number): Promise<void> {
  if (amendmentIds.length === 0) return;
  await tx
    .update(textAmendments)
    .set({ appliedInVersionId: versionId, updatedAt: sql`now()` })
    .where(and(inArray(textAmendments.id, amendmentIds), eq(textAmendments.status, "accepted"), isNull(textAmendments.appliedInVersionId)));
}
