/**
 * The organization's side of texts: creating a text (written in Markdown or uploaded as .md, .docx or
 * .odt), editing its draft, in transactions with audit (publishing is publish.ts). What the forms
 * accept is checked here once, errors as message keys next to their fields.
 */
import { z } from "zod";
import type { Db } from "../../db/client";
import { translatable } from "../../core/components/form-values";
import { fail, ok, type FieldErrors, type Result } from "../../core/http/result";
import { audit } from "../../core/audit/audit";
import { LOCALES, type Translatable } from "../../core/i18n/locales";
import type { Actor } from "../../core/spaces/service";
import { and, asc, eq, isNull } from "drizzle-orm";
import { uploadToMarkdown, type ImportProblem } from "./import";
import { normaliseBlock } from "../../engines/texts/parse";
import { applyAmendments } from "./amendments";
import { createText, ensureDraft, lockText, saveDraft, versionBlocks, writeDraftBlocks, type BlockCounts } from "./service";
import { textAmendments, texts, textVersions } from "./schema";

export const MAX_SOURCE = 1_000_000;

export const textInput = z.object({
  title: translatable({ max: 300, required: true }),
  description: translatable({ max: 5_000 }),
  source: z.preprocess((v) => (typeof v === "string" ? v : ""), z.string().max(MAX_SOURCE, { message: "texts.admin.sourceTooLong" })),
  /** The language the text is written in (new texts only; its paragraphs' translations are per block). */
  locale: z.preprocess((v) => (v === "" ? undefined : v), z.enum(LOCALES, { message: "validation.invalid" }).optional()),
});
export type TextInput = z.infer<typeof textInput>;

export const publishInput = z.object({ reason: translatable({ max: 2_000, required: true }) });

const PROBLEM_KEYS = {
  format: "texts.admin.upload.format",
  tooLarge: "texts.admin.upload.tooLarge",
  unreadable: "texts.admin.upload.unreadable",
  empty: "texts.admin.upload.empty",
} as const satisfies Record<ImportProblem, string>;

/** The Markdown to save: the uploaded file's (when one is given) or the textarea's; an empty text is refused. */
export async function sourceOf(input: TextInput, file: Buffer | null): Promise<Result<string>> {
  if (file) {
    const converted = await uploadToMarkdown(file);
    if (!converted.ok) return fail({ file: { key: PROBLEM_KEYS[converted.problem] } });
    return ok(converted.markdown);
  }
  if (input.source.trim() === "") return fail({ source: { key: "texts.admin.emptyText" } });
  return ok(input.source.replace(/\r\n?/g, "\n"));
}

export interface Place {
  componentId: number;
  spaceId: number;
}

/** A new text with its draft (version 1). */
export async function createTextFromForm(db: Db, actor: Actor, place: Place, locale: string, input: TextInput, file: Buffer | null): Promise<Result<{ textId: number } & BlockCounts>> {
  const source = await sourceOf(input, file);
  if (!source.ok) return source;
  return db.transaction(async (tx) => ok(await createText(tx, actor, { ...place, title: input.title, description: input.description, locale: input.locale ?? locale, markdown: source.value })));
}

/** Saves the title, description and draft of a text (the draft is created from the current version when none exists). */
export async function updateTextFromForm(db: Db, actor: Actor, place: Place, textId: number, input: TextInput, file: Buffer | null): Promise<Result<BlockCounts>> {
  const source = await sourceOf(input, file);
  if (!source.ok) return source;
  return db.transaction(async (tx) => {
    const before = await lockText(tx, place.componentId, textId);
    if (!before) return fail({ _form: { key: "texts.admin.notFound" } } satisfies FieldErrors);
    const title: Translatable = input.title;
    if (JSON.stringify(before.title) !== JSON.stringify(title) || JSON.stringify(before.description) !== JSON.stringify(input.description)) {
      await tx.update(texts).set({ title, description: input.description, updatedAt: new Date() }).where(eq(texts.id, textId));
      await audit(tx, { actorId: actor.id, action: "texts.update", resourceType: "text", resourceId: textId, spaceId: place.spaceId, before: { title: before.title, description: before.description }, after: { title, description: input.description }, ip: actor.ip });
    }
    const saved = await saveDraft(tx, actor, place, textId, source.value);
    if (!saved) return fail({ _form: { key: "texts.admin.notFound" } });
    return ok({ blocks: saved.blocks, sections: saved.sections });
  });
}

/**
 * Writes the accepted amendments not yet in a published version into the draft (created from the
 * current version when none exists): replacements and deletions by block identity, insertions after
 * their block, an insertion already in the draft not added twice. Returns how many were applied.
 */
export async function applyAmendmentsToDraft(db: Db, actor: Actor, place: Place, textId: number): Promise<Result<{ applied: number }>> {
  return db.transaction(async (tx) => {
    const text = await lockText(tx, place.componentId, textId);
    if (!text) return fail({ _form: { key: "texts.admin.notFound" } });
    const draft = await ensureDraft(tx, textId, actor.id);
    const [blocks, accepted] = await Promise.all([
      versionBlocks(tx, draft.id),
      tx
        .select({ id: textAmendments.id, kind: textAmendments.kind, blockId: textAmendments.blockId, body: textAmendments.body })
        .from(textAmendments)
        .where(and(eq(textAmendments.textId, textId), eq(textAmendments.status, "accepted"), isNull(textAmendments.appliedInVersionId), isNull(textAmendments.hiddenAt)))
        .orderBy(asc(textAmendments.decidedAt), asc(textAmendments.id)),
    ]);
    const present = new Set(blocks.map((b) => normaliseBlock(b.body)));
    const toApply = accepted.filter((a) => !(a.kind === "insert" && present.has(normaliseBlock(a.body))));
    const { bodies, applied } = applyAmendments(blocks, toApply);
    if (applied.length === 0) return ok({ applied: 0 });
    const markdown = `${bodies.join("\n\n")}\n`;
    await tx.update(textVersions).set({ source: markdown }).where(eq(textVersions.id, draft.id));
    const counts = await writeDraftBlocks(tx, textId, draft.id, markdown);
    await audit(tx, { actorId: actor.id, action: "texts.draft.applyAmendments", resourceType: "text", resourceId: textId, spaceId: place.spaceId, after: { versionId: draft.id, amendmentIds: applied, ...counts }, ip: actor.ip });
    return ok({ applied: applied.length });
  });
}
