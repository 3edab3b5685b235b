import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { adjustedRandIndex, participantGroups } from "./ari";
import { toPolisBlob } from "./presenter";
import { campVotes } from "./test-helpers";
import { computeTick, initialState } from "./tick";
import type { OpinionState, TickResult } from "./types";

const groupsOf = (r: TickResult): Map<number, number> => participantGroups(r.baseClusters, r.groupClusters);

describe("a tick", () => {
  it("recovers planted camps", () => {
    const votes = campVotes(300, 40, 3, 0.5, 7);
    const { result } = computeTick(initialState(), { votes });
    const g = groupsOf(result);
    const pids = [...g.keys()];
    expect(result.groupClusters.length).toBe(3);
    // Base clusters straddling two camps on the 2-D map cost a few participants.
    expect(adjustedRandIndex(pids.map((p) => g.get(p)!), pids.map((p) => p % 3))).toBeGreaterThan(0.9);
  });

  it("flips components and projections with the start vectors and keeps the groups (property: sign flip)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
        const votes = campVotes(60, 15, 2, 0.7, seed);
        const cold = computeTick(initialState(), { votes });
        const flipped: OpinionState = { ...initialState(), comps: cold.state.comps.map((c) => Object.fromEntries(Object.entries(c).map(([t, v]) => [t, -v]))) };
        const a = computeTick({ ...initialState(), comps: cold.state.comps }, { votes }).result;
        const b = computeTick(flipped, { votes }).result;
        for (let k = 0; k < 2; k++) a.comps[k]!.forEach((v, j) => expect(b.comps[k]![j]).toBeCloseTo(-v, 12));
        a.projX.forEach((v, r) => expect(b.projX[r]).toBeCloseTo(-v, 9));
        const ga = groupsOf(a);
        const gb = groupsOf(b);
        const pids = [...ga.keys()];
        expect(adjustedRandIndex(pids.map((p) => ga.get(p)!), pids.map((p) => gb.get(p)!))).toBe(1);
        expect(toPolisBlob(a)["repness"]).toEqual(toPolisBlob(b)["repness"]);
      }),
      { numRuns: 15 },
    );
  });

  it("never shrinks in-conv across ticks (property)", () => {
    const vote = fc.record({ pid: fc.nat(30), tid: fc.nat(10), vote: fc.constantFrom(-1, 0, 1) });
    fc.assert(
      fc.property(fc.array(fc.array(vote, { maxLength: 60 }), { minLength: 2, maxLength: 5 }), (batches) => {
        let state = initialState();
        let before = new Set<number>();
        for (const votes of batches) {
          state = computeTick(state, { votes }).state;
          for (const p of before) expect(state.inConv).toContain(p);
          before = new Set(state.inConv);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("carries a plain state: a structured clone continues exactly like the original", () => {
    const first = computeTick(initialState(), { votes: campVotes(120, 20, 2, 0.6, 3) });
    const more = { votes: campVotes(140, 22, 2, 0.1, 4), moderation: [{ tid: 5, modOut: true, meta: false }] };
    const a = toPolisBlob(computeTick(first.state, more).result);
    const b = toPolisBlob(computeTick(structuredClone(first.state), more).result);
    expect(b).toEqual(a);
    expect(a["mod-out"]).toEqual([5]);
  });

  it("applies moderation: a mod-out comment is zeroed and never representative", () => {
    const votes = campVotes(100, 12, 2, 0.9, 11);
    const { result } = computeTick(initialState(), { votes, moderation: [{ tid: 0, modOut: false, meta: true }] });
    const col = result.tids.indexOf(0);
    expect(result.center[col]).toBe(0);
    expect(result.comps[0]![col]).toBe(0);
    expect(result.priorities[col]).toBe(49);
    expect(Object.values(result.repness).flat().some((r) => r.tid === 0)).toBe(false);
    expect(result.meta).toEqual([0]);
  });
});

describe("tiny conversations", () => {
  const cases: Array<[string, Array<{ pid: number; tid: number; vote: number }>]> = [
    ["no votes", []],
    ["one vote", [{ pid: 1, tid: 1, vote: -1 }]],
    ["one participant", [0, 1, 2].map((tid) => ({ pid: 4, tid, vote: -1 }))],
    ["one comment", [0, 1, 2, 3].map((pid) => ({ pid, tid: 9, vote: pid % 2 ? 1 : -1 }))],
    ["two participants who agree", [0, 1].flatMap((pid) => [0, 1, 2].map((tid) => ({ pid, tid, vote: -1 })))],
  ];
  it.each(cases)("computes a well-formed blob for %s", (_name, votes) => {
    const { result } = computeTick(initialState(), { votes });
    const blob = toPolisBlob(result);
    expect(JSON.stringify(blob)).not.toContain("null"); // NaN and Infinity would print as null
    for (const c of result.comps) for (const x of c) expect(Number.isFinite(x)).toBe(true);
    expect(result.inConv.length).toBe(new Set(votes.map((v) => v.pid)).size);
  });
});
