/** The sparse raw vote matrix: building it and merging new votes into it (last vote on a cell wins). */
import type { VoteEvent, VoteMatrix } from "./types";

/** An empty matrix (no rows, no columns). */
export function emptyMatrix(): VoteMatrix {
  return { pids: [], tids: [], rowPtr: new Int32Array(1), cols: new Int32Array(0), vals: new Int8Array(0) };
}

/** Number of non-null cells. */
export function nnz(m: VoteMatrix): number {
  return m.rowPtr[m.pids.length] ?? 0;
}

/** Caps of Pol.is (spec 1.2): votes of participants or comments beyond them are ignored. */
export const MAX_PARTICIPANTS = 100_000;
export const MAX_COMMENTS = 10_000;

/**
 * Returns a new matrix with `votes` applied in order: new participants and comments are appended in
 * the order first seen, a later vote on a cell replaces the earlier one. O(nnz + votes log votes).
 */
export function applyVotes(m: VoteMatrix, votes: readonly VoteEvent[]): VoteMatrix {
  if (votes.length === 0) return m;
  const pids = m.pids.slice();
  const tids = m.tids.slice();
  const rowOf = new Map<number, number>();
  pids.forEach((p, i) => rowOf.set(p, i));
  const colOf = new Map<number, number>();
  tids.forEach((t, i) => colOf.set(t, i));
  const dr = new Int32Array(votes.length);
  const dc = new Int32Array(votes.length);
  const dv = new Int8Array(votes.length);
  let nd = 0;
  for (const v of votes) {
    let r = rowOf.get(v.pid);
    if (r === undefined) {
      if (pids.length >= MAX_PARTICIPANTS) continue;
      r = pids.length;
      pids.push(v.pid);
      rowOf.set(v.pid, r);
    }
    let c = colOf.get(v.tid);
    if (c === undefined) {
      if (tids.length >= MAX_COMMENTS) continue;
      c = tids.length;
      tids.push(v.tid);
      colOf.set(v.tid, c);
    }
    dr[nd] = r;
    dc[nd] = c;
    dv[nd] = Math.sign(v.vote);
    nd++;
  }
  // Sort the delta by (row, col, arrival) so that the last arrival of a cell comes last.
  const order = Array.from({ length: nd }, (_, i) => i);
  order.sort((a, b) => dr[a]! - dr[b]! || dc[a]! - dc[b]! || a - b);
  return mergeDelta(m, pids, tids, order, dr, dc, dv);
}

function mergeDelta(
  m: VoteMatrix,
  pids: number[],
  tids: number[],
  order: number[],
  dr: Int32Array,
  dc: Int32Array,
  dv: Int8Array,
): VoteMatrix {
  const nRows = pids.length;
  const oldRows = m.pids.length;
  const cap = nnz(m) + order.length;
  const rowPtr = new Int32Array(nRows + 1);
  const cols = new Int32Array(cap);
  const vals = new Int8Array(cap);
  let out = 0;
  let k = 0;
  for (let r = 0; r < nRows; r++) {
    rowPtr[r] = out;
    let i = r < oldRows ? m.rowPtr[r]! : 0;
    const end = r < oldRows ? m.rowPtr[r + 1]! : 0;
    while (i < end || (k < order.length && dr[order[k]!] === r)) {
      const dIdx = k < order.length && dr[order[k]!] === r ? order[k]! : -1;
      const oc = i < end ? m.cols[i]! : Number.MAX_SAFE_INTEGER;
      const ncol = dIdx >= 0 ? dc[dIdx]! : Number.MAX_SAFE_INTEGER;
      if (oc < ncol) {
        cols[out] = oc;
        vals[out++] = m.vals[i++]!;
        continue;
      }
      // Take the last delta entry of this cell; it replaces the old one if any.
      let last = dIdx;
      k++;
      while (k < order.length && dr[order[k]!] === r && dc[order[k]!] === ncol) last = order[k++]!;
      if (oc === ncol) i++;
      cols[out] = ncol;
      vals[out++] = dv[last]!;
    }
  }
  rowPtr[nRows] = out;
  return { pids, tids, rowPtr, cols: cols.slice(0, out), vals: vals.slice(0, out) };
}
