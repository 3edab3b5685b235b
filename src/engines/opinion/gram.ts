/**
 * Second-moment form of the PCA (same iteration, fewer flops): G = XcᵀXc is assembled from three
 * integer moment matrices of the raw votes, which a new vote updates in O(votes of its participant):
 *   S_jk = Σ v_j·v_k,  T_jk = Σ v_j,  C_jk = Σ 1   (over participants who voted on both j and k)
 *   G_jk = S_jk − c_k·T_jk − c_j·T_kj + c_j·c_k·C_jk
 * The moments are exact integers, so incremental and from-scratch moments are identical. Used while
 * comments are few enough for an N×N matrix (Pol.is's cap of 10,000 comments is not).
 */
import type { VoteMatrix } from "./types";

/** The moments, row-major N×N over the matrix's columns. Plain typed arrays: part of the state. */
export interface GramMoments {
  n: number;
  S: Int32Array;
  T: Int32Array;
  C: Int32Array;
}

/** Above this many comments the N×N matrices cost more memory than they save time. */
export const GRAM_MAX_COLS = 2500;

function zeros(n: number): GramMoments {
  return { n, S: new Int32Array(n * n), T: new Int32Array(n * n), C: new Int32Array(n * n) };
}

/** Moments of all rows, from scratch (upper triangle, then mirrored). */
export function buildMoments(m: VoteMatrix): GramMoments {
  const n = m.tids.length;
  const g = zeros(n);
  const { S, T, C } = g;
  const { rowPtr, cols, vals } = m;
  for (let r = 0; r < m.pids.length; r++) {
    const end = rowPtr[r + 1]!;
    for (let a = rowPtr[r]!; a < end; a++) {
      const ja = cols[a]!;
      const va = vals[a]!;
      const base = ja * n;
      for (let b = a; b < end; b++) {
        const jb = cols[b]!;
        const vb = vals[b]!;
        S[base + jb]! += va * vb;
        C[base + jb]!++;
        T[base + jb]! += va;
        T[jb * n + ja]! += vb;
      }
    }
  }
  for (let j = 0; j < n; j++) {
    T[j * n + j]! /= 2; // the diagonal pair was counted from both ends
    for (let k = j + 1; k < n; k++) {
      S[k * n + j] = S[j * n + k]!;
      C[k * n + j] = C[j * n + k]!;
    }
  }
  return g;
}

/** Adds sign·φ(a, b) for every a in A, b in B, at (col a, col b). */
function addPairs(g: GramMoments, sign: number, aCols: readonly number[], aVals: readonly number[], bCols: readonly number[], bVals: readonly number[]): void {
  const { n, S, T, C } = g;
  for (let i = 0; i < aCols.length; i++) {
    const base = aCols[i]! * n;
    const va = aVals[i]!;
    for (let k = 0; k < bCols.length; k++) {
      const idx = base + bCols[k]!;
      S[idx]! += sign * va * bVals[k]!;
      T[idx]! += sign * va;
      C[idx]! += sign;
    }
  }
}

/** Copies moments into a larger column count (new comments get empty rows and columns). */
function grow(g: GramMoments, n: number): GramMoments {
  if (g.n === n) return { n, S: g.S.slice(), T: g.T.slice(), C: g.C.slice() };
  const out = zeros(n);
  for (let j = 0; j < g.n; j++) {
    out.S.set(g.S.subarray(j * g.n, (j + 1) * g.n), j * n);
    out.T.set(g.T.subarray(j * g.n, (j + 1) * g.n), j * n);
    out.C.set(g.C.subarray(j * g.n, (j + 1) * g.n), j * n);
  }
  return out;
}

/**
 * Moments of `next` from those of `prev` (not modified): only `touchedRows` differ. With U the
 * unchanged cells of a row and Q its changed ones, the row's change is
 * (U×Qn + Qn×U + Qn×Qn) − (U×Qo + Qo×U + Qo×Qo).
 */
export function updateMoments(g: GramMoments, prev: VoteMatrix, next: VoteMatrix, touchedRows: Int32Array): GramMoments {
  const out = grow(g, next.tids.length);
  for (const r of touchedRows) {
    const u: number[] = [];
    const uv: number[] = [];
    const qo: number[] = [];
    const qov: number[] = [];
    const qn: number[] = [];
    const qnv: number[] = [];
    let i = r < prev.pids.length ? prev.rowPtr[r]! : 0;
    const iEnd = r < prev.pids.length ? prev.rowPtr[r + 1]! : 0;
    for (let k = next.rowPtr[r]!; k < next.rowPtr[r + 1]!; k++) {
      const c = next.cols[k]!;
      const v = next.vals[k]!;
      // Votes are never deleted, so every old cell is still present in the new row.
      if (i < iEnd && prev.cols[i] === c) {
        const old = prev.vals[i++]!;
        if (old === v) {
          u.push(c);
          uv.push(v);
          continue;
        }
        qo.push(c);
        qov.push(old);
      }
      qn.push(c);
      qnv.push(v);
    }
    addPairs(out, 1, u, uv, qn, qnv);
    addPairs(out, 1, qn, qnv, u, uv);
    addPairs(out, 1, qn, qnv, qn, qnv);
    addPairs(out, -1, u, uv, qo, qov);
    addPairs(out, -1, qo, qov, u, uv);
    addPairs(out, -1, qo, qov, qo, qov);
  }
  return out;
}

/** G = XcᵀXc for the given centre; rows and columns of mod-out comments are 0. */
export function gramMatrix(g: GramMoments, center: Float64Array, modOutCol: Uint8Array): Float64Array {
  const n = g.n;
  const out = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    if (modOutCol[j]) continue;
    const cj = center[j]!;
    const base = j * n;
    for (let k = 0; k < n; k++) {
      if (modOutCol[k]) continue;
      const ck = center[k]!;
      out[base + k] = g.S[base + k]! - ck * g.T[base + k]! - cj * g.T[k * n + j]! + cj * ck * g.C[base + k]!;
    }
  }
  return out;
}

/** out = G·v for a dense symmetric N×N matrix. */
export function denseProduct(gm: Float64Array, v: Float64Array, out: Float64Array): void {
  const n = v.length;
  for (let j = 0; j < n; j++) {
    const base = j * n;
    let s = 0;
    for (let k = 0; k < n; k++) s += gm[base + k]! * v[k]!;
    out[j] = s;
  }
}
