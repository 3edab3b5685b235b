/**
 * The straightforward PCA of spec 1.4-1.6 on a dense matrix: mean-fill, centre, power iteration on
 * XᵀX with explicit deflation of the data. Slow and obvious on purpose: the optimised sparse path is
 * tested against it.
 */
import { POWER_ITERATIONS } from "./pca";

/** Dense `rating` (null = no vote), rows = participants. */
export type DenseRating = Array<Array<number | null>>;

/** Column means over non-nulls and the mean-filled matrix. */
export function meanFill(rating: DenseRating, nCols: number): { center: number[]; filled: number[][] } {
  const center = Array.from({ length: nCols }, (_, j) => {
    const vals = rating.map((r) => r[j]).filter((v): v is number => v !== null && v !== undefined);
    return vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : 0;
  });
  return { center, filled: rating.map((r) => center.map((c, j) => r[j] ?? c)) };
}

function powerIterationDense(data: number[][], start: number[]): number[] {
  let v = start.slice();
  let eig = 0;
  for (let iter = POWER_ITERATIONS; ; iter--) {
    const w = new Array<number>(v.length).fill(0);
    for (const row of data) {
      const d = row.reduce((s, x, j) => s + x * v[j]!, 0);
      row.forEach((x, j) => (w[j]! += d * x));
    }
    const e = Math.sqrt(w.reduce((s, x) => s + x * x, 0));
    if (e === 0) return w;
    const next = w.map((x) => x / e);
    if (iter === 0 || e === eig) return next;
    eig = e;
    v = next;
  }
}

/** Center and two components of the mean-filled matrix (no edge cases: needs ≥ 2 rows and columns). */
export function referencePca(rating: DenseRating, nCols: number, starts: ReadonlyArray<number[] | undefined> = []): { center: number[]; comps: number[][] } {
  const { center, filled } = meanFill(rating, nCols);
  let data = filled.map((r) => r.map((x, j) => x - center[j]!));
  const comps: number[][] = [];
  for (let k = 0; k < 2; k++) {
    const pc = powerIterationDense(data, starts[k] ?? new Array<number>(nCols).fill(1));
    comps.push(pc);
    data = data.map((row) => {
      const d = row.reduce((s, x, j) => s + x * pc[j]!, 0);
      return row.map((x, j) => x - d * pc[j]!);
    });
  }
  return { center, comps };
}

/** proj(p) of the mean-filled row, scaled by sqrt(N / n_p). */
export function referenceProjection(rating: DenseRating, center: number[], comps: number[][]): Array<[number, number]> {
  const n = center.length;
  return rating.map((row) => {
    const voted = row.filter((v) => v !== null && v !== undefined).length;
    const p = comps.map((pc) => center.reduce((s, c, j) => s + ((row[j] ?? c) - c) * pc[j]!, 0));
    const scale = Math.sqrt(n / Math.max(voted, 1));
    return [scale * p[0]!, scale * p[1]!];
  });
}
