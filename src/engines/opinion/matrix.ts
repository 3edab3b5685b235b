/** The sparse raw vote matrix: building it and merging new votes into it (last vote on a cell wins). */
import type { VoteColumns, VoteEvent, VoteMatrix } from "./types";

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

/** Ids below this bound are indexed with a typed array instead of a Map (the common case: small ints). */
const DENSE_ID_LIMIT = 1 << 22;

/** id -> index lookup (−1 when absent) that grows as ids are added; typed-array fast path for small ids. */
export class IndexOf {
  private readonly map = new Map<number, number>();
  private dense = new Int32Array(0);
  constructor(ids: readonly number[]) {
    ids.forEach((id, i) => this.set(id, i));
  }
  get(id: number): number {
    if (Number.isInteger(id) && id >= 0 && id < DENSE_ID_LIMIT) return id < this.dense.length ? this.dense[id]! - 1 : -1;
    return this.map.get(id) ?? -1;
  }
  set(id: number, index: number): void {
    if (Number.isInteger(id) && id >= 0 && id < DENSE_ID_LIMIT) {
      if (id >= this.dense.length) {
        const grown = new Int32Array(Math.max(id + 1, this.dense.length * 2, 1024));
        grown.set(this.dense);
        this.dense = grown;
      }
      this.dense[id] = index + 1;
    } else this.map.set(id, index);
  }
}

/** A matrix after a batch, with the rows the batch touched (ascending). */
export interface AppliedVotes {
  matrix: VoteMatrix;
  touchedRows: Int32Array;
}

/**
 * Returns a new matrix with `votes` applied in order: new participants and comments are appended in
 * the order first seen, a later vote on a cell replaces the earlier one. O(nnz + votes).
 */
export function applyVotes(m: VoteMatrix, votes: readonly VoteEvent[] | VoteColumns): VoteMatrix {
  return applyVotesTracked(m, votes).matrix;
}

/** Columns of a batch given either way. */
export function voteColumns(votes: readonly VoteEvent[] | VoteColumns): VoteColumns {
  if (!Array.isArray(votes)) return votes as VoteColumns;
  const list = votes as readonly VoteEvent[];
  const pid = new Float64Array(list.length);
  const tid = new Float64Array(list.length);
  const vote = new Int8Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const v = list[i]!;
    pid[i] = v.pid;
    tid[i] = v.tid;
    vote[i] = Math.sign(v.vote);
  }
  return { pid, tid, vote };
}

/** applyVotes, also reporting which rows changed (for incremental vote moments). */
export function applyVotesTracked(m: VoteMatrix, batch: readonly VoteEvent[] | VoteColumns): AppliedVotes {
  const votes = voteColumns(batch);
  const count = votes.pid.length;
  if (count === 0) return { matrix: m, touchedRows: new Int32Array(0) };
  const pids = m.pids.slice();
  const tids = m.tids.slice();
  const rowOf = new IndexOf(pids);
  const colOf = new IndexOf(tids);
  const dr = new Int32Array(count);
  const dc = new Int32Array(count);
  const dv = new Int8Array(count);
  let nd = 0;
  for (let i = 0; i < count; i++) {
    const pid = votes.pid[i]!;
    const tid = votes.tid[i]!;
    let r = rowOf.get(pid);
    if (r < 0) {
      if (pids.length >= MAX_PARTICIPANTS) continue;
      r = pids.length;
      pids.push(pid);
      rowOf.set(pid, r);
    }
    let c = colOf.get(tid);
    if (c < 0) {
      if (tids.length >= MAX_COMMENTS) continue;
      c = tids.length;
      tids.push(tid);
      colOf.set(tid, c);
    }
    dr[nd] = r;
    dc[nd] = c;
    dv[nd] = Math.sign(votes.vote[i]!);
    nd++;
  }
  // A stable counting sort by row keeps arrival order within each row's part of the delta.
  const nRows = pids.length;
  const arrival = new Int32Array(nd);
  for (let i = 0; i < nd; i++) arrival[i] = i;
  const start = new Int32Array(nRows + 1);
  const order = countingOrder(arrival, dr, nRows, start);
  return mergeDelta(m, pids, tids, start, order, dc, dv);
}

/**
 * Stable counting sort of the indices `items` by `key[item]` in [0, nKeys); fills `start` (length
 * nKeys + 1) with each key's first position when given.
 */
function countingOrder(items: Int32Array, key: Int32Array, nKeys: number, start = new Int32Array(nKeys + 1)): Int32Array {
  for (let i = 0; i < items.length; i++) start[key[items[i]!]! + 1]!++;
  for (let k = 0; k < nKeys; k++) start[k + 1]! += start[k]!;
  const fill = start.slice(0, nKeys);
  const out = new Int32Array(items.length);
  for (let i = 0; i < items.length; i++) out[fill[key[items[i]!]!]!++] = items[i]!;
  return out;
}

function mergeDelta(m: VoteMatrix, pids: number[], tids: number[], start: Int32Array, order: Int32Array, dc: Int32Array, dv: Int8Array): AppliedVotes {
  const nRows = pids.length;
  const oldRows = m.pids.length;
  const cap = nnz(m) + order.length;
  const rowPtr = new Int32Array(nRows + 1);
  const cols = new Int32Array(cap);
  const vals = new Int8Array(cap);
  const touched: number[] = [];
  // Per row: the last delta vote of each column, and the row's distinct new columns, sorted.
  const last = new Int32Array(tids.length).fill(-1);
  const fresh = new Int32Array(tids.length);
  let out = 0;
  for (let r = 0; r < nRows; r++) {
    rowPtr[r] = out;
    const oStart = r < oldRows ? m.rowPtr[r]! : 0;
    const oEnd = r < oldRows ? m.rowPtr[r + 1]! : 0;
    const dStart = start[r]!;
    const dEnd = start[r + 1]!;
    if (dStart === dEnd) {
      cols.set(m.cols.subarray(oStart, oEnd), out);
      vals.set(m.vals.subarray(oStart, oEnd), out);
      out += oEnd - oStart;
      continue;
    }
    touched.push(r);
    let nf = 0;
    for (let k = dStart; k < dEnd; k++) {
      const e = order[k]!;
      const c = dc[e]!;
      if (last[c] === -1) fresh[nf++] = c;
      last[c] = e; // arrival order: the last one wins
    }
    const newCols = fresh.subarray(0, nf).sort();
    let i = oStart;
    let k = 0;
    while (i < oEnd || k < nf) {
      const oc = i < oEnd ? m.cols[i]! : Number.MAX_SAFE_INTEGER;
      const nc = k < nf ? newCols[k]! : Number.MAX_SAFE_INTEGER;
      if (oc < nc) {
        cols[out] = oc;
        vals[out++] = m.vals[i++]!;
        continue;
      }
      if (oc === nc) i++; // a re-vote replaces the old vote
      cols[out] = nc;
      vals[out++] = dv[last[nc]!]!;
      last[nc] = -1;
      k++;
    }
  }
  rowPtr[nRows] = out;
  // Re-votes leave slack at the end; a view avoids copying 10 MB per tick (it is cloned whole, a few
  // bytes per re-vote more).
  const matrix = { pids, tids, rowPtr, cols: cols.subarray(0, out), vals: vals.subarray(0, out) };
  return { matrix, touchedRows: Int32Array.from(touched) };
}
