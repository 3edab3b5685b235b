/**
 * Annotations on a passage of a block: the quote is found in the block's body of the current version
 * and stored as W3C Web Annotation selectors — TextQuoteSelector (exact, with up to 32 code points of
 * prefix and suffix) and TextPositionSelector (start/end in Unicode code points within the body) — with
 * the block and version ids. Without JavaScript the participant quotes the passage and, when it occurs
 * several times, chooses which occurrence; with JavaScript the selection's offsets come along and are
 * checked against the quote (the rendered page may differ from the Markdown source, so the quote wins).
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { FieldErrors } from "../../core/http/result";
import { textAnnotations, textVersionBlocks, texts } from "./schema";

/** How many code points of context the quote selector keeps on each side. */
export const CONTEXT = 32;

/** The code-point offsets at which `exact` starts in `body` (overlapping occurrences included). */
export function occurrences(body: string, exact: string): number[] {
  if (exact === "") return [];
  const out: number[] = [];
  let from = 0;
  for (;;) {
    const at = body.indexOf(exact, from);
    if (at < 0) return out;
    out.push(Array.from(body.slice(0, at)).length);
    // Step one code point (not one UTF-16 unit) so a surrogate pair is never split.
    from = at + (body.codePointAt(at)! > 0xffff ? 2 : 1);
  }
}

export interface Selectors {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

/** The quote and position selectors of the passage [start, end) (code points) of `body`. */
export function selectorsFor(body: string, start: number, end: number): Selectors {
  const cps = Array.from(body);
  return {
    exact: cps.slice(start, end).join(""),
    prefix: cps.slice(Math.max(0, start - CONTEXT), start).join(""),
    suffix: cps.slice(end, end + CONTEXT).join(""),
    start,
    end,
  };
}

/** One occurrence of a quote, with some context, for the "which one?" choice. */
export interface Occurrence {
  start: number;
  before: string;
  after: string;
}

export function describeOccurrences(body: string, exact: string): Occurrence[] {
  const len = Array.from(exact).length;
  return occurrences(body, exact).map((start) => {
    const s = selectorsFor(body, start, start + len);
    return { start, before: s.prefix, after: s.suffix };
  });
}

export type Placement = { ok: true; selectors: Selectors } | { ok: false; reason: "missing" } | { ok: false; reason: "ambiguous"; occurrences: Occurrence[] };

/**
 * Where the quote goes: at `start` when the body holds it there (the selection's offsets), else at the
 * chosen 1-based `occurrence`, else at its only occurrence; several and none chosen: ask which.
 */
export function placeQuote(body: string, exact: string, hint: { start?: number | undefined; occurrence?: number | undefined }): Placement {
  const found = occurrences(body, exact);
  if (found.length === 0) return { ok: false, reason: "missing" };
  const len = Array.from(exact).length;
  if (hint.start !== undefined && found.includes(hint.start)) return { ok: true, selectors: selectorsFor(body, hint.start, hint.start + len) };
  if (hint.occurrence !== undefined && found[hint.occurrence - 1] !== undefined) return { ok: true, selectors: selectorsFor(body, found[hint.occurrence - 1]!, found[hint.occurrence - 1]! + len) };
  if (found.length === 1) return { ok: true, selectors: selectorsFor(body, found[0]!, found[0]! + len) };
  // A selection on the rendered page whose offsets drifted from the source: the nearest occurrence.
  if (hint.start !== undefined) {
    const near = found.reduce((a, b) => (Math.abs(b - hint.start!) < Math.abs(a - hint.start!) ? b : a));
    return { ok: true, selectors: selectorsFor(body, near, near + len) };
  }
  return { ok: false, reason: "ambiguous", occurrences: describeOccurrences(body, exact) };
}

export interface AnnotationInput {
  exact: string;
  note: string;
  occurrence?: number | undefined;
  start?: number | undefined;
}

export type AnnotationOutcome = { kind: "created"; id: number } | { kind: "invalid"; errors: FieldErrors } | { kind: "ambiguous"; occurrences: Occurrence[] };

/**
 * Annotates a passage of a block of the text's current version. The quote must occur in the block;
 * when it occurs several times and neither offsets nor a choice say which, the caller asks.
 */
export async function createAnnotation(db: Db, authorId: number, componentId: number, textId: number, blockId: number, input: AnnotationInput): Promise<AnnotationOutcome> {
  const [row] = await db
    .select({ versionId: textVersionBlocks.versionId, body: textVersionBlocks.body })
    .from(texts)
    .innerJoin(textVersionBlocks, and(eq(textVersionBlocks.versionId, texts.currentVersionId), eq(textVersionBlocks.blockId, blockId)))
    .where(and(eq(texts.id, textId), eq(texts.componentId, componentId)));
  if (!row) return { kind: "invalid", errors: { _form: { key: "error.notFound.title" } } };
  const placed = placeQuote(row.body, input.exact, input);
  if (!placed.ok && placed.reason === "missing") return { kind: "invalid", errors: { exact: { key: "texts.annotation.notInBlock" } } };
  if (!placed.ok) return { kind: "ambiguous", occurrences: placed.occurrences };
  const s = placed.selectors;
  const [created] = await db
    .insert(textAnnotations)
    .values({ textId, authorId, blockId, versionId: row.versionId, exact: s.exact, prefix: s.prefix, suffix: s.suffix, start: s.start, end: s.end, body: input.note, originalBlockId: blockId, originalVersionId: row.versionId })
    .returning({ id: textAnnotations.id });
  if (!created) throw new Error("annotation insert returned nothing");
  return { kind: "created", id: created.id };
}

/** Deletes one's own annotation (its author only). */
export async function deleteOwnAnnotation(db: Db, userId: number, textId: number, annotationId: number): Promise<boolean> {
  const gone = await db
    .delete(textAnnotations)
    .where(and(eq(textAnnotations.id, annotationId), eq(textAnnotations.textId, textId), eq(textAnnotations.authorId, userId), isNull(textAnnotations.hiddenAt)))
    .returning({ id: textAnnotations.id });
  return gone.length > 0;
}

export interface Highlight {
  id: number;
  start: number;
  end: number;
}

/** A block's body cut where annotations start and end: each piece with the annotations covering it. */
export function segments(body: string, highlights: Highlight[]): Array<{ text: string; ids: number[] }> {
  const cps = Array.from(body);
  const cuts = new Set<number>([0, cps.length]);
  for (const h of highlights) {
    if (h.start >= 0 && h.end <= cps.length && h.start < h.end) {
      cuts.add(h.start);
      cuts.add(h.end);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Array<{ text: string; ids: number[] }> = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    out.push({ text: cps.slice(a, b).join(""), ids: highlights.filter((h) => h.start <= a && h.end >= b && h.start < h.end && h.end <= cps.length).map((h) => h.id) });
  }
  return out;
}
