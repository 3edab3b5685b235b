/**
 * Where one annotation goes in the new version: the search order of the contract (see reanchor.ts), the
 * candidates and how ties are broken.
 */
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

export interface Place {
  block: number;
  start: number;
  end: number;
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
