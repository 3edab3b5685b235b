import { describe, expect, it } from "vitest";
import { applyVotes, emptyMatrix } from "./matrix";
import { groupAwareConsensus, groupTallies, priorities, priority } from "./tallies";
import { denseVotes } from "./test-helpers";

describe("tallies", () => {
  const m = applyVotes(
    emptyMatrix(),
    denseVotes([
      [-1, 1],
      [-1, 0],
      [1, null],
      [-1, -1],
    ]),
  );
  const tallies = groupTallies(m, Int32Array.of(0, 0, 1, -1), [5, 8]);

  it("counts raw votes of each group's members", () => {
    expect(tallies.map((t) => [t.id, t.nMembers, Array.from(t.agree), Array.from(t.disagree), Array.from(t.seen)])).toEqual([
      [5, 2, [2, 0], [0, 1], [2, 2]],
      [8, 1, [0, 0], [1, 0], [1, 0]],
    ]);
  });

  it("multiplies the groups' agree rates for group-aware consensus", () => {
    const gac = groupAwareConsensus(tallies, 2);
    expect(gac[0]).toBeCloseTo((3 / 4) * (1 / 3), 15);
    expect(gac[1]).toBeCloseTo((1 / 4) * (1 / 2), 15);
  });

  it("computes a priority by hand, and 49 for meta comments", () => {
    // Unvoted, extremity 0: p = a = 1/2, ((1/2)·1·(1/2)·9)² = 5.0625.
    expect(priority(0, 0, 0, 0)).toBe(5.0625);
    // A = 3, D = 1, S = 5, E = 1: p = 2/7, a = 4/7, boost 1 + 8/2 = 5.
    expect(priority(3, 1, 5, 1)).toBeCloseTo(((5 / 7) * 2 * (4 / 7) * 5) ** 2, 12);
    const p = priorities([1, 2], { 1: { A: 0, D: 0, S: 0 } }, Float64Array.of(0, 0), new Set([2]));
    expect(Array.from(p)).toEqual([5.0625, 49]);
  });
});
