/**
 * What a block's page shows, in a fixed number of queries whatever the number of annotations and
 * amendments: the block in the text's current version, its annotations (anchored, not hidden) and the
 * amendments on it (with their support and opposition, and the reader's own reaction).
 */
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../../core/accounts/schema";
import type { Translatable } from "../../core/i18n/locales";
import { textAmendments, textAnnotations, textBlocks, textVersionBlocks, textVersions, texts, type BlockKind, type TextAmendmentKind } from "./schema";

export interface BlockPageText {
  id: number;
  title: Translatable;
  locale: string;
  published: boolean;
  currentVersionId: number | null;
  versionNumber: number | null;
}

export interface BlockPageBlock {
  id: number;
  versionId: number;
  position: number;
  kind: BlockKind;
  level: number;
  number: string | null;
  body: string;
  translations: Translatable;
  hidden: boolean;
}

export interface AnnotationView {
  id: number;
  authorId: number | null;
  authorName: string | null;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  note: string;
  status: "anchored" | "orphaned";
  createdAt: Date;
}

export interface AmendmentView {
  id: number;
  kind: TextAmendmentKind;
  blockId: number | null;
  versionId: number;
  body: string;
  originalBody: string;
  explanation: string;
  authorId: number | null;
  authorName: string | null;
  status: "pending" | "accepted" | "rejected" | "withdrawn";
  decisionReason: Translatable;
  decidedAt: Date | null;
  appliedInVersionId: number | null;
  support: number;
  opposition: number;
  /** The reader's own reaction: 1, -1, or 0. */
  mine: number;
  createdAt: Date;
}

/** The text (in this component) with its current version's number. */
export async function loadTextHead(db: Db, componentId: number, textId: number): Promise<BlockPageText | null> {
  const [t] = await db
    .select({ id: texts.id, title: texts.title, locale: texts.locale, published: texts.published, currentVersionId: texts.currentVersionId, versionNumber: textVersions.number })
    .from(texts)
    .leftJoin(textVersions, eq(textVersions.id, texts.currentVersionId))
    .where(and(eq(texts.id, textId), eq(texts.componentId, componentId)));
  return t ?? null;
}

/** The block as the current version words it, or null when it is not in that version. */
export async function loadCurrentBlock(db: Db, text: BlockPageText, blockId: number): Promise<BlockPageBlock | null> {
  if (text.currentVersionId === null) return null;
  const [b] = await db
    .select({
      id: textVersionBlocks.blockId,
      versionId: textVersionBlocks.versionId,
      position: textVersionBlocks.position,
      kind: textVersionBlocks.kind,
      level: textVersionBlocks.level,
      number: textVersionBlocks.number,
      body: textVersionBlocks.body,
      translations: textVersionBlocks.translations,
      hidden: sql<boolean>`${textBlocks.hiddenAt} is not null`,
    })
    .from(textVersionBlocks)
    .innerJoin(textBlocks, eq(textBlocks.id, textVersionBlocks.blockId))
    .where(and(eq(textVersionBlocks.versionId, text.currentVersionId), eq(textVersionBlocks.blockId, blockId), eq(textBlocks.textId, text.id)));
  return b ?? null;
}

const annotationColumns = {
  id: textAnnotations.id,
  authorId: textAnnotations.authorId,
  authorName: users.name,
  exact: textAnnotations.exact,
  prefix: textAnnotations.prefix,
  suffix: textAnnotations.suffix,
  start: textAnnotations.start,
  end: textAnnotations.end,
  note: textAnnotations.body,
  status: textAnnotations.status,
  createdAt: textAnnotations.createdAt,
};

/** A block's anchored annotations, in the order of the passage. */
export async function loadBlockAnnotations(db: Db, textId: number, blockId: number): Promise<AnnotationView[]> {
  return db
    .select(annotationColumns)
    .from(textAnnotations)
    .leftJoin(users, eq(users.id, textAnnotations.authorId))
    .where(and(eq(textAnnotations.textId, textId), eq(textAnnotations.blockId, blockId), eq(textAnnotations.status, "anchored"), isNull(textAnnotations.hiddenAt)))
    .orderBy(asc(textAnnotations.start), asc(textAnnotations.id))
    .limit(500);
}

/** A text's orphaned annotations (their passage has gone), newest first, with their original quote. */
export async function loadOrphanedAnnotations(db: Db, textId: number): Promise<AnnotationView[]> {
  return db
    .select(annotationColumns)
    .from(textAnnotations)
    .leftJoin(users, eq(users.id, textAnnotations.authorId))
    .where(and(eq(textAnnotations.textId, textId), eq(textAnnotations.status, "orphaned"), isNull(textAnnotations.hiddenAt)))
    .orderBy(desc(textAnnotations.createdAt), desc(textAnnotations.id))
    .limit(500);
}

/** Amendments of a text (on one block when `blockId` is given), with reaction counts and the reader's own. */
export async function loadAmendments(db: Db, textId: number, viewerId: number | null, only: { blockId?: number; amendmentId?: number } = {}): Promise<AmendmentView[]> {
  return db
    .select({
      id: textAmendments.id,
      kind: textAmendments.kind,
      blockId: textAmendments.blockId,
      versionId: textAmendments.versionId,
      body: textAmendments.body,
      originalBody: textAmendments.originalBody,
      explanation: textAmendments.explanation,
      authorId: textAmendments.authorId,
      authorName: users.name,
      status: textAmendments.status,
      decisionReason: textAmendments.decisionReason,
      decidedAt: textAmendments.decidedAt,
      appliedInVersionId: textAmendments.appliedInVersionId,
      support: sql<number>`(select count(*) from text_amendment_reactions r where r.amendment_id = ${textAmendments.id} and r.value > 0)`.mapWith(Number),
      opposition: sql<number>`(select count(*) from text_amendment_reactions r where r.amendment_id = ${textAmendments.id} and r.value < 0)`.mapWith(Number),
      mine: viewerId === null ? sql<number>`0`.mapWith(Number) : sql<number>`coalesce((select r.value from text_amendment_reactions r where r.amendment_id = ${textAmendments.id} and r.user_id = ${viewerId}), 0)`.mapWith(Number),
      createdAt: textAmendments.createdAt,
    })
    .from(textAmendments)
    .leftJoin(users, eq(users.id, textAmendments.authorId))
    .where(
      and(
        eq(textAmendments.textId, textId),
        isNull(textAmendments.hiddenAt),
        only.blockId === undefined ? undefined : eq(textAmendments.blockId, only.blockId),
        only.amendmentId === undefined ? undefined : eq(textAmendments.id, only.amendmentId),
      ),
    )
    .orderBy(asc(textAmendments.createdAt), asc(textAmendments.id))
    .limit(1000);
}

/** One amendment of the text (for its page), or null. */
export async function loadAmendment(db: Db, textId: number, amendmentId: number, viewerId: number | null): Promise<AmendmentView | null> {
  const [a] = await loadAmendments(db, textId, viewerId, { amendmentId });
  return a ?? null;
}

/** One annotation of the text (its page), anchored or orphaned, with the block it is on now. */
export async function loadAnnotation(db: Db, textId: number, annotationId: number): Promise<(AnnotationView & { blockId: number | null; hidden: boolean }) | null> {
  const [a] = await db
    .select({ ...annotationColumns, blockId: textAnnotations.blockId, hidden: sql<boolean>`${textAnnotations.hiddenAt} is not null` })
    .from(textAnnotations)
    .leftJoin(users, eq(users.id, textAnnotations.authorId))
    .where(and(eq(textAnnotations.textId, textId), eq(textAnnotations.id, annotationId)));
  return a ?? null;
}
