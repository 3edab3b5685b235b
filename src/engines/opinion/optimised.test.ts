/** Every optimised variant against its straightforward counterpart. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildMoments, momentAt, momentCenter, momentTotals, updateMoments, type GramMoments } from "./gram";
import { codedMatrix, codedOperator } from "./coded";
import { CentresByX } from "./kmeans-bounded";
import { centre, centredOperator, columnCenter, sparsePca, type Deflation } from "./pca";
import { columnTotals } from "./tallies";
import { kmeans, kmeansReference, type Points } from "./kmeans";
import { applyVotesTracked, emptyMatrix } from "./matrix";
import { runPca } from "./projection";
import { rng } from "./synthetic";
import { campVotes } from "./test-helpers";
import { computeTick, initialState } from "./tick";

const vote = fc.record({ pid: fc.nat(25), tid: fc.nat(9), vote: fc.constantFrom(-1, 0, 1) });

/** |cos| of two components; two (near-)zero components count as equal, one alone as different. */
function cosine(x: Float64Array, y: Float64Array): number {
  const nx = Math.hypot(...x);
  const ny = Math.hypot(...y);
  if (nx < 1e-6 || ny < 1e-6) return Math.abs(nx - ny) < 1e-6 ? 1 : 0;
  return Math.abs(x.reduce((acc, xj, j) => acc + xj * y[j]!, 0)) / (nx * ny);
}

