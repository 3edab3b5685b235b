/**
 * Approximate search of a quote in a text, over code points: the passages of the text with the least
 * edit distance (Levenshtein: insertions, deletions, substitutions of one code point) to the pattern, if
 * at most k. The end positions come from Myers' bit-parallel algorithm (1999) in Hyyrö's form, the
 * pattern in 32-bit words, with Ukkonen's cut-off by words (only the words that can hold a cell ≤ k are
 * computed): O(n·⌈m/32⌉) at worst, about O(n·⌈k/32⌉) in practice, for a text of n code points. Each
 * candidate passage's start is then found by a small anchored programme, O(m·(m+k)). Texts are read as
 * dense character ids of an `Alphabet` (one array load per character instead of a hash look-up).
 * (A counting filter on trigrams was tried and dropped: on natural text it let a quarter of the text
 * through for quotes of 50 characters with k = 12, and cost about as much as the search it saved.)
 */

export interface ApproxPassage {
  /** Code point offsets in the text. */
  start: number;
  end: number;
  distance: number;
}

/** Passages (ends) considered per text at most. */
const MAX_ENDS = 16;
/** Work allowed for finding the starts of one text's passages (cells of the anchored programme). */
const START_BUDGET = 4_000_000;
/** Dense ids of the characters of a set of texts (0: a character none of them holds). */
export class Alphabet {
  private readonly ids = new Map<number, number>();

  /** The ids of `cps`, adding the characters not seen yet. */
  add(cps: Int32Array): Int32Array {
    const out = new Int32Array(cps.length);
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i] ?? 0;
      let id = this.ids.get(c);
      if (id === undefined) {
        id = this.ids.size + 1;
        this.ids.set(c, id);
      }
      out[i] = id;
    }
    return out;
  }

  /** The id of code point `c`, 0 when no text holds it. */
  idOf(c: number): number {
    return this.ids.get(c) ?? 0;
  }

  get size(): number {
    return this.ids.size + 1;
  }
}

/** A quote prepared for the bit-parallel search over texts of an `Alphabet`. */
export class Pattern {
  readonly m: number;
  readonly words: number;
  /** The pattern's character ids (0: a character no text holds). */
  readonly ids: Int32Array;
  /** Per character id, per 32-bit word, the bit mask of the rows holding that character. */
  readonly peq: Int32Array;
  /** The search's column state, reused from one text to the next. */
  readonly state: { pv: Int32Array; mv: Int32Array; score: Int32Array };

  /** `alphabet` must already hold every text to be searched. */
  constructor(
    readonly cps: Int32Array,
    alphabet: Alphabet,
  ) {
    this.m = cps.length;
    this.words = Math.max(1, Math.ceil(this.m / 32));
    this.state = { pv: new Int32Array(this.words), mv: new Int32Array(this.words), score: new Int32Array(this.words) };
    this.peq = new Int32Array(alphabet.size * this.words);
    this.ids = cps.map((c) => alphabet.idOf(c));
    for (let i = 0; i < this.m; i++) {
      const id = this.ids[i] ?? 0;
      if (id === 0) continue;
      const at = id * this.words + (i >>> 5);
      this.peq[at] = (this.peq[at] ?? 0) | (1 << (i & 31));
    }
  }
}

/**
 * The least edit distance (≤ k) of a passage of `text[from, to)` (character ids) to the pattern and the ends of the passages at that
 * distance (at most 2·MAX_ENDS), or null when none is within k.
 */
