/**
 * Re-anchoring of annotations across two versions of a text (issue 14, "Contracts"). An annotation
 * quotes `exact` at code point offsets [start, end) of one block, with `prefix`/`suffix` as context. Its
 * place in the new version is, in this order:
 * 1. its old place mapped to the block continuing its block (`alignBlocks`, or equal ids for the
 *    component) — offsets unchanged when the block's text is unchanged, else mapped through the word
 *    diff — if the text there equals `exact`;
 * 2. else an occurrence of `exact` elsewhere in that block, then in the whole text;
 * 3. else the passage with the least edit distance to `exact` in that block, then in the whole text,
 *    accepted when the distance is at most ⌊length(exact) / 4⌋ (code points);
 * 4. else none: the annotation is orphaned.
 * Among several occurrences (or passages at the least distance) the one whose surroundings agree
 * longest with `prefix` and `suffix` wins, then the one nearest the mapped place. `kept` = the same
 * block (index; id for the component) and the same offsets; `moved` = any other place.
 */
import { alignBlocks, oldToNew } from "./align";
import { BlockText } from "./code-points";
import { type Annotation, Reanchorer } from "./place";

export { type Annotation, type Place, Reanchorer } from "./place";

export type AnchorStatus = "kept" | "moved" | "orphaned";

export interface ReanchoredAnnotation {
  id: string;
  status: AnchorStatus;
  /** The place in the new version; null when orphaned. */
  block: number | null;
  start: number | null;
  end: number | null;
}

export interface ReanchorResult {
  annotations: ReanchoredAnnotation[];
  kept: number;
  moved: number;
  orphaned: number;
}

/** The contract's re-anchoring of `annotations` from `oldTexts` to `newTexts` (blocks by index). */
export function reanchor(oldTexts: readonly string[], newTexts: readonly string[], annotations: readonly Annotation[]): ReanchorResult {
  const map = oldToNew(alignBlocks(oldTexts, newTexts), oldTexts.length);
  const r = new Reanchorer(oldTexts, newTexts, map);
  const out: ReanchoredAnnotation[] = annotations.map((a) => {
    const p = r.place(a);
    if (!p) return { id: a.id, status: "orphaned", block: null, start: null, end: null };
    const kept = p.block === a.block && p.start === a.start && p.end === a.end;
    return { id: a.id, status: kept ? "kept" : "moved", block: p.block, start: p.start, end: p.end };
  });
  return summarise(out);
}

/** Counts the statuses. */
export function summarise(annotations: ReanchoredAnnotation[]): ReanchorResult {
  let kept = 0;
  let moved = 0;
  for (const a of annotations) {
    if (a.status === "kept") kept++;
    else if (a.status === "moved") moved++;
  }
  return { annotations, kept, moved, orphaned: annotations.length - kept - moved };
}

/** A block of a stored version, for the component: its stable id and its text (the offsets' reference). */
export interface IdentifiedBlock {
  id: string;
  text: string;
}

/**
 * A stored W3C Web Annotation target: a TextQuoteSelector (exact, prefix, suffix) and a
 * TextPositionSelector (start, end: code points within the block's text) on the block `blockId`.
 */
export interface StoredSelector {
  id: string;
  blockId: string;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

export interface ReanchoredSelector {
  id: string;
  status: AnchorStatus;
  /** The new place, or null when orphaned. */
  blockId: string | null;
  start: number | null;
  end: number | null;
  /** The selectors to store for the new version: the text at the new place and its surroundings; the old ones when orphaned. */
  exact: string;
  prefix: string;
  suffix: string;
}

/** Characters of context kept on each side of a quote (W3C TextQuoteSelector prefix/suffix). */
export const CONTEXT_LENGTH = 32;

/**
 * The component's re-anchoring: blocks carry ids (a block continues the old block of the same id, as
 * assigned from `alignBlocks`), selectors name their block by id. `kept` = same block id, same offsets.
 */
export function reanchorSelectors(oldBlocks: readonly IdentifiedBlock[], newBlocks: readonly IdentifiedBlock[], selectors: readonly StoredSelector[]): ReanchoredSelector[] {
  const newIndex = new Map(newBlocks.map((b, j) => [b.id, j]));
  const oldIndex = new Map(oldBlocks.map((b, i) => [b.id, i]));
  const r = new Reanchorer(
    oldBlocks.map((b) => b.text),
    newBlocks.map((b) => b.text),
    oldBlocks.map((b) => newIndex.get(b.id) ?? null),
  );
  const texts = newBlocks.map((b) => new BlockText(b.text));
  return selectors.map((s) => {
    const block = oldIndex.get(s.blockId);
    const p = block === undefined ? null : r.place({ ...s, block });
    const target = p ? newBlocks[p.block] : undefined;
    const text = p ? texts[p.block] : undefined;
    if (!p || !target || !text) return { id: s.id, status: "orphaned", blockId: null, start: null, end: null, exact: s.exact, prefix: s.prefix, suffix: s.suffix };
    const kept = target.id === s.blockId && p.start === s.start && p.end === s.end;
    return {
      id: s.id,
      status: kept ? "kept" : "moved",
      blockId: target.id,
      start: p.start,
      end: p.end,
      exact: text.slice(p.start, p.end),
      prefix: text.slice(Math.max(0, p.start - CONTEXT_LENGTH), p.start),
      suffix: text.slice(p.end, Math.min(text.cpLength, p.end + CONTEXT_LENGTH)),
    };
  });
}
