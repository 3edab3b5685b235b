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
import { Alphabet, bestPassages, Pattern } from "./approx";
import { BlockText, codePoints } from "./code-points";
import { mapOffset, type DiffOp, wordDiff } from "./word-diff";

export interface Annotation {
  id: string;
  /** 0-based index of the block in the old version. */
  block: number;
  exact: string;
  prefix: string;
  suffix: string;
  /** Code point offsets within the block's (trimmed) text. */
  start: number;
  end: number;
}

export type AnchorStatus = "kept" | "moved" | "orphaned";

export interface Place {
  block: number;
  start: number;
  end: number;
}

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

interface Candidate extends Place {
  /** Edit distance to `exact` (0 for an occurrence). */
  distance: number;
  context: number;
  blockGap: number;
  /** |length − length of exact| (approximate passages). */
  lengthGap: number;
  offsetGap: number;
}

/** Better candidate first: less distance, longer agreement with prefix/suffix, nearer block, closer length, nearer offset. */
function better(a: Candidate, b: Candidate | null): boolean {
  if (!b) return true;
  if (a.distance !== b.distance) return a.distance < b.distance;
  if (a.context !== b.context) return a.context > b.context;
  if (a.blockGap !== b.blockGap) return a.blockGap < b.blockGap;
  if (a.lengthGap !== b.lengthGap) return a.lengthGap < b.lengthGap;
  return a.offsetGap < b.offsetGap;
}

/** How many characters around [s, e) of `text` (UTF-16) agree with the annotation's prefix and suffix. */
function contextScore(text: string, s: number, e: number, prefix: string, suffix: string): number {
  let score = 0;
  for (let x = 1; x <= prefix.length && s - x >= 0 && text.charCodeAt(s - x) === prefix.charCodeAt(prefix.length - x); x++) score++;
  for (let x = 0; x < suffix.length && e + x < text.length && text.charCodeAt(e + x) === suffix.charCodeAt(x); x++) score++;
  return score;
}

/** Places annotations of one old version in one new version, given which new block continues each old block. */
export class Reanchorer {
  private readonly olds: BlockText[];
  private readonly news: BlockText[];
  private readonly diffs = new Map<number, DiffOp[]>();
  private readonly alphabet = new Alphabet();
  /** The new blocks' character ids (`Alphabet`), for the approximate search. */
  private readonly newIds: Int32Array[];
  /** The new blocks joined by U+0000, and where each starts in it (one indexOf pass for the whole text). */
  private readonly joined: string;
  private readonly starts: number[];
  /** Where each old block sits in the new order (a deleted block: between its surviving neighbours). */
  private readonly ref: number[];

  constructor(
    oldTexts: readonly string[],
    newTexts: readonly string[],
    private readonly map: ReadonlyArray<number | null>,
  ) {
    this.olds = oldTexts.map((t) => new BlockText(t));
    this.news = newTexts.map((t) => new BlockText(t));
    this.newIds = this.news.map((b) => this.alphabet.add(b.cps()));
    this.joined = newTexts.join("\u0000");
    let at = 0;
    this.starts = newTexts.map((t) => {
      const s = at;
      at += t.length + 1;
      return s;
    });
    let last = -0.5;
    this.ref = oldTexts.map((_, i) => {
      const j = map[i];
      if (j === null || j === undefined) return last + 0.5;
      last = j;
      return j;
    });
  }

  /** The annotation's place in the new version, or null (orphaned). */
  place(a: Annotation): Place | null {
    const mapped = this.map[a.block] ?? null;
    const ref = this.ref[a.block] ?? a.block;
    const pattern = codePoints(a.exact);
    if (pattern.length === 0) return null;
    let hint = a.start;
    if (mapped !== null) {
      const nb = this.news[mapped] as BlockText;
      const at = this.mapped(a, mapped);
      // An unchanged block: the same place. A changed one: the mapped place only wins ties (nearest) among
      // the occurrences of the quote in the block, so that a diff that matched a repeated phrase to
      // another of its occurrences does not decide alone — prefix and suffix do.
      if (at && nb.slice(at.start, at.end) === a.exact && this.olds[a.block]?.text === nb.text) return { block: mapped, ...at };
      if (at) hint = at.start;
      const here = this.exactIn(a, mapped, ref, hint, null);
      if (here) return here;
    }
    let found = this.exactAnywhere(a, ref, hint);
    if (found) return found;
    const k = Math.floor(pattern.length / 4);
    if (k === 0) return null;
    const prepared = new Pattern(pattern, this.alphabet);
    if (mapped !== null) {
      const here = this.approxIn(a, prepared, k, mapped, ref, hint, null);
      if (here) return here;
    }
    for (let j = 0; j < this.news.length; j++) {
      if (j === mapped) continue;
      found = this.approxIn(a, prepared, found ? found.distance : k, j, ref, hint, found);
    }
    return found;
  }

