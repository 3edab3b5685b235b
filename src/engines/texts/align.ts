/**
 * Aligns the blocks of two versions of a text so that block ids carry across (issue 14): a changed
 * paragraph keeps its id, a new one gets a new id. The component assigns the ids; this returns the mapping.
 *
 * 1. Equal blocks (equal after `normaliseBlock`) in order: a longest common subsequence (Myers) → "same".
 * 2. Equal blocks out of that order, first unmatched old one of the same text first → "moved".
 * 3. Between two consecutive "same" anchors, unmatched old and new blocks are paired in order, maximising the
 *    summed similarity of the pairs (a small dynamic programme per gap), pairs of similarity ≥
 *    `GAP_THRESHOLD` only → "changed".
 * 4. What is left is paired across the whole text, most similar first, similarity ≥ `FAR_THRESHOLD`
 *    → "changed" (a paragraph both moved and edited).
 * Everything else is "new" (new side) or deleted (old side, `deletedBlocks`). Headings (`#` lines) only pair
 * with headings. Similarity: Jaccard of the blocks' word sets (lower case, NFC); for short blocks (under
 * 8 words), the better of that and the Dice coefficient of their character bigrams.
 */
import { diffSequences } from "./myers";
import { normaliseBlock } from "./parse";

export type BlockChange = "same" | "changed" | "moved" | "new";

export interface BlockMatch {
  newIndex: number;
  /** The old block this one continues (keeps its id), or null for a new block. */
  oldIndex: number | null;
  change: BlockChange;
}

export const GAP_THRESHOLD = 0.4;
export const FAR_THRESHOLD = 0.5;
/** Beyond this many candidate pairs, a gap is paired greedily in order instead of by dynamic programme. */
const MAX_GAP_CELLS = 250_000;
/** Beyond this many candidate pairs, step 4 is skipped (the leftovers stay new / deleted). */
const MAX_FAR_PAIRS = 250_000;

interface Features {
  words: Set<string>;
  bigrams: Map<string, number> | null;
  heading: boolean;
}

function features(text: string): Features {
  const norm = normaliseBlock(text).toLowerCase();
  const words = new Set(norm.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []);
  let bigrams: Map<string, number> | null = null;
  if (words.size < 8) {
    bigrams = new Map();
    const cps = Array.from(norm);
    for (let i = 0; i + 1 < cps.length; i++) {
      const g = `${cps[i]}${cps[i + 1]}`;
      bigrams.set(g, (bigrams.get(g) ?? 0) + 1);
    }
  }
  return { words, bigrams, heading: /^ {0,3}#/.test(text) };
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const w of small) if (large.has(w)) common++;
  return common / (a.size + b.size - common);
}

function dice(a: Map<string, number>, b: Map<string, number>): number {
  let total = 0;
  let common = 0;
  for (const [g, n] of a) {
    total += n;
    common += Math.min(n, b.get(g) ?? 0);
  }
  for (const n of b.values()) total += n;
  return total === 0 ? 1 : (2 * common) / total;
}

function similarityOf(a: Features, b: Features): number {
  if (a.heading !== b.heading) return 0;
  const j = jaccard(a.words, b.words);
  return a.bigrams && b.bigrams ? Math.max(j, dice(a.bigrams, b.bigrams)) : j;
}

function cachedFeatures(texts: readonly string[]): (i: number) => Features {
  const cache = new Map<number, Features>();
  return (i) => {
    let f = cache.get(i);
    if (!f) {
      f = features(texts[i] ?? "");
      cache.set(i, f);
    }
    return f;
  };
}

/** How alike two blocks are, in [0, 1] (see the header comment). */
export function blockSimilarity(a: string, b: string): number {
  return similarityOf(features(a), features(b));
}

