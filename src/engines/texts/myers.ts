/**
 * Myers' O((N+M)·D) shortest edit script between two integer sequences, with a bound on D: the matched
 * index pairs of a longest common subsequence. Used for blocks (their hashes) and for words (token ids).
 */

export interface SequenceDiff {
  /** Matched pairs [i in a, j in b], increasing in both. */
  matches: Array<[number, number]>;
  /** False when more than `maxEdits` edits were needed: then only the common prefix and suffix are matched. */
  complete: boolean;
}

/** The longest common subsequence of `a` and `b` as index pairs, if at most `maxEdits` edits apart. */
export function diffSequences(a: ArrayLike<number>, b: ArrayLike<number>, maxEdits: number): SequenceDiff {
  const n = a.length;
  const m = b.length;
  let lo = 0;
  while (lo < n && lo < m && a[lo] === b[lo]) lo++;
  let hiA = n;
  let hiB = m;
  while (hiA > lo && hiB > lo && a[hiA - 1] === b[hiB - 1]) {
    hiA--;
    hiB--;
  }
  const matches: Array<[number, number]> = [];
  for (let i = 0; i < lo; i++) matches.push([i, i]);
  const middle = middleSnakes(a, b, lo, hiA, lo, hiB, maxEdits);
  if (middle) for (const p of middle) matches.push(p);
  for (let i = hiA, j = hiB; i < n; i++, j++) matches.push([i, j]);
  return { matches, complete: middle !== null };
}

/** Myers on a[a0..a1) × b[b0..b1): the matched pairs, or null past `maxEdits`. */
function middleSnakes(a: ArrayLike<number>, b: ArrayLike<number>, a0: number, a1: number, b0: number, b1: number, maxEdits: number): Array<[number, number]> | null {
  const n = a1 - a0;
  const m = b1 - b0;
  if (n === 0 || m === 0) return [];
  const max = Math.min(maxEdits, n + m);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d]: the furthest x on each diagonal k ∈ [-d, d] after step d (index k + d).
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[off + k - 1] ?? 0) < (v[off + k + 1] ?? 0)) ? (v[off + k + 1] ?? 0) : (v[off + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) found = d;
    }
    trace.push(v.slice(off - d, off + d + 1));
  }
  if (found < 0) return null;
  const pairs: Array<[number, number]> = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d - 1] as Int32Array;
    const k = x - y;
    const at = (kk: number) => prev[kk + d - 1] ?? 0;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const startX = down ? prevX : prevX + 1;
    while (x > startX) {
      x--;
      y--;
      pairs.push([a0 + x, b0 + y]);
    }
    x = prevX;
    y = prevX - prevK;
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    pairs.push([a0 + x, b0 + y]);
  }
  return pairs.reverse();
}