  /** The old offsets carried to the new block `j` (unchanged text: the same; else through the word diff). */
  private mapped(a: Annotation, j: number): { start: number; end: number } | null {
    const ob = this.olds[a.block];
    const nb = this.news[j] as BlockText;
    if (!ob || a.end > ob.cpLength || a.start < 0 || a.start >= a.end) return null;
    if (ob.text === nb.text) return { start: a.start, end: a.end };
    let ops = this.diffs.get(a.block);
    if (!ops) {
      ops = wordDiff(ob.text, nb.text);
      this.diffs.set(a.block, ops);
    }
    const s = mapOffset(ops, ob.toU16(a.start), "start");
    const e = mapOffset(ops, ob.toU16(a.end), "end");
    return e > s ? { start: nb.toCp(s), end: nb.toCp(e) } : null;
  }

  /** The best exact occurrence in block j, if better than `best`. */
  private exactIn(a: Annotation, j: number, ref: number, hint: number, best: Candidate | null): Candidate | null {
    const nb = this.news[j] as BlockText;
    const text = nb.text;
    for (let s = text.indexOf(a.exact); s >= 0; s = text.indexOf(a.exact, s + 1)) {
      const start = nb.toCp(s);
      const c: Candidate = {
        block: j,
        start,
        end: nb.toCp(s + a.exact.length),
        distance: 0,
        lengthGap: 0,
        context: contextScore(text, s, s + a.exact.length, a.prefix, a.suffix),
        blockGap: Math.abs(j - ref),
        offsetGap: Math.abs(start - hint),
      };
      if (better(c, best)) best = c;
    }
    return best;
  }

  /** The best exact occurrence in the whole new text (one pass over the joined blocks). */
  private exactAnywhere(a: Annotation, ref: number, hint: number): Candidate | null {
    let best: Candidate | null = null;
    let j = 0;
    const len = a.exact.length;
    for (let at = this.joined.indexOf(a.exact); at >= 0; at = this.joined.indexOf(a.exact, at + 1)) {
      while (j + 1 < this.starts.length && (this.starts[j + 1] ?? 0) <= at) j++;
      const nb = this.news[j] as BlockText;
      const s = at - (this.starts[j] ?? 0);
      if (s + len > nb.text.length) continue;
      const start = nb.toCp(s);
      const c: Candidate = {
        block: j,
        start,
        end: nb.toCp(s + len),
        distance: 0,
        lengthGap: 0,
        context: contextScore(nb.text, s, s + len, a.prefix, a.suffix),
        blockGap: Math.abs(j - ref),
        offsetGap: Math.abs(start - hint),
      };
      if (better(c, best)) best = c;
    }
    return best;
  }

  /** The best approximate passage of block j within `k` edits, if better than `best` (less distance first). */
  private approxIn(a: Annotation, pattern: Pattern, k: number, j: number, ref: number, hint: number, best: Candidate | null): Candidate | null {
    const nb = this.news[j] as BlockText;
    if (nb.cpLength < pattern.m - k) return best;
    for (const p of bestPassages(pattern, this.newIds[j] as Int32Array, k)) {
      const s = nb.toU16(p.start);
      const e = nb.toU16(p.end);
      const c: Candidate = {
        block: j,
        start: p.start,
        end: p.end,
        distance: p.distance,
        lengthGap: Math.abs(p.end - p.start - pattern.m),
        context: contextScore(nb.text, s, e, a.prefix, a.suffix),
        blockGap: Math.abs(j - ref),
        offsetGap: Math.abs(p.start - hint),
      };
      if (better(c, best)) best = c;
    }
    return best;
  }
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
