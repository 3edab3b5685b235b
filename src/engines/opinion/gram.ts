/**
 * Second-moment form of the PCA (same iteration, fewer flops): G = XcᵀXc is assembled from three
 * integer moment matrices of the raw votes, which a new vote updates in O(votes of its participant):
 *   S_jk = Σ v_j·v_k,  T_jk = Σ v_j,  C_jk = Σ 1   (over participants who voted on both j and k)
 *   G_jk = S_jk − c_k·T_jk − c_j·T_kj + c_j·c_k·C_jk
 * The moments are exact integers, so incremental and from-scratch moments are identical. Used while
 * comments are few enough for an N×N matrix (Pol.is's cap of 10,000 comments is not).
 */
import { balancedChunks, bindHelper, helperWanted, Kernel, sharedF64, sharedI32 } from "./helper";
import type { VoteMatrix } from "./types";

/**
 * The moments, row-major N×N over the matrix's columns, interleaved as [S, T, C, T'] per entry so
 * that one vote pair touches one cache line. Only the upper triangle (j ≤ k) is kept: S and C are
 * symmetric and T' at (j, k) is T at (k, j), so (j, k) holds everything about the pair, and a new
 * vote updates each pair once (a full matrix would also need a scattered column update).
 * Plain typed arrays: part of the state.
 */
export interface GramMoments {
  /** Layout version: moments of an older layout (full matrix, or without T') are rebuilt, not read. */
  layout: 3;
  n: number;
  M: Int32Array;
}

const STRIDE = 4;

/** Above this many comments the N×N moments (16·N² bytes, 36·N² while built) cost too much memory. */
export const GRAM_MAX_COLS = 1500;

function zeros(n: number): GramMoments {
  return { layout: 3, n, M: new Int32Array(n * n * STRIDE) };
}

/** S, T and C at (j, k), and T' (T at (k, j)), for tests and for readers. */
export function momentAt(g: GramMoments, j: number, k: number): { S: number; T: number; C: number; Tt: number } {
  const i = (Math.min(j, k) * g.n + Math.max(j, k)) * STRIDE;
  const [T, Tt] = j <= k ? [g.M[i + 1]!, g.M[i + 3]!] : [g.M[i + 3]!, g.M[i + 1]!];
  return { S: g.M[i]!, T, C: g.M[i + 2]!, Tt };
}

/**
 * Moments of all rows, from scratch. The hot loop visits every pair of a participant's votes
 * (Σ n_p² / 2 pairs), so it does one thing per pair: count it in one of nine planes by the two
 * votes' kinds (agree, disagree, pass), at (j, k) with j ≤ k. S, T and C are sums of those counts.
 */
export function buildMoments(m: VoteMatrix, threads = false): GramMoments {
  const n = m.tids.length;
  const { rowPtr, cols, vals } = m;
  const nRows = m.pids.length;
  const total = rowPtr[nRows]!;
  const shared = threads && helperWanted();
  const K = shared ? sharedI32(n * n * 9) : new Int32Array(n * n * 9);
  const code = shared ? sharedI32(total) : new Int32Array(total);
  for (let i = 0; i < total; i++) code[i] = cols[i]! * 9 + (vals[i]! + 1);
  const rows = shared ? sharedI32(nRows + 1) : rowPtr;
  if (shared) rows.set(rowPtr.subarray(0, nRows + 1));
  const helper = shared ? bindHelper({ K, code, rowPtr: rows, meta: Int32Array.of(n, nRows, MOMENT_BLOCK_BYTES) }) : null;
  if (helper) {
    // Counts are integers: any split and order gives the same moments. Chunks are ranges of first
    // columns with about as many pairs each.
    try {
      helper.run(Kernel.Pairs, pairChunks(m, 8), (j0, j1) => countPairs(K, code, rows, nRows, n, j0, j1, MOMENT_BLOCK_BYTES));
    } finally {
      helper.release();
    }
  } else countPairs(K, code, rows, nRows, n, 0, n, MOMENT_BLOCK_BYTES);
  const g = zeros(n);
  const M = g.M;
  // Kind index x = vote + 1: 0 agree (−1), 1 pass, 2 disagree (+1).
  for (let j = 0; j < n; j++) {
    for (let k = j; k < n; k++) {
      const c = (j * n + k) * 9;
      let S = 0;
      let C = 0;
      let Tj = 0;
      let Tk = 0;
      for (let xa = 0; xa < 3; xa++) {
        for (let xb = 0; xb < 3; xb++) {
          const cnt = K[c + xa * 3 + xb]!;
          C += cnt;
          S += (xa - 1) * (xb - 1) * cnt;
          Tj += (xa - 1) * cnt;
          Tk += (xb - 1) * cnt;
        }
      }
      const up = (j * n + k) * STRIDE;
      M[up] = S;
      M[up + 1] = Tj;
      M[up + 2] = C;
      M[up + 3] = Tk;
    }
  }
  return g;
}