describe("optimised variants", () => {
  it("incremental vote moments equal moments built from scratch (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(vote, { maxLength: 80 }), { minLength: 1, maxLength: 4 }), (batches) => {
        let m = emptyMatrix();
        let g = buildMoments(m);
        for (const votes of batches) {
          const next = applyVotesTracked(m, votes);
          g = updateMoments(g, m, next.matrix, next.touchedRows);
          m = next.matrix;
        }
        const fresh = buildMoments(m);
        expect(momentTotals(g)).toEqual(columnTotals(m));
        const noModOut = new Uint8Array(m.tids.length);
        expect(Array.from(momentCenter(g, noModOut))).toEqual(Array.from(columnCenter(m, noModOut)));
        expect(g.n).toBe(fresh.n);
        for (let j = 0; j < g.n; j++) for (let k = 0; k < g.n; k++) expect(momentAt(g, j, k)).toEqual(momentAt(fresh, j, k));
      }),
      { numRuns: 80 },
    );
  });

  it("the Gram-form PCA equals the sparse power iteration (property)", () => {
    fc.assert(
      fc.property(fc.array(vote, { minLength: 30, maxLength: 200 }), fc.nat(9), (votes, modOut) => {
        const m = applyVotesTracked(emptyMatrix(), votes).matrix;
        if (m.pids.length < 2 || m.tids.length < 2) return;
        const modOutCol = Uint8Array.from(m.tids, (t) => (t === modOut ? 1 : 0));
        const sparse = runPca(m, modOutCol, []);
        const dense = runPca(m, modOutCol, [], buildMoments(m));
        // A case whose answer is up to rounding (see the coded test below) shows as the sparse
        // iteration itself moving when its start moves by 1e-13; from there on nothing is compared.
        const nudged = (): Float64Array => Float64Array.from(m.tids, (_, j) => 1 + 1e-13 * Math.sin(j + 1));
        const moved = runPca(m, modOutCol, [nudged(), nudged()]);
        for (let k = 0; k < 2; k++) {
          if (cosine(sparse.comps[k]!, moved.comps[k]!) < 1 - 1e-9) break;
          // Rounding may stop the two at different iterations; both sit on the same axis.
          expect(cosine(sparse.comps[k]!, dense.comps[k]!)).toBeGreaterThan(1 - 1e-6);
        }
      }),
      { numRuns: 80 },
    );
  });

  it("the coded sparse products equal the straightforward ones, with and without deflation (property)", () => {
    fc.assert(
      fc.property(fc.array(vote, { minLength: 30, maxLength: 200 }), fc.nat(9), fc.integer({ min: 1, max: 1e6 }), (votes, modOut, seed) => {
        const m = applyVotesTracked(emptyMatrix(), votes).matrix;
        const modOutCol = Uint8Array.from(m.tids, (t) => (t === modOut ? 1 : 0));
        const center = columnCenter(m, modOutCol);
        const plain = centredOperator(centre(m, center, modOutCol));
        const coded = codedOperator(codedMatrix(m, center, modOutCol));
        const rand = rng(seed);
        const vec = (): Float64Array => Float64Array.from(m.tids, () => rand() * 2 - 1);
        const v = vec();
        const pc = vec();
        const deflate: Deflation[] = [{ pc, xpc: plain.rows(pc) }];
        expect(Array.from(coded.rows(pc))).toEqual(Array.from(deflate[0]!.xpc, (x) => expect.closeTo(x, 12)));
        for (const d of [[], deflate]) {
          const a = new Float64Array(m.tids.length);
          const b = new Float64Array(m.tids.length);
          plain.gram(v, a, d);
          coded.gram(v, b, d);
          const scale = Math.max(1, ...a.map(Math.abs));
          b.forEach((x, j) => expect(Math.abs(x - a[j]!) / scale).toBeLessThan(1e-12));
        }
        // Whole iterations: the same components (rounding may stop them at different products) —
        // unless the answer is up to rounding: when the top direction is (nearly) orthogonal to the
        // all-ones start (Pol.is's quirk: only rounding noise grows it), or an eigenvalue is repeated.
        // Such a case shows as the plain iteration itself moving when its start moves by 1e-13.
        const ca = sparsePca(plain, 2, []);
        const cb = sparsePca(coded, 2, []);
        const nudged = (): Float64Array => Float64Array.from(m.tids, () => 1 + 1e-13 * (rand() - 0.5));
        const cn = sparsePca(plain, 2, [nudged(), nudged()]);
        for (let k = 0; k < 2; k++) {
          if (cosine(ca[k]!, cn[k]!) < 1 - 1e-9) break; // rounding-sensitive from here on
          expect(cosine(ca[k]!, cb[k]!)).toBeGreaterThan(1 - 1e-9);
        }
      }),
      { numRuns: 80 },
    );
  });

  it("nearest-two by sorted x equals a scan of every centre in index order (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 30 }), (seed, k) => {
        const rand = rng(seed);
        // Coarse coordinates: exact ties between centres (and duplicate centres) are common.
        const coarse = (): number => Math.round(rand() * 8) / 2;
        const cx = Float64Array.from({ length: k }, coarse);
        const cy = Float64Array.from({ length: k }, coarse);
        const byX = new CentresByX(cx, cy);
        for (let q = 0; q < 40; q++) {
          const x = coarse();
          const y = coarse();
          let best = -1;
          let bestD = Infinity;
          let second = Infinity;
          for (let c = 0; c < k; c++) {
            const d = (x - cx[c]!) ** 2 + (y - cy[c]!) ** 2;
            if (d <= bestD) {
              second = bestD;
              bestD = d;
              best = c;
            } else if (d < second) second = d;
          }
          expect(byX.nearestTwo(x, y)).toEqual({ best, bestD, second });
        }
      }),
      { numRuns: 100 },
    );
  });

  it("bounded k-means equals Lloyd's k-means, cold and warm (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 2, max: 40 }), fc.integer({ min: 5, max: 400 }), (seed, k, n) => {
        const rand = rng(seed);
        // Coarse coordinates make exact ties and duplicate points common.
        const p: Points = {
          names: Array.from({ length: n }, (_, i) => i * 3),
          x: Float64Array.from({ length: n }, () => Math.round(rand() * 20) / 4),
          y: Float64Array.from({ length: n }, () => Math.round(rand() * 20) / 4),
          w: Float64Array.from({ length: n }, () => 1 + Math.floor(rand() * 3)),
        };
        const cold = kmeans(p, k, 100);
        expect(cold).toEqual(kmeansReference(p, k, 100));
        const moved: Points = { ...p, x: p.x.map((v) => v + (rand() - 0.5)) };
        expect(kmeans(moved, k, 100, cold)).toEqual(kmeansReference(moved, k, 100, cold));
      }),
      { numRuns: 60 },
    );
  });

  it("a tick from a state without its cached moments gives the same result", () => {
    const votes = Array.from({ length: 3000 }, (_, i) => ({ pid: i % 120, tid: (i * 7) % 30, vote: ((i * 13) % 3) - 1 }));
    const first = computeTick(initialState(), { votes: votes.slice(0, 2000) });
    const more = { votes: votes.slice(2000) };
    const a = computeTick(first.state, more).result;
    const b = computeTick({ ...first.state, gram: null }, more).result;
    expect(Array.from(b.comps[0]!)).toEqual(Array.from(a.comps[0]!));
    expect(b.groupClusters).toEqual(a.groupClusters);
  });

  it("rebuilds moments stored by an older layout instead of misreading them", () => {
    // Camps with stances: column means are far from 0, so T' matters.
    const votes = campVotes(150, 30, 2, 0.6, 3);
    const cut = Math.floor(votes.length * 0.7);
    const first = computeTick(initialState(), { votes: votes.slice(0, cut) });
    const more = { votes: votes.slice(cut) };
    const a = computeTick(first.state, more).result;
    // An older state had no T' (read as 0); `as` stands for a value deserialised from such a state.
    const old = { ...first.state.gram!, layout: 2, M: first.state.gram!.M.map((x, i) => (i % 4 === 3 ? 0 : x)) } as unknown as GramMoments;
    const c = computeTick({ ...first.state, gram: old }, more).result;
    expect(Array.from(c.comps[0]!)).toEqual(Array.from(a.comps[0]!));
  });
});

describe("vote moments by hand", () => {
  it("counts S, T and C for one participant", () => {
    const m = applyVotesTracked(emptyMatrix(), [
      { pid: 1, tid: 0, vote: -1 },
      { pid: 1, tid: 1, vote: 1 },
      { pid: 2, tid: 1, vote: 1 },
    ]).matrix;
    const g = buildMoments(m);
    expect(momentAt(g, 0, 1)).toEqual({ S: -1, T: -1, C: 1, Tt: 1 });
    expect(momentAt(g, 1, 0)).toEqual({ S: -1, T: 1, C: 1, Tt: -1 });
    expect(momentAt(g, 1, 1)).toEqual({ S: 2, T: 2, C: 2, Tt: 2 });
    expect(momentAt(g, 0, 0)).toEqual({ S: 1, T: -1, C: 1, Tt: -1 });
  });
});
