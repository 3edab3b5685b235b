import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyVotes, emptyMatrix } from "./matrix";
import { POWER_ITERATIONS } from "./pca";
import { meanFill, referencePca, referenceProjection, type DenseRating } from "./pca-reference";
import { projectComments, projectParticipants, runPca } from "./projection";
import { denseVotes } from "./test-helpers";

const cosine = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return ab / Math.sqrt(aa * bb);
};

function sparse(rows: DenseRating, modOut: number[] = []) {
  const m = applyVotes(emptyMatrix(), denseVotes(rows));
  const modOutCol = Uint8Array.from(m.tids, (t) => (modOut.includes(t) ? 1 : 0));
  return { m, modOutCol, ...runPca(m, modOutCol, []) };
}

/** The reference's Gram matrix and its power iterates from all-ones, each marked when its product's norm ties the last to ~4 ulps. */
function referenceIterates(rows: DenseRating, nCols: number): { gram: number[][]; iterates: Array<{ v: number[]; tie: boolean }>; firstNorm: number } {
  const { center, filled } = meanFill(rows, nCols);
  const data = filled.map((r) => r.map((x, j) => x - center[j]!));
  const gram = Array.from({ length: nCols }, (_, i) => Array.from({ length: nCols }, (_, j) => data.reduce((s, r) => s + r[i]! * r[j]!, 0)));
  let v = new Array<number>(nCols).fill(1);
  let last = 0;
  let firstNorm = -1;
  const iterates: Array<{ v: number[]; tie: boolean }> = [];
  for (let k = 0; k <= POWER_ITERATIONS; k++) {
    const w = gram.map((g) => g.reduce((s, x, j) => s + x * v[j]!, 0));
    const e = Math.hypot(...w);
    if (firstNorm < 0) firstNorm = e;
    if (e === 0) break;
    v = w.map((x) => x / e);
    iterates.push({ v, tie: Math.abs(e - last) <= 4 * Number.EPSILON * e });
    last = e;
  }
  return { gram, iterates, firstNorm };
}

/** vᵀGv / vᵀv and the relative residual ‖Gv − λv‖ / ‖λv‖. */
function rayleigh(gram: number[][], v: ArrayLike<number>): { value: number; residual: number } {
  const x = Array.from(v);
  const gx = gram.map((g) => g.reduce((s, y, j) => s + y * x[j]!, 0));
  const vv = x.reduce((s, y) => s + y * y, 0);
  const value = x.reduce((s, y, j) => s + y * gx[j]!, 0) / vv;
  return { value, residual: Math.hypot(...gx.map((g, j) => g - value * x[j]!)) / Math.abs(value * Math.sqrt(vv)) };
}