export function scanEnds(p: Pattern, text: Int32Array, k: number, from = 0, to = text.length): { distance: number; ends: number[] } | null {
  if (p.words === 1) return scanOneWord(p, text, k, from, to);
  const m = p.m;
  const W = p.words;
  if (m === 0 || k < 0) return null;
  const peq = p.peq;
  const { pv, mv, score } = p.state;
  pv.fill(-1);
  mv.fill(0);
  const lastRows = m - 32 * (W - 1);
  const lastHigh = lastRows === 32 ? 31 : lastRows - 1;
  for (let w = 0; w < W; w++) score[w] = Math.min(32 * (w + 1), m);
  let limit = k;
  // Words whose every cell may be ≤ k: row 32w + 1 is the least of word w in the first column.
  let last = Math.min(W - 1, Math.max(0, Math.floor((k - 1) / 32)));
  let best = k + 1;
  let ends: number[] | null = null; // allocated on the first match: most texts have none
  // Word 0 lives in locals (it is always on, and usually the only one on).
  let pv0 = -1;
  let mv0 = 0;
  let s0 = 32;
  for (let j = from; j < to; j++) {
    const base = (text[j] ?? 0) * W;
    const eq0 = peq[base] ?? 0;
    const xv0 = eq0 | mv0;
    const xh0 = (((eq0 & pv0) + pv0) ^ pv0) | eq0;
    const ph0 = mv0 | ~(xh0 | pv0);
    const mh0 = pv0 & xh0;
    let hin = (ph0 >>> 31) - (mh0 >>> 31);
    const phs = ph0 << 1;
    pv0 = (mh0 << 1) | ~(xv0 | phs);
    mv0 = phs & xv0;
    let prevBottom = s0;
    s0 += hin;
    if (last === 0 && !(prevBottom <= limit || s0 <= limit - 1)) continue;
    score[0] = s0;
    for (let w = 1; w <= last + 1 && w < W; w++) {
      if (w > last) {
        // Word w was off (every cell > limit): switch it on only if its top row can reach ≤ limit now.
        if (!(prevBottom <= limit || (score[w - 1] ?? 0) <= limit - 1)) break;
        pv[w] = -1;
        mv[w] = 0;
        score[w] = prevBottom + (w === W - 1 ? lastRows : 32);
        last = w;
      }
      let eq = peq[base + w] ?? 0;
      const v = pv[w] ?? 0;
      const x = mv[w] ?? 0;
      const xv = eq | x;
      if (hin < 0) eq |= 1;
      const xh = (((eq & v) + v) ^ v) | eq;
      let ph = x | ~(xh | v);
      let mh = v & xh;
      const high = w === W - 1 ? lastHigh : 31;
      const hout = ((ph >>> high) & 1) - ((mh >>> high) & 1);
      ph <<= 1;
      mh <<= 1;
      if (hin < 0) mh |= 1;
      else if (hin > 0) ph |= 1;
      pv[w] = mh | ~(xv | ph);
      mv[w] = ph & xv;
      prevBottom = score[w] ?? 0;
      score[w] = prevBottom + hout;
      hin = hout;
    }
    if (last === W - 1) {
      const d = score[W - 1] ?? 0;
      if (d <= limit) {
        if (d < best) {
          best = d;
          limit = d;
          ends = [j + 1];
        } else if (ends && ends.length < MAX_ENDS * 2) ends.push(j + 1);
      }
    }
    while (last > 0 && (score[last] ?? 0) - ((last === W - 1 ? lastRows : 32) - 1) > limit) last--;
  }
  return ends ? { distance: best, ends } : null;
}

/** `scanEnds` for a pattern of at most 32 code points: one word, no cut-off needed. */
function scanOneWord(p: Pattern, text: Int32Array, k: number, from: number, to: number): { distance: number; ends: number[] } | null {
  const peq = p.peq;
  const high = p.m - 1;
  let pv = -1;
  let mv = 0;
  let score = p.m;
  let limit = k;
  let best = k + 1;
  let ends: number[] | null = null; // allocated on the first match: most texts have none
  for (let j = from; j < to; j++) {
    const eq = peq[text[j] ?? 0] ?? 0;
    const xv = eq | mv;
    const xh = (((eq & pv) + pv) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    score += ((ph >>> high) & 1) - ((mh >>> high) & 1);
    ph <<= 1;
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
    if (score <= limit) {
      if (score < best) {
        best = score;
        limit = score;
        ends = [j + 1];
      } else if (ends && ends.length < MAX_ENDS * 2) ends.push(j + 1);
    }
  }
  return ends ? { distance: best, ends } : null;
}

/**
 * The passages of `text[from, to)` at the least edit distance to the pattern, if that distance is at
 * most `k` (at most MAX_ENDS of them, one per end); [] otherwise.
 */
export function bestPassages(p: Pattern, text: Int32Array, k: number, from = 0, to = text.length): ApproxPassage[] {
  if (to - from < p.m - k) return [];
  const found = scanEnds(p, text, k, from, to);
  if (!found) return [];
  const { distance, ends } = found;
  // A long quote (a whole paragraph) makes each start costly: fewer candidate ends, at least one.
  const count = Math.max(1, Math.min(MAX_ENDS, Math.floor(START_BUDGET / (p.m * (p.m + distance) + 1))));
  return ends.slice(0, count).map((end) => ({ start: end - startBack(p.ids, text, from, end, distance), end, distance }));
}

/**
 * The length of the passage ending at `end` within `distance` edits of `pattern`, the closest to the
 * pattern's length among those of least distance: the pattern and the text read backwards from `end`.
 */
function startBack(pattern: Int32Array, text: Int32Array, from: number, end: number, distance: number): number {
  const m = pattern.length;
  const width = Math.min(end - from, m + distance);
  let prev = new Int32Array(width + 1);
  let row = new Int32Array(width + 1);
  for (let x = 0; x <= width; x++) prev[x] = x;
  for (let i = 1; i <= m; i++) {
    row[0] = i;
    const p = pattern[m - i];
    for (let x = 1; x <= width; x++) {
      let v = (prev[x - 1] ?? 0) + (p === text[end - x] ? 0 : 1);
      const up = (prev[x] ?? 0) + 1;
      const left = (row[x - 1] ?? 0) + 1;
      if (up < v) v = up;
      if (left < v) v = left;
      row[x] = v;
    }
    [prev, row] = [row, prev];
  }
  let bestX = m;
  let bestD = Number.POSITIVE_INFINITY;
  for (let x = 0; x <= width; x++) {
    const d = prev[x] ?? 0;
    if (d < bestD || (d === bestD && Math.abs(x - m) < Math.abs(bestX - m))) {
      bestD = d;
      bestX = x;
    }
  }
  return bestX;
}
