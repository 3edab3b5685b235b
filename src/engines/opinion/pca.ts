/**
 * PCA by power iteration on the sparse centred matrix (spec 1.4-1.5). Filling a null with its column
 * mean and then centring gives 0, so only voted cells carry a value and the second component is found
 * by implicit deflation: D·v = Xc·v − (Xc·pc1)(pc1·v), never forming the dense matrix.
 */
import { denseOperator } from "./dense-operator";
import { denseProduct } from "./gram";
import type { VoteMatrix } from "./types";

/** Pol.is runs 100 iterations after the first product (pca.clj). */
export const POWER_ITERATIONS = 100;

/** A centred sparse matrix: the CSR structure of the votes with each cell's value minus its column mean. */
export interface CentredMatrix {
  nRows: number;
  nCols: number;
  rowPtr: Int32Array;
  cols: Int32Array;
  x: Float64Array;
}

/** Column means of `rating` (mod-out columns are 0 in every row, so their mean is 0). */
export function columnCenter(m: VoteMatrix, modOutCol: Uint8Array): Float64Array {
  const nCols = m.tids.length;
  const sum = new Float64Array(nCols);
  const cnt = new Float64Array(nCols);
  const nnz = m.rowPtr[m.pids.length]!;
  for (let i = 0; i < nnz; i++) {
    const c = m.cols[i]!;
    sum[c]! += m.vals[i]!;
    cnt[c]! += 1;
  }
  const center = new Float64Array(nCols);
  for (let c = 0; c < nCols; c++) center[c] = modOutCol[c] || cnt[c] === 0 ? 0 : sum[c]! / cnt[c]!;
  return center;
}

/** The centred matrix; mod-out cells are 0 − 0 and stay in the structure (they count as votes). */
export function centre(m: VoteMatrix, center: Float64Array, modOutCol: Uint8Array): CentredMatrix {
  const nnz = m.rowPtr[m.pids.length]!;
  const x = new Float64Array(nnz);
  for (let i = 0; i < nnz; i++) {
    const c = m.cols[i]!;
    x[i] = modOutCol[c] ? 0 : m.vals[i]! - center[c]!;
  }
  return { nRows: m.pids.length, nCols: m.tids.length, rowPtr: m.rowPtr, cols: m.cols, x };
}

/**
 * out = Dᵀ·D·v where D = Xc minus the projections on `deflate` (each with its precomputed Xc·pc).
 * One pass over the rows: each row's dot product is scattered back while the row is in cache.
 */
export function gramProduct(
  a: CentredMatrix,
  v: Float64Array,
  out: Float64Array,
  deflate: ReadonlyArray<{ pc: Float64Array; xpc: Float64Array }>,
): void {
  out.fill(0);
  const { rowPtr, cols, x, nRows } = a;
  const dots = deflate.map((d) => dot(d.pc, v));
  const back = new Float64Array(deflate.length);
  for (let r = 0; r < nRows; r++) {
    const start = rowPtr[r]!;
    const end = rowPtr[r + 1]!;
    let s = 0;
    for (let i = start; i < end; i++) s += x[i]! * v[cols[i]!]!;
    for (let d = 0; d < deflate.length; d++) s -= deflate[d]!.xpc[r]! * dots[d]!;
    if (s === 0) continue;
    for (let i = start; i < end; i++) out[cols[i]!]! += x[i]! * s;
    for (let d = 0; d < deflate.length; d++) back[d]! += deflate[d]!.xpc[r]! * s;
  }
  for (let d = 0; d < deflate.length; d++) {
    const pc = deflate[d]!.pc;
    const b = back[d]!;
    for (let j = 0; j < out.length; j++) out[j]! -= pc[j]! * b;
  }
}

/** Xc·v for every row. */
export function rowProducts(a: CentredMatrix, v: Float64Array): Float64Array {
  const out = new Float64Array(a.nRows);
  for (let r = 0; r < a.nRows; r++) {
    let s = 0;
    for (let i = a.rowPtr[r]!; i < a.rowPtr[r + 1]!; i++) s += a.x[i]! * v[a.cols[i]!]!;
    out[r] = s;
  }
  return out;
}

/** Σ a_i·b_i. */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Euclidean length. */
export function norm(a: Float64Array): number {
  return Math.sqrt(dot(a, a));
}

/**
 * Pol.is stops only when the norm is bit-identical, which near convergence often never happens, so
 * all 101 products run; and when it does happen the vector may still be moving by ~1e-9 per product.
 * By default we also stop once the rest of the 101 products cannot move the unit vector by more than
 * this: with δ the last move and ρ the contraction of the moves (the larger of the last two ratios),
 * the remaining drift is at most δ·ρ·(1 − ρ^R)/(1 − ρ) over the R products left. That is far inside
 * the 1e-6 cosine the math is held to, and at the level of Pol.is's own early stop. A move below
 * `tolerance / 100` (rounding noise, where ρ cannot be estimated) stops too. `tolerance = 0`
 * restores the exact rule.
 */
export const STOP_TOLERANCE = 1e-9;

/** Work counters a caller may pass in to explain timings (products of the operator, per component). */
export interface PcaStats {
  products: number[];
}

/**
 * Pol.is's power iteration: up to 100 iterations (101 products) of v ← op(v)/‖op(v)‖, stopping early
 * when the norm is exactly unchanged (or, with a tolerance, when v barely moves). A zero product (no
 * variance left) yields the zero vector.
 */