/** Bytes of K whose rows are kept hot at once (half of a 1 MB L2). */
const MOMENT_BLOCK_BYTES = 524_288;

/**
 * Counts every pair (a, b ≥ a) of a row's cells whose first cell's column is in [j0, j1), into K at
 * (col a, col b, kind a, kind b); `code` = col·9 + kind. Column blocks: a heavy voter's pairs would
 * otherwise sweep all of K (tens of MB) once per vote; taking the first cell from one block at a time
 * keeps the touched rows of K in cache. `pos` remembers where each row stands (columns are sorted
 * within a row). The helper thread runs the same loop (helper.ts).
 */
export function countPairs(K: Int32Array, code: Int32Array, rowPtr: Int32Array, nRows: number, n: number, j0: number, j1: number, blockBytes: number): void {
  const block = Math.max(1, Math.floor(blockBytes / (n * 36)));
  const pos = new Int32Array(nRows);
  const first = j0 * 9;
  for (let r = 0; r < nRows; r++) {
    // First cell of the row with column ≥ j0 (columns are sorted within a row).
    let lo = rowPtr[r]!;
    let hi = rowPtr[r + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (code[mid]! < first) lo = mid + 1;
      else hi = mid;
    }
    pos[r] = lo;
  }
  for (let b0 = j0; b0 < j1; b0 += block) {
    const lim = Math.min(b0 + block, j1) * 9;
    for (let r = 0; r < nRows; r++) {
      const end = rowPtr[r + 1]!;
      let a = pos[r]!;
      for (; a < end && code[a]! < lim; a++) {
        const ca = code[a]!;
        const off = ((ca / 9) | 0) * n * 9 + (ca % 9) * 3;
        for (let b = a; b < end; b++) K[off + code[b]!]!++;
      }
      pos[r] = a;
    }
  }
}

/** Ranges of first columns with about as many vote pairs each. */
function pairChunks(m: VoteMatrix, chunks: number): number[] {
  const n = m.tids.length;
  const before = new Float64Array(n + 1);
  const { rowPtr, cols } = m;
  for (let r = 0; r < m.pids.length; r++) {
    const end = rowPtr[r + 1]!;
    for (let i = rowPtr[r]!; i < end; i++) before[cols[i]! + 1]! += end - i;
  }
  for (let j = 0; j < n; j++) before[j + 1]! += before[j]!;
  return balancedChunks(n, chunks, (j) => before[j]!);
}

/**
 * Adds sign·φ(a, b) for every a in A, b in B (every b after a when `triangle`: A = B, each unordered
 * pair once, the diagonal included), at (min col, max col) with T and T' oriented to that entry.
 */
function addPairs(g: GramMoments, sign: number, a: Cells, b: Cells, triangle: boolean): void {
  const { n, M } = g;
  for (let i = 0; i < a.length; i++) {
    const ca = a.cols[i]!;
    const va = a.vals[i]!;
    for (let k = triangle ? i : 0; k < b.length; k++) {
      const cb = b.cols[k]!;
      const vb = b.vals[k]!;
      const idx = (ca <= cb ? ca * n + cb : cb * n + ca) * STRIDE;
      M[idx]! += sign * va * vb;
      M[idx + 1]! += sign * (ca <= cb ? va : vb);
      M[idx + 2]! += sign;
      M[idx + 3]! += sign * (ca <= cb ? vb : va);
    }
  }
}

/** Cells of one row (columns and votes), in reusable typed arrays. */
class Cells {
  cols: Int32Array;
  vals: Int8Array;
  length = 0;
  constructor(capacity: number) {
    this.cols = new Int32Array(capacity);
    this.vals = new Int8Array(capacity);
  }
  push(c: number, v: number): void {
    this.cols[this.length] = c;
    this.vals[this.length++] = v;
  }
}

/** Copies moments into a larger column count (new comments get empty rows and columns). */
function grow(g: GramMoments, n: number): GramMoments {
  if (g.n === n) return { layout: 3, n, M: g.M.slice() };
  const out = zeros(n);
  for (let j = 0; j < g.n; j++) out.M.set(g.M.subarray(j * g.n * STRIDE, (j + 1) * g.n * STRIDE), j * n * STRIDE);
  return out;
}

