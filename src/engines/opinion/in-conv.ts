/** Who is "in the conversation" (spec 1.3): sticky threshold rule with a top-up to 15. */
import { IndexOf } from "./matrix";
import type { VoteMatrix } from "./types";

/** Votes needed to join (or all comments, when there are fewer). */
export const IN_CONV_MIN_VOTES = 7;
/** Minimum size of the in-conv set while enough people have voted. */
export const IN_CONV_TOP_UP = 15;

/**
 * previous ∪ {p : votes(p) ≥ min(7, n_cmts)}, topped up with the most active others (ties by row
 * order) while fewer than 15. Returns a mask over rows; nobody is ever removed.
 */
export function inConvMask(m: VoteMatrix, previous: readonly number[]): Uint8Array {
  const n = m.pids.length;
  const mask = new Uint8Array(n);
  const rowOf = new IndexOf(m.pids);
  let size = 0;
  for (const p of previous) {
    const r = rowOf.get(p);
    if (r >= 0 && mask[r] === 0) {
      mask[r] = 1;
      size++;
    }
  }
  const threshold = Math.min(IN_CONV_MIN_VOTES, m.tids.length);
  for (let r = 0; r < n; r++) {
    if (mask[r] === 0 && m.rowPtr[r + 1]! - m.rowPtr[r]! >= threshold) {
      mask[r] = 1;
      size++;
    }
  }
  if (size < IN_CONV_TOP_UP) {
    const others: number[] = [];
    for (let r = 0; r < n; r++) if (mask[r] === 0 && m.rowPtr[r + 1]! > m.rowPtr[r]!) others.push(r);
    const count = (r: number): number => m.rowPtr[r + 1]! - m.rowPtr[r]!;
    others.sort((a, b) => count(b) - count(a) || a - b);
    for (const r of others) {
      if (size >= IN_CONV_TOP_UP) break;
      mask[r] = 1;
      size++;
    }
  }
  return mask;
}
