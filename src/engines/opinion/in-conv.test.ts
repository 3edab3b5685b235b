import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inConvMask } from "./in-conv";
import { applyVotes, emptyMatrix } from "./matrix";
import type { VoteEvent } from "./types";

const votesFor = (pid: number, n: number): VoteEvent[] => Array.from({ length: n }, (_, tid) => ({ pid, tid, vote: -1 }));

describe("in-conv", () => {
  it("takes everyone with min(7, n_cmts) votes, then tops up with the most active to 15", () => {
    // 10 comments; pids 0..4 voted 7 times, pids 5..24 voted 1..6 times.
    const votes = [...Array.from({ length: 5 }, (_, p) => votesFor(p, 7)).flat(), ...Array.from({ length: 20 }, (_, i) => votesFor(5 + i, 1 + (i % 6))).flat()];
    votes.push(...votesFor(99, 10));
    const m = applyVotes(emptyMatrix(), votes);
    const mask = inConvMask(m, []);
    const chosen = m.pids.filter((_, r) => mask[r]);
    expect(chosen.length).toBe(15);
    expect(chosen).toEqual(expect.arrayContaining([0, 1, 2, 3, 4, 99]));
    // The top-up picks the 6-vote people first (pids 10, 16, 22), then 5-vote ones in row order.
    expect(chosen).toEqual(expect.arrayContaining([10, 16, 22, 9, 15, 21]));
  });

  it("uses the number of comments as threshold when there are fewer than 7", () => {
    const m = applyVotes(emptyMatrix(), [...votesFor(0, 3), ...votesFor(1, 2)]);
    expect(Array.from(inConvMask(m, []))).toEqual([1, 1]); // top-up adds pid 1 anyway
  });

  it("never removes anyone (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ pid: fc.nat(40), tid: fc.nat(12), vote: fc.constantFrom(-1, 0, 1) }), { maxLength: 300 }), fc.nat(300), (votes, cut) => {
        const first = applyVotes(emptyMatrix(), votes.slice(0, cut));
        const before = first.pids.filter((_, r) => inConvMask(first, [])[r]);
        const second = applyVotes(first, votes.slice(cut));
        const after = new Set(second.pids.filter((_, r) => inConvMask(second, before)[r]));
        return before.every((p) => after.has(p));
      }),
    );
  });
});