/**
 * Moments of `next` from those of `prev` (not modified): only `touchedRows` differ. With U the
 * unchanged cells of a row and Q its changed ones, the row's change over unordered pairs is
 * (U×Qn + Qn×Qn) − (U×Qo + Qo×Qo).
 */
export function updateMoments(g: GramMoments, prev: VoteMatrix, next: VoteMatrix, touchedRows: Int32Array): GramMoments {
  const n = next.tids.length;
  const out = grow(g, n);
  const u = new Cells(n);
  const qo = new Cells(n);
  const qn = new Cells(n);
  for (const r of touchedRows) {
    u.length = qo.length = qn.length = 0;
    let i = r < prev.pids.length ? prev.rowPtr[r]! : 0;
    const iEnd = r < prev.pids.length ? prev.rowPtr[r + 1]! : 0;
    for (let k = next.rowPtr[r]!; k < next.rowPtr[r + 1]!; k++) {
      const c = next.cols[k]!;
      const v = next.vals[k]!;
      // Votes are never deleted, so every old cell is still present in the new row.
      if (i < iEnd && prev.cols[i] === c) {
        const old = prev.vals[i++]!;
        if (old === v) {
          u.push(c, v);
          continue;
        }
        qo.push(c, old);
      }
      qn.push(c, v);
    }
    addPairs(out, 1, u, qn, false);
    addPairs(out, 1, qn, qn, true);
    addPairs(out, -1, u, qo, false);
    addPairs(out, -1, qo, qo, true);
  }
  return out;
}

/** G = XcᵀXc for the given centre; rows and columns of mod-out comments are 0. `shared`: in shared memory. */
export function gramMatrix(g: GramMoments, center: Float64Array, modOutCol: Uint8Array, shared = false): Float64Array {
  const { n, M } = g;
  const out = shared ? sharedF64(n * n) : new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    if (modOutCol[j]) continue;
    const cj = center[j]!;
    const base = j * n;
    for (let k = j; k < n; k++) {
      if (modOutCol[k]) continue;
      const ck = center[k]!;
      const i = (base + k) * STRIDE;
      const x = M[i]! - ck * M[i + 1]! - cj * M[i + 3]! + cj * ck * M[i + 2]!;
      out[base + k] = x;
      out[k * n + j] = x;
    }
  }
  return out;
}

/**
 * out = G·v for a dense N×N matrix. Four independent sums per row keep the multiply-add pipeline
 * full (measured ~1.5x faster than one running sum, and faster than reading only half of G).
 */
export function denseProduct(gm: Float64Array, v: Float64Array, out: Float64Array): void {
  denseRows(gm, v, out, 0, v.length);
}

/** Rows [j0, j1) of `denseProduct`. */
export function denseRows(gm: Float64Array, v: Float64Array, out: Float64Array, j0: number, j1: number): void {
  const n = v.length;
  for (let j = j0; j < j1; j++) {
    const base = j * n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let k = 0;
    for (; k + 3 < n; k += 4) {
      s0 += gm[base + k]! * v[k]!;
      s1 += gm[base + k + 1]! * v[k + 1]!;
      s2 += gm[base + k + 2]! * v[k + 2]!;
      s3 += gm[base + k + 3]! * v[k + 3]!;
    }
    for (; k < n; k++) s0 += gm[base + k]! * v[k]!;
    out[j] = s0 + s1 + (s2 + s3);
  }
}

/** Column means of `rating` from the diagonal (T_jj / C_jj); 0 for mod-out and unvoted columns. */
export function momentCenter(g: GramMoments, modOutCol: Uint8Array): Float64Array {
  const out = new Float64Array(g.n);
  for (let j = 0; j < g.n; j++) {
    const i = (j * g.n + j) * STRIDE;
    out[j] = modOutCol[j] || g.M[i + 2] === 0 ? 0 : g.M[i + 1]! / g.M[i + 2]!;
  }
  return out;
}

/** Agree / disagree / seen counts per column from the diagonal: S_jj = na + nd, T_jj = nd − na. */
export function momentTotals(g: GramMoments): Array<{ na: number; nd: number; ns: number }> {
  return Array.from({ length: g.n }, (_, j) => {
    const i = (j * g.n + j) * STRIDE;
    const S = g.M[i]!;
    const T = g.M[i + 1]!;
    return { na: (S - T) / 2, nd: (S + T) / 2, ns: g.M[i + 2]! };
  });
}