describe("PCA", () => {
  it("finds the components of a hand-checked matrix", () => {
    // Columns a and b always agree with each other, c is independent: XᵀX = [[4,4,0],[4,4,0],[0,0,4]],
    // so pc1 = (1,1,0)/√2 (eigenvalue 8) and pc2 = (0,0,1) (eigenvalue 4); the centre is 0.
    const rows: DenseRating = [
      [-1, -1, 1],
      [1, 1, -1],
      [-1, -1, -1],
      [1, 1, 1],
    ];
    const { m, center, comps } = sparse(rows);
    expect(Array.from(center)).toEqual([0, 0, 0]);
    // Pol.is stops once the norm is exactly unchanged, which happens while the c part is still ~1e-9.
    [Math.SQRT1_2, Math.SQRT1_2, 0].forEach((x, j) => expect(comps[0]![j]).toBeCloseTo(x, 8));
    [0, 0, 1].forEach((x, j) => expect(Math.abs(comps[1]![j]!)).toBeCloseTo(x, 8));
    const proj = projectParticipants(m, center, comps, new Uint8Array(3));
    expect(proj.x[0]).toBeCloseTo(-Math.SQRT2, 8);
    expect(Math.abs(proj.y[0]!)).toBeCloseTo(1, 8);
  });

  it("returns a zero component when the all-ones start is orthogonal to every direction (Pol.is quirk)", () => {
    const { comps } = sparse([
      [-1, 1],
      [1, -1],
    ]);
    expect(Array.from(comps[0]!)).toEqual([0, 0]);
  });

  it("matches the dense reference on a small matrix with gaps", () => {
    const rows: DenseRating = [
      [-1, 1, null, 0, -1],
      [-1, null, 1, 1, -1],
      [1, -1, -1, null, 0],
      [null, -1, -1, 1, 1],
      [0, 1, 1, -1, null],
      [1, 1, null, -1, -1],
    ];
    const { m, center, comps } = sparse(rows);
    const ref = referencePca(rows, 5);
    ref.center.forEach((c, j) => expect(center[j]).toBeCloseTo(c, 14));
    for (let k = 0; k < 2; k++) expect(Math.abs(cosine(comps[k]!, ref.comps[k]!))).toBeGreaterThan(1 - 1e-9);
    const proj = projectParticipants(m, center, comps, new Uint8Array(5));
    const refProj = referenceProjection(rows, ref.center, ref.comps);
    // Rows are in the order first seen (pid 3 first votes on the second comment).
    expect(m.pids).toEqual([0, 1, 2, 4, 5, 3]);
    // Pol.is's stop (norm bit-identical) comes while the vector still moves by ~1e-9 per product, at
    // an iteration that depends on rounding; 7 digits is what any summation order can promise.
    refProj.forEach(([x, y], pid) => {
      const r = m.pids.indexOf(pid);
      expect(proj.x[r]).toBeCloseTo(x, 7);
      expect(proj.y[r]).toBeCloseTo(y, 7);
    });
  });

  it("matches the dense reference on random matrices (property)", () => {
    const cell = fc.oneof(fc.constant(null), fc.constantFrom(-1, 0, 1));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 6, maxLength: 6 }), { minLength: 3, maxLength: 12 }), (grid) => {
        const rows = grid.map((r, i) => r.map((v, j) => (i === 0 || j === 0 ? (v ?? ((i + j) % 3) - 1) : v)));
        const { center, comps } = sparse(rows);
        const ref = referencePca(rows, 6);
        ref.center.forEach((c, j) => expect(Math.abs(center[j]! - c)).toBeLessThan(1e-12));
        // Compare the spans' first axis only when the reference converged to a clear direction.
        const refNorm = Math.hypot(...ref.comps[0]!);
        if (refNorm <= 0.5 || Math.abs(cosine(comps[0]!, ref.comps[0]!)) > 1 - 1e-6) return;
        const { gram, iterates, firstNorm } = referenceIterates(rows, 6);
        // G·1 ≈ 0 (the all-ones start orthogonal to the data): what is left is rounding (~1e-16), which
        // either sum grows into an arbitrary axis, or exactly 0 (Pol.is's zero component, tested above).
        if (firstNorm < 1e-12) return;
        const mine = rayleigh(gram, comps[0]!);
        const theirs = rayleigh(gram, ref.comps[0]!);
        // The same when the top axis is orthogonal to the start (1·pc ≈ 0): only rounding brings it in,
        // and the two sums bring it in at different iterations, or not at all.
        const top = mine.value > theirs.value ? comps[0]! : ref.comps[0]!;
        if (Math.abs(Array.from(top).reduce((x, y) => x + y, 0)) < 1e-6) return;
        // Neither converged in 100 iterations (the top axis came in late from a start almost orthogonal
        // to it): the last iterate is mid-turn, where rounding differences are amplified.
        if (mine.residual > 1e-6 && theirs.residual > 1e-6) return;
        // A repeated top eigenvalue has no single axis: rounding picks one; both must be its eigenvectors.
        if (mine.residual < 1e-6 && Math.abs(mine.value - theirs.value) < 1e-9 * mine.value) return;
        // Pol.is stops when a product's norm equals the last one exactly. When two early norms agree
        // to the last bits (a 3×6 matrix found by this property had ‖G·1‖ = ‖G·v₁‖ = √5.25), the
        // summation order decides whether that stop happens: the engine's vector must then be the
        // reference's iterate at such a near-tie, never an arbitrary one.
        const ties = iterates.filter((it) => it.tie).map((it) => it.v);
        expect(ties.some((v) => Math.abs(cosine(comps[0]!, v)) > 1 - 1e-9)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("counts mod-out cells as votes in the sparsity scaling and zeroes their columns", () => {
    const rows: DenseRating = [
      [-1, 1, -1, 1],
      [-1, 1, 1, null],
      [1, -1, null, -1],
      [1, null, 1, -1],
    ];
    const { m, center, comps, modOutCol } = sparse(rows, [3]);
    expect(center[3]).toBe(0);
    expect(comps[0]![3]).toBe(0);
    // The reference sees column 3 as all zeros (rating), so its n_p counts it for everyone.
    const rating = rows.map((r) => r.map((v, j) => (j === 3 ? 0 : v)));
    const ref = referencePca(rating, 4);
    const refProj = referenceProjection(rating, ref.center, ref.comps);
    const proj = projectParticipants(m, center, comps, modOutCol);
    const s0 = Math.sign(cosine(comps[0]!, ref.comps[0]!));
    refProj.forEach(([x], pid) => expect(proj.x[m.pids.indexOf(pid)]! * s0).toBeCloseTo(x, 7));
  });

  it("handles one participant and one comment like pca.clj", () => {
    const one = sparse([[-1, 1, null, 0]]);
    expect(Array.from(one.center)).toEqual([0, 0, 0]);
    [-Math.SQRT1_2, Math.SQRT1_2, 0].forEach((x, j) => expect(one.comps[0]![j]).toBeCloseTo(x, 15));
    const col = sparse([[-1], [1], [0]]);
    expect(col.comps.map((c) => Array.from(c))).toEqual([[1]]);
    const proj = projectParticipants(col.m, col.center, col.comps, new Uint8Array(1));
    expect(Array.from(proj.x)).toEqual([0, 0, 0]);
  });

  it("projects a comment as one synthetic agree vote", () => {
    const { projection, extremity } = projectComments(Float64Array.of(0.5, 0), [Float64Array.of(0.6, 0.8), Float64Array.of(0.8, -0.6)]);
    // sqrt(2)·(−1 − 0.5)·(0.6, 0.8) and sqrt(2)·(−1)·(0.8, −0.6)
    expect(projection[0][0]).toBeCloseTo(Math.SQRT2 * -1.5 * 0.6, 14);
    expect(projection[1][1]).toBeCloseTo(Math.SQRT2 * -1 * -0.6, 14);
    expect(extremity[1]).toBeCloseTo(Math.SQRT2, 14);
  });
});
