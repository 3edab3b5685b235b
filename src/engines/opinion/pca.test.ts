import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyVotes, emptyMatrix } from "./matrix";
import { referencePca, referenceProjection, type DenseRating } from "./pca-reference";
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
        if (refNorm > 0.5) expect(Math.abs(cosine(comps[0]!, ref.comps[0]!))).toBeGreaterThan(1 - 1e-6);
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
