import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { basePoints, groupClusters, maxGroupK, silhouette, smoothK } from "./groups";
import type { Cluster, SmootherState } from "./types";

const base = (coords: Array<[number, number]>, sizes?: number[]): Cluster[] =>
  coords.map((c, i) => ({ id: i, members: Array.from({ length: sizes?.[i] ?? 1 }, (_, j) => i * 100 + j), center: c }));

describe("group clusters", () => {
  it("computes the silhouette by hand on a line", () => {
    const b = base([[0, 0], [1, 0], [10, 0], [11, 0]]);
    const groups: Cluster[] = [
      { id: 0, members: [0, 1], center: [0.5, 0] },
      { id: 1, members: [2, 3], center: [10.5, 0] },
    ];
    const expected = (9.5 / 10.5 + 8.5 / 9.5) / 2;
    expect(silhouette(basePoints(b), groups)).toBeCloseTo(expected, 14);
  });

  it("scores a singleton group's member 0", () => {
    const b = base([[0, 0], [1, 0], [10, 0]]);
    const groups: Cluster[] = [
      { id: 0, members: [0, 1], center: [0.5, 0] },
      { id: 1, members: [2], center: [10, 0] },
    ];
    // Members 0 and 1: a = 1, b = 10 and 9; member 2 scores 0; the mean is over all three.
    expect(silhouette(basePoints(b), groups)).toBeCloseTo((0.9 + 8 / 9) / 3, 14);
  });

  it("tries k = 2..min(5, 2 + ⌊n/12⌋)", () => {
    expect([1, 2, 11, 12, 24, 36, 100].map(maxGroupK)).toEqual([1, 2, 2, 3, 4, 5, 5]);
  });

  it("finds three well-separated groups among 36 base clusters", () => {
    const coords: Array<[number, number]> = Array.from({ length: 36 }, (_, i) => [(i % 3) * 10 + (i % 5) * 0.1, (i % 7) * 0.1]);
    const out = groupClusters(base(coords), {}, { lastK: null, count: 0, smoothed: null });
    expect(out.k).toBe(3);
    expect(out.groups.map((g) => g.members.length)).toEqual([12, 12, 12]);
  });

  it("smooths k: a new best k is adopted only after four ticks in a row (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 2, max: 5 }), { minLength: 1, maxLength: 40 }), (ks) => {
        let s: SmootherState = { lastK: null, count: 0, smoothed: null };
        let shown: number | null = null;
        let run = 0;
        ks.forEach((k, t) => {
          run = t > 0 && ks[t - 1] === k ? run + 1 : 1;
          const next = smoothK(s, k, [2, 3, 4, 5]);
          if (shown === null) expect(next.k).toBe(k);
          else if (next.k !== shown) {
            expect(next.k).toBe(k);
            expect(run).toBeGreaterThanOrEqual(4);
          }
          shown = next.k;
          s = next;
        });
      }),
    );
  });

  it("falls back to this tick's k when the smoothed one is no longer valid", () => {
    expect(smoothK({ lastK: 5, count: 9, smoothed: 5 }, 2, [2]).k).toBe(2);
  });
});
