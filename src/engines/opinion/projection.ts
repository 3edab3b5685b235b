/** The PCA step with Pol.is's edge cases, and the projections of participants and comments (spec 1.5-1.7). */
import { gramMatrix, momentCenter, type GramMoments } from "./gram";
import { codedMatrix, codedOperator } from "./coded";
import { PARALLEL_MIN_COLS } from "./dense-operator";
import { helperWanted } from "./helper";
import { columnCenter, densePca, norm, sparsePca, STOP_TOLERANCE, type PcaStats } from "./pca";
import type { VoteMatrix } from "./types";

export interface PcaOutcome {
  center: Float64Array;
  comps: Float64Array[];
}

/** Matrices with at least this many cells run their sparse products on two threads. */
export const PARALLEL_MIN_CELLS = 1_000_000;

/** Start vectors from the previous components (keyed by tid), padded with 1 for new comments. */
export function startVectors(tids: readonly number[], prev: ReadonlyArray<Record<number, number>>): Array<Float64Array | undefined> {
  return prev.map((comp) => Float64Array.from(tids, (t) => comp[t] ?? 1));
}

/**
 * Center and components of `rating` (all rows, mean-filled), with the 1-row and 1-column cases of
 * pca.clj. With `moments` the iteration runs on G = XcᵀXc, otherwise on the sparse matrix.
 */
export function runPca(
  m: VoteMatrix,
  modOutCol: Uint8Array,
  starts: ReadonlyArray<Float64Array | undefined>,
  moments: GramMoments | null = null,
  tolerance = STOP_TOLERANCE,
  stats?: PcaStats,
  allowThreads = false,
): PcaOutcome {
  const nRows = m.pids.length;
  const nCols = m.tids.length;
  const center = moments ? momentCenter(moments, modOutCol) : columnCenter(m, modOutCol);
  if (nRows === 0 || nCols === 0) return { center, comps: [] };
  if (nRows === 1) {
    // One participant: the component is the (mod-out-zeroed) row itself, and nothing is centred.
    const row = new Float64Array(nCols);
    for (let i = m.rowPtr[0]!; i < m.rowPtr[1]!; i++) row[m.cols[i]!] = modOutCol[m.cols[i]!] ? 0 : m.vals[i]!;
    const len = norm(row);
    if (len > 0) for (let j = 0; j < nCols; j++) row[j]! /= len;
    return { center: new Float64Array(nCols), comps: [row, new Float64Array(nCols)] };
  }
  if (nCols === 1) return { center, comps: [Float64Array.of(1)] };
  if (moments) {
    const threads = allowThreads && nCols >= PARALLEL_MIN_COLS && helperWanted();
    return { center, comps: densePca(gramMatrix(moments, center, modOutCol, threads), nCols, 2, starts, tolerance, stats, threads) };
  }
  // The helper thread pays off from about a million cells (a product then takes milliseconds).
  const threads = allowThreads && m.rowPtr[nRows]! >= PARALLEL_MIN_CELLS && helperWanted();
  const op = codedOperator(codedMatrix(m, center, modOutCol, threads), threads);
  try {
    return { center, comps: sparsePca(op, 2, starts, tolerance, stats) };
  } finally {
    op.close?.();
  }
}

/**
 * proj(p) = sqrt(N / max(n_p, 1)) · Σ_voted (r_pj − c_j)·pc_j, where n_p counts the zeroed mod-out
 * cells as votes. With fewer than two components every participant sits at the origin (Q16).
 */
export function projectParticipants(
  m: VoteMatrix,
  center: Float64Array,
  comps: readonly Float64Array[],
  modOutCol: Uint8Array,
): { x: Float64Array; y: Float64Array } {
  const n = m.pids.length;
  const nCols = m.tids.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const pc1 = comps[0];
  const pc2 = comps[1];
  if (!pc1 || !pc2) return { x, y };
  let nModOut = 0;
  for (let j = 0; j < nCols; j++) nModOut += modOutCol[j]!;
  // Each cell's two terms by (column, vote) from tables: the same products in the same order as
  // (v − c_j)·pc_j cell by cell, without a mod-out test per cell (mod-out cells add 0 and do not count).
  const t1 = new Float64Array(nCols * 3);
  const t2 = new Float64Array(nCols * 3);
  const counts = new Uint8Array(nCols);
  for (let j = 0; j < nCols; j++) {
    if (modOutCol[j]) continue;
    counts[j] = 1;
    for (let kind = 0; kind < 3; kind++) {
      const d = kind - 1 - center[j]!;
      t1[j * 3 + kind] = d * pc1[j]!;
      t2[j * 3 + kind] = d * pc2[j]!;
    }
  }
  const { rowPtr, cols, vals } = m;
  for (let r = 0; r < n; r++) {
    let s1 = 0;
    let s2 = 0;
    let votes = nModOut;
    for (let i = rowPtr[r]!; i < rowPtr[r + 1]!; i++) {
      const c = cols[i]!;
      const t = c * 3 + vals[i]! + 1;
      s1 += t1[t]!;
      s2 += t2[t]!;
      votes += counts[c]!;
    }
    const scale = Math.sqrt(nCols / Math.max(votes, 1));
    x[r] = scale * s1;
    y[r] = scale * s2;
  }
  return { x, y };
}

/** cproj_j = sqrt(N)·(−1 − c_j)·(pc1_j, pc2_j), one synthetic agree vote; extremity = its length. */
export function projectComments(center: Float64Array, comps: readonly Float64Array[]): {
  projection: [Float64Array, Float64Array];
  extremity: Float64Array;
} {
  const n = center.length;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const extremity = new Float64Array(n);
  const pc1 = comps[0];
  const pc2 = comps[1];
  if (pc1 && pc2) {
    const s = Math.sqrt(n);
    for (let j = 0; j < n; j++) {
      const d = s * (-1 - center[j]!);
      px[j] = d * pc1[j]!;
      py[j] = d * pc2[j]!;
      extremity[j] = Math.hypot(px[j]!, py[j]!);
    }
  }
  return { projection: [px, py], extremity };
}