export function powerIteration(
  op: (v: Float64Array, out: Float64Array) => void,
  start: Float64Array,
  tolerance = STOP_TOLERANCE,
  iters = POWER_ITERATIONS,
  onProduct?: () => void,
): Float64Array {
  let v = Float64Array.from(start);
  let w = new Float64Array(v.length);
  let eig = 0;
  let lastMove = Infinity;
  let lastRatio = Infinity;
  for (let iter = iters; ; iter--) {
    op(v, w);
    onProduct?.();
    const e = norm(w);
    if (e === 0) return new Float64Array(v.length);
    let moved = 0;
    for (let j = 0; j < w.length; j++) {
      w[j]! /= e;
      moved += (w[j]! - v[j]!) ** 2;
    }
    if (iter === 0 || e === eig) return w;
    // The first move compares with the unnormalised start, so it starts no ratio: ρ is estimated
    // from the third product on (Infinity until then).
    const move = Math.sqrt(moved);
    const ratio = move / lastMove;
    if (tolerance > 0 && (move < tolerance / 100 || remainingDrift(move, Math.max(ratio, lastRatio), iter) < tolerance)) return w;
    lastRatio = lastMove === Infinity ? Infinity : ratio;
    lastMove = iter === iters ? Infinity : move;
    eig = e;
    [v, w] = [w, v];
  }
}

/** Bound on the further moves of a geometric sequence: `move`·ρ + … + `move`·ρ^`left` (∞ when ρ ≥ 1). */
export function remainingDrift(move: number, rho: number, left: number): number {
  if (!(rho < 1)) return Infinity;
  return (move * rho * (1 - rho ** left)) / (1 - rho);
}

function counter(stats: PcaStats | undefined, k: number): (() => void) | undefined {
  if (!stats) return undefined;
  stats.products[k] = 0;
  return () => {
    stats.products[k]!++;
  };
}

/** A deflation level: a component and D·pc for it. */
export interface Deflation {
  pc: Float64Array;
  xpc: Float64Array;
}

/** What the sparse power iteration needs of a centred matrix (plain or coded form). */
export interface SparseOperator {
  nCols: number;
  /** out = DᵀD·v for the given deflation levels. */
  gram(v: Float64Array, out: Float64Array, deflate: readonly Deflation[]): void;
  /** Xc·v for every row. */
  rows(v: Float64Array): Float64Array;
  /** Frees what the operator holds (a helper thread); it is not used afterwards. */
  close?(): void;
}

/** The straightforward operator on a `CentredMatrix`. */
export function centredOperator(a: CentredMatrix): SparseOperator {
  return { nCols: a.nCols, gram: (v, out, deflate) => gramProduct(a, v, out, deflate), rows: (v) => rowProducts(a, v) };
}

/** The first `nComps` components of the centred matrix, warm-started from `starts` (all-ones if absent). */
export function sparsePca(
  a: CentredMatrix | SparseOperator,
  nComps: number,
  starts: ReadonlyArray<Float64Array | undefined>,
  tolerance = STOP_TOLERANCE,
  stats?: PcaStats,
): Float64Array[] {
  const op = "gram" in a ? a : centredOperator(a);
  const comps: Float64Array[] = [];
  const deflate: Deflation[] = [];
  for (let k = 0; k < nComps; k++) {
    const start = starts[k] ?? new Float64Array(op.nCols).fill(1);
    const pc = powerIteration((v, out) => op.gram(v, out, deflate), start, tolerance, POWER_ITERATIONS, counter(stats, k));
    comps.push(pc);
    if (k + 1 < nComps) deflate.push({ pc, xpc: deflatedRowProducts(op, pc, deflate) });
  }
  return comps;
}

/** D·pc for the current deflation level (needed to deflate the next level). */
function deflatedRowProducts(op: SparseOperator, pc: Float64Array, deflate: readonly Deflation[]): Float64Array {
  const out = op.rows(pc);
  for (const d of deflate) {
    const s = dot(d.pc, pc);
    for (let r = 0; r < out.length; r++) out[r]! -= d.xpc[r]! * s;
  }
  return out;
}

/**
 * The same two components from G = XcᵀXc (see gram.ts): the second one deflates implicitly,
 * DᵀD·v = G·v − g(pc·v) − pc(g·v) + pc·λ(pc·v) with g = G·pc and λ = pc·g.
 */
export function densePca(
  gm: Float64Array,
  n: number,
  nComps: number,
  starts: ReadonlyArray<Float64Array | undefined>,
  tolerance = STOP_TOLERANCE,
  stats?: PcaStats,
  threads = false,
): Float64Array[] {
  const dense = denseOperator(gm, n, threads);
  try {
    return densePcaWith(dense.product, gm, n, nComps, starts, tolerance, stats);
  } finally {
    dense.close();
  }
}

function densePcaWith(
  product: (v: Float64Array, out: Float64Array) => void,
  gm: Float64Array,
  n: number,
  nComps: number,
  starts: ReadonlyArray<Float64Array | undefined>,
  tolerance: number,
  stats: PcaStats | undefined,
): Float64Array[] {
  const comps: Float64Array[] = [];
  let defl: { pc: Float64Array; g: Float64Array; lambda: number } | null = null;
  for (let k = 0; k < Math.min(nComps, 2); k++) {
    const d = defl;
    const op = (v: Float64Array, out: Float64Array): void => {
      product(v, out);
      if (!d) return;
      const pv = dot(d.pc, v);
      const gv = dot(d.g, v);
      for (let j = 0; j < n; j++) out[j]! += -d.g[j]! * pv - d.pc[j]! * gv + d.pc[j]! * d.lambda * pv;
    };
    const pc = powerIteration(op, starts[k] ?? new Float64Array(n).fill(1), tolerance, POWER_ITERATIONS, counter(stats, k));
    comps.push(pc);
    const g = new Float64Array(n);
    denseProduct(gm, pc, g);
    defl = { pc, g, lambda: dot(pc, g) };
  }
  return comps;
}
