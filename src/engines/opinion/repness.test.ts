import { describe, expect, it } from "vitest";
import { propTest, selectConsensus, selectRepComments, twoPropTest, type Counts } from "./repness";

const c = (na: number, nd: number, ns: number): Counts => ({ na, nd, ns });

describe("repness statistics", () => {
  it("computes the one-proportion test by hand", () => {
    // 3 agrees of 3: 2·sqrt(4)·(4/4 − 0.5) = 2 (the value Pol.is publishes for such a comment).
    expect(propTest(3, 3)).toBe(2);
    expect(propTest(0, 0)).toBe(1); // the pseudocount: 2·1·(1 − 0.5)
  });

  it("computes the two-proportion test by hand, 0 when the pooled proportion is 1", () => {
    // (1+1)/(1+1) vs (0+1)/(2+1): ph = 3/5, se = sqrt(0.24·(1/2 + 1/3)).
    expect(twoPropTest(1, 0, 1, 2)).toBeCloseTo((1 - 1 / 3) / Math.sqrt(0.24 * (1 / 2 + 1 / 3)), 14);
    expect(twoPropTest(4, 4, 4, 4)).toBe(0);
    expect(twoPropTest(2, 5, 6, 7)).toBeCloseTo(-twoPropTest(5, 2, 7, 6), 14);
  });
});

describe("representative comments", () => {
  it("puts best-agree first, agrees before disagrees, at most five", () => {
    const tids = [0, 1, 2, 3, 4, 5, 6];
    const group = [c(9, 0, 10), c(0, 9, 10), c(8, 1, 10), c(10, 0, 10), c(0, 10, 10), c(7, 0, 8), c(9, 1, 10)];
    const rest = [c(1, 8, 10), c(9, 0, 10), c(2, 7, 10), c(1, 9, 10), c(10, 0, 10), c(1, 6, 8), c(2, 8, 10)];
    const reps = selectRepComments(tids, group, rest);
    expect(reps.length).toBe(5);
    expect(reps[0]!.bestAgree).toBe(true);
    expect(reps[0]!.repfulFor).toBe("agree");
    const kinds = reps.map((r) => r.repfulFor);
    expect(kinds.indexOf("disagree") === -1 || kinds.lastIndexOf("agree") < kinds.indexOf("disagree")).toBe(true);
    expect(new Set(reps.map((r) => r.tid)).size).toBe(5);
  });

  it("returns the single best comment when nothing passes and nothing qualifies as best-agree", () => {
    const reps = selectRepComments([7, 8], [c(0, 0, 1), c(0, 1, 2)], [c(0, 0, 1), c(0, 0, 2)]);
    expect(reps.map((r) => [r.tid, r.repfulFor, r.bestAgree])).toEqual([[8, "disagree", false]]);
  });

  it("reports agree statistics for an agree comment", () => {
    const [r] = selectRepComments([3], [c(6, 0, 6)], [c(1, 5, 8)]);
    expect(r).toMatchObject({ tid: 3, nSuccess: 6, nTrials: 6, pSuccess: 7 / 8, repness: 7 / 8 / (2 / 10), repfulFor: "agree", bestAgree: true });
    expect(r!.repnessTest).toBe(Math.fround(twoPropTest(6, 1, 6, 8)));
  });
});

describe("consensus", () => {
  it("keeps comments with p > 0.5 and z > 1.2816, by p·z, top five", () => {
    const out = selectConsensus([1, 2, 3], [c(9, 0, 10), c(0, 9, 10), c(5, 5, 10)]);
    expect(out.agree.map((x) => x.tid)).toEqual([1]);
    expect(out.disagree.map((x) => x.tid)).toEqual([2]);
    expect(out.agree[0]).toEqual({ tid: 1, nSuccess: 9, nTrials: 10, pSuccess: 10 / 12, pTest: propTest(9, 10) });
  });
});
