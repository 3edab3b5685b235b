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
  // Two stable counting sorts (by column, then by row) order the delta by cell and keep arrival order
  // within a cell, so the merge below is linear and the last vote on a cell is the last of its run.
  // They move the cells themselves, so that the merge reads them in order.
  const nRows = pids.length;
  const nCols = tids.length;
  const colStart = new Int32Array(nCols + 1);
  for (let i = 0; i < nd; i++) colStart[dc[i]! + 1]!++;
  for (let c = 0; c < nCols; c++) colStart[c + 1]! += colStart[c]!;
  const byColRow = new Int32Array(nd);
  const byColVal = new Int8Array(nd);
  const fillCol = colStart.slice(0, nCols);
  for (let i = 0; i < nd; i++) {
    const q = fillCol[dc[i]!]!++;
    byColRow[q] = dr[i]!;
    byColVal[q] = dv[i]!;
  }
  const start = new Int32Array(nRows + 1);
  for (let i = 0; i < nd; i++) start[dr[i]! + 1]!++;
  for (let r = 0; r < nRows; r++) start[r + 1]! += start[r]!;
  const fillRow = start.slice(0, nRows);
  const deltaCol = new Int32Array(nd);
  const deltaVal = new Int8Array(nd);
  for (let c = 0; c < nCols; c++) {
    for (let q = colStart[c]!; q < colStart[c + 1]!; q++) {
      const k = fillRow[byColRow[q]!]!++;
      deltaCol[k] = c;
      deltaVal[k] = byColVal[q]!;
    }
  }
  return mergeDelta(m, pids, start, deltaCol, deltaVal, tids);
}

/** Merges each row's old cells with its delta (`start` per row; cells by column, then arrival). */
function mergeDelta(m: VoteMatrix, pids: number[], start: Int32Array, dc: Int32Array, dv: Int8Array, tids: number[]): AppliedVotes {
  const nRows = pids.length;
  const oldRows = m.pids.length;
  const cap = nnz(m) + dc.length;
  const rowPtr = new Int32Array(nRows + 1);
  const cols = new Int32Array(cap);
  const vals = new Int8Array(cap);
  const touched: number[] = [];
  const { cols: oCols, vals: oVals } = m;
  let out = 0;
  for (let r = 0; r < nRows; r++) {
    let k = start[r]!;
    if (k === start[r + 1]! && r < oldRows) {
      // A run of old rows without new votes is copied in one go, shifted by `out − old start`.
      let e = r + 1;
      while (e < oldRows && start[e] === start[e + 1]) e++;
      const oStart = m.rowPtr[r]!;
      const oEnd = m.rowPtr[e]!;
      const shift = out - oStart;
      for (let q = r; q < e; q++) rowPtr[q] = m.rowPtr[q]! + shift;
      cols.set(oCols.subarray(oStart, oEnd), out);
      vals.set(oVals.subarray(oStart, oEnd), out);
      out += oEnd - oStart;
      r = e - 1;
      continue;
    }
    rowPtr[r] = out;
    const oStart = r < oldRows ? m.rowPtr[r]! : 0;
    const oEnd = r < oldRows ? m.rowPtr[r + 1]! : 0;
    const dEnd = start[r + 1]!;
    if (k === dEnd) continue; // a new row without votes cannot happen (rows come from votes)
    touched.push(r);
    let i = oStart;
    while (k < dEnd) {
      const nc = dc[k]!;
      // The last delta vote on this cell wins.
      while (k + 1 < dEnd && dc[k + 1] === nc) k++;
      const nv = dv[k++]!;
      while (i < oEnd && oCols[i]! < nc) {
        cols[out] = oCols[i]!;
        vals[out++] = oVals[i++]!;
      }
      if (i < oEnd && oCols[i] === nc) i++; // a re-vote replaces the old vote
      cols[out] = nc;
      vals[out++] = nv;
    }
    while (i < oEnd) {
      cols[out] = oCols[i]!;
      vals[out++] = oVals[i++]!;
    }
  }
  rowPtr[nRows] = out;
  // Re-votes leave slack at the end; a view avoids copying 10 MB per tick (it is cloned whole, a few
  // bytes per re-vote more).
  const matrix = { pids, tids, rowPtr, cols: cols.subarray(0, out), vals: vals.subarray(0, out) };
  return { matrix, touchedRows: Int32Array.from(touched) };
}
