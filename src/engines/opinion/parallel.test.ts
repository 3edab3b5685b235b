/** The two-thread paths (helper.ts) against the one-thread loops: the same bits, not just close. */
import { describe, expect, it } from "vitest";
import { codedMatrix, codedOperator } from "./coded";
import { denseOperator } from "./dense-operator";
import { buildMoments, denseProduct, denseRows, gramMatrix, momentCenter } from "./gram";
import { bindHelper, Kernel, sharedF64 } from "./helper";
import { applyVotesTracked, emptyMatrix } from "./matrix";
import { columnCenter } from "./pca";
import { rng, syntheticConversation } from "./synthetic";
import { computeTick, initialState } from "./tick";

function conversation(seed: number) {
  const conv = syntheticConversation({ participants: 900, comments: 60, votes: 20_000, groups: 3, seed });
  const m = applyVotesTracked(emptyMatrix(), conv.votes).matrix;
  const modOutCol = Uint8Array.from(m.tids, (t) => (conv.moderation.some((c) => c.tid === t) ? 1 : 0));
  return { conv, m, modOutCol };
}

describe("helper thread", () => {
  it("starts and runs kernels here (so the comparisons below are not of one thread with itself)", () => {
    const helper = bindHelper({ gm: sharedF64(4), v: sharedF64(2), out: sharedF64(2) });
    expect(helper).not.toBeNull();
    helper?.release();
  });

  it("shares a loop's chunks: the helper takes chunks while this thread is slow, and the result is whole", () => {
    const n = 64;
    const gm = sharedF64(n * n).map((_, i) => (i % 7) - 3);
    const v = sharedF64(n).map((_, i) => i / n);
    const out = sharedF64(n);
    const helper = bindHelper({ gm, v, out });
    expect(helper).not.toBeNull();
    if (!helper) return;
    const pause = new Int32Array(new SharedArrayBuffer(4));
    let mine = 0;
    const bounds = Array.from({ length: 17 }, (_, c) => c * 4);
    try {
      helper.run(Kernel.Dense, bounds, (j0, j1) => {
        mine++;
        Atomics.wait(pause, 0, 0, 50); // a slow caller: the helper should take the other chunks
        denseRows(gm, v, out, j0, j1);
      });
    } finally {
      helper.release();
    }
    const expected = new Float64Array(n);
    denseProduct(gm, v, expected);
    expect(Array.from(out)).toEqual(Array.from(expected));
    // The helper may even take them all; it must take some.
    expect(mine).toBeLessThan(16);
  });

  it("counts the same vote moments on two threads as on one", () => {
    for (const seed of [1, 2, 3]) {
      const { m } = conversation(seed);
      expect(Array.from(buildMoments(m, true).M)).toEqual(Array.from(buildMoments(m, false).M));
    }
  });

  it("computes the same dense products on two threads as on one", () => {
    const { m, modOutCol } = conversation(4);
    const g = buildMoments(m);
    const gm = gramMatrix(g, momentCenter(g, modOutCol), modOutCol, true);
    const n = m.tids.length;
    const op = denseOperator(gm, n, true);
    const rand = rng(9);
    try {
      for (let rep = 0; rep < 3; rep++) {
        const v = Float64Array.from({ length: n }, () => rand() - 0.5);
        const a = new Float64Array(n);
        const b = new Float64Array(n);
        denseProduct(gm, v, a);
        op.product(v, b);
        expect(Array.from(b)).toEqual(Array.from(a));
      }
    } finally {
      op.close();
    }
  });

  it("computes the same coded sparse products on two threads as on one, with deflation", () => {
    const { m, modOutCol } = conversation(5);
    const center = columnCenter(m, modOutCol);
    const one = codedOperator(codedMatrix(m, center, modOutCol), false);
    const two = codedOperator(codedMatrix(m, center, modOutCol, true), true);
    const rand = rng(11);
    const n = m.tids.length;
    const pc = Float64Array.from({ length: n }, () => rand() - 0.5);
    const deflate = [{ pc, xpc: one.rows(pc) }];
    try {
      for (const d of [[], deflate]) {
        const v = Float64Array.from({ length: n }, () => rand() - 0.5);
        const a = new Float64Array(n);
        const b = new Float64Array(n);
        one.gram(v, a, d);
        two.gram(v, b, d);
        expect(Array.from(b)).toEqual(Array.from(a));
      }
    } finally {
      two.close?.();
    }
  });

  it("gives the same tick with and without threads, where the tick uses them (≥ 1M votes, ≥ 1,000 comments)", () => {
    const conv = syntheticConversation({ participants: 6_000, comments: 1_100, votes: 1_100_000, groups: 3, seed: 6 });
    const input = { votes: conv.votes, moderation: conv.moderation };
    const a = computeTick(initialState(), input, { threads: false });
    const b = computeTick(initialState(), input, { threads: true });
    expect(b.result).toEqual(a.result);
    const more = { votes: conv.next(500) };
    expect(computeTick(b.state, more, { threads: true }).result).toEqual(computeTick(a.state, more, { threads: false }).result);
  }, 30_000);
});