/** For each new block, in order, the old block it continues and how (see the header comment). */
export function alignBlocks(oldTexts: readonly string[], newTexts: readonly string[]): BlockMatch[] {
  const keys = new Map<string, number>();
  const key = (t: string) => {
    const s = normaliseBlock(t);
    let k = keys.get(s);
    if (k === undefined) {
      k = keys.size;
      keys.set(s, k);
    }
    return k;
  };
  const oldKeys = Int32Array.from(oldTexts, key);
  const newKeys = Int32Array.from(newTexts, key);
  const oldOf = new Array<number | null>(newTexts.length).fill(null);
  const change = new Array<BlockChange>(newTexts.length).fill("new");
  const oldTaken = new Uint8Array(oldTexts.length);

  const anchors = diffSequences(oldKeys, newKeys, 10_000).matches;
  for (const [i, j] of anchors) {
    oldOf[j] = i;
    change[j] = "same";
    oldTaken[i] = 1;
  }

  const freeOld = new Map<number, number[]>();
  oldKeys.forEach((k, i) => {
    if (!oldTaken[i]) {
      const list = freeOld.get(k);
      if (list) list.push(i);
      else freeOld.set(k, [i]);
    }
  });
  newKeys.forEach((k, j) => {
    if (oldOf[j] !== null) return;
    const i = freeOld.get(k)?.shift();
    if (i !== undefined) {
      oldOf[j] = i;
      change[j] = "moved";
      oldTaken[i] = 1;
    }
  });

  const fOld = cachedFeatures(oldTexts);
  const fNew = cachedFeatures(newTexts);
  const pair = (i: number, j: number) => {
    oldOf[j] = i;
    change[j] = "changed";
    oldTaken[i] = 1;
  };

  const bounds: Array<[number, number]> = [[-1, -1], ...anchors, [oldTexts.length, newTexts.length]];
  for (let g = 0; g + 1 < bounds.length; g++) {
    const [oa, na] = bounds[g] as [number, number];
    const [ob, nb] = bounds[g + 1] as [number, number];
    const olds: number[] = [];
    const news: number[] = [];
    for (let i = oa + 1; i < ob; i++) if (!oldTaken[i]) olds.push(i);
    for (let j = na + 1; j < nb; j++) if (oldOf[j] === null) news.push(j);
    if (olds.length === 0 || news.length === 0) continue;
    for (const [i, j] of pairGap(olds, news, (i, j) => similarityOf(fOld(i), fNew(j)))) pair(i, j);
  }

  const leftOld = oldTexts.map((_, i) => i).filter((i) => !oldTaken[i]);
  const leftNew = newTexts.map((_, j) => j).filter((j) => oldOf[j] === null);
  if (leftOld.length > 0 && leftNew.length > 0 && leftOld.length * leftNew.length <= MAX_FAR_PAIRS) {
    const candidates: Array<[number, number, number]> = [];
    for (const i of leftOld) {
      for (const j of leftNew) {
        const s = similarityOf(fOld(i), fNew(j));
        if (s >= FAR_THRESHOLD) candidates.push([s, i, j]);
      }
    }
    candidates.sort((x, y) => y[0] - x[0] || x[2] - y[2] || x[1] - y[1]);
    for (const [, i, j] of candidates) if (!oldTaken[i] && oldOf[j] === null) pair(i, j);
  }

  return newTexts.map((_, j) => ({ newIndex: j, oldIndex: oldOf[j] ?? null, change: change[j] ?? "new" }));
}

/** Order-preserving pairs of one gap with the greatest summed similarity (each ≥ GAP_THRESHOLD). */
function pairGap(olds: number[], news: number[], sim: (i: number, j: number) => number): Array<[number, number]> {
  const g = olds.length;
  const h = news.length;
  if (g * h > MAX_GAP_CELLS) {
    // Greedy in order: each new block takes the most similar old block after the last one taken, nearby.
    const out: Array<[number, number]> = [];
    let from = 0;
    for (const j of news) {
      let best = -1;
      let bestS = GAP_THRESHOLD;
      for (let x = from; x < Math.min(g, from + 64); x++) {
        const s = sim(olds[x] ?? 0, j);
        if (s >= bestS && (best < 0 || s > bestS)) {
          best = x;
          bestS = s;
        }
      }
      if (best >= 0) {
        out.push([olds[best] ?? 0, j]);
        from = best + 1;
      }
    }
    return out;
  }
  const w = h + 1;
  const score = new Float64Array((g + 1) * w);
  const s = new Float64Array(g * h);
  for (let x = 0; x < g; x++) for (let y = 0; y < h; y++) s[x * h + y] = sim(olds[x] ?? 0, news[y] ?? 0);
  for (let x = 1; x <= g; x++) {
    for (let y = 1; y <= h; y++) {
      const here = s[(x - 1) * h + (y - 1)] ?? 0;
      const diag = here >= GAP_THRESHOLD ? (score[(x - 1) * w + (y - 1)] ?? 0) + here : -1;
      score[x * w + y] = Math.max(diag, score[(x - 1) * w + y] ?? 0, score[x * w + (y - 1)] ?? 0);
    }
  }
  const out: Array<[number, number]> = [];
  let x = g;
  let y = h;
  while (x > 0 && y > 0) {
    const here = s[(x - 1) * h + (y - 1)] ?? 0;
    const v = score[x * w + y] ?? 0;
    if (here >= GAP_THRESHOLD && v === (score[(x - 1) * w + (y - 1)] ?? 0) + here) {
      out.push([olds[x - 1] ?? 0, news[y - 1] ?? 0]);
      x--;
      y--;
    } else if (v === (score[(x - 1) * w + y] ?? 0)) x--;
    else y--;
  }
  return out.reverse();
}

/** The old blocks no new block continues (deleted in the new version), in order. */
export function deletedBlocks(matches: readonly BlockMatch[], oldCount: number): number[] {
  const taken = new Uint8Array(oldCount);
  for (const m of matches) if (m.oldIndex !== null) taken[m.oldIndex] = 1;
  const out: number[] = [];
  for (let i = 0; i < oldCount; i++) if (!taken[i]) out.push(i);
  return out;
}

/** For each old block, the new block continuing it, or null when it was deleted. */
export function oldToNew(matches: readonly BlockMatch[], oldCount: number): Array<number | null> {
  const out = new Array<number | null>(oldCount).fill(null);
  for (const m of matches) if (m.oldIndex !== null) out[m.oldIndex] = m.newIndex;
  return out;
}
