import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mes, mesAdd1 } from "./add1";
import { makeElection, type ElectionInput } from "./election-builder";
import type { MesUtility } from "./mes-reference";
import { DEFAULT_TIE_BREAK } from "./tie-break";

// Small random elections where ties are frequent (few distinct costs, few voters): the optimised MES
// must return exactly the reference's outcome and ties, run by run.
const election = (points: boolean): fc.Arbitrary<ElectionInput> =>
  fc
    .record({
      costs: fc.array(fc.constantFrom(2, 3, 4, 6, 10, 12), { minLength: 1, maxLength: 6 }),
      ballots: fc.array(fc.array(fc.tuple(fc.nat(5), fc.integer({ min: 1, max: 3 })), { maxLength: 4 }), { minLength: 1, maxLength: 12 }),
      budget: fc.integer({ min: 1, max: 40 }),
    })
    .map(({ costs, ballots, budget }) => ({
      budget,
      projects: costs.map((cost, i) => ({ id: String(i + 1), cost })),
      ballots: ballots.map((b) => {
        const entries = b.filter(([j]) => j < costs.length).map(([j, p]): [string, number] => [String(j + 1), p]);
        const unique = new Map(entries);
        return { projects: points ? Object.fromEntries(unique) : [...unique.keys()] };
      }),
    }));

describe("optimised MES equals the reference", () => {
  for (const [utility, points] of [["cost", false], ["cardinality", false], ["points", true]] as [MesUtility, boolean][]) {
    it(`MES and MES + Add1 with ${utility} utility`, () => {
      fc.assert(
        fc.property(election(points), (input) => {
          const e = makeElection(input);
          const opts = { utility, tieBreak: DEFAULT_TIE_BREAK };
          const bare = mes(e, opts);
          const bareRef = mes(e, { ...opts, impl: "reference" });
          expect([bare.selected, bare.ties, bare.perVoter]).toEqual([bareRef.selected, bareRef.ties, bareRef.perVoter]);
          const fast = mesAdd1(e, opts);
          const ref = mesAdd1(e, { ...opts, impl: "reference" });
          expect(fast.selected).toEqual(ref.selected);
          expect(fast.ties).toEqual(ref.ties);
          expect(fast.perVoter).toEqual(ref.perVoter);
          const fastI = mesAdd1(e, { ...opts, integral: true });
          const refI = mesAdd1(e, { ...opts, integral: true, impl: "reference" });
          expect([fastI.selected, fastI.ties, fastI.perVoter]).toEqual([refI.selected, refI.ties, refI.perVoter]);
        }),
        { numRuns: 150, seed: 5 },
      );
    });
  }
});

// Larger random elections where Add1 takes tens of steps (the per-voter budget starts far below the
// costs), so that the optimised search computes several blocks of steps from the richest down with
// bounds borrowed from richer runs: its outcome, ties and endowment must be the plain step-by-step
// search's and the reference's. Costs are few distinct values and ballots repeat, so ties still occur.
const longElection = (points: boolean): fc.Arbitrary<ElectionInput> =>
  fc
    .record({
      costs: fc.array(fc.constantFrom(100, 150, 200, 300, 450, 600), { minLength: 3, maxLength: 9 }),
      ballots: fc.array(
        fc.record({
          picks: fc.array(fc.tuple(fc.nat(8), fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 5 }),
          count: fc.integer({ min: 1, max: 6 }),
        }),
        { minLength: 5, maxLength: 40 },
      ),
      share: fc.integer({ min: 20, max: 80 }),
    })
    .map(({ costs, ballots, share }) => ({
      budget: Math.floor((costs.reduce((s, c) => s + c, 0) * share) / 100),
      projects: costs.map((cost, i) => ({ id: String(i + 1), cost })),
      ballots: ballots.map(({ picks, count }) => {
        const unique = new Map(picks.filter(([j]) => j < costs.length).map(([j, p]): [string, number] => [String(j + 1), p]));
        return { projects: points ? Object.fromEntries(unique) : [...unique.keys()], count };
      }),
    }));

describe("Add1's block search equals the step-by-step search", () => {
  for (const [utility, points] of [["cost", false], ["cardinality", false], ["points", true]] as [MesUtility, boolean][]) {
    it(`with ${utility} utility`, () => {
      let long = 0;
      let tied = 0;
      fc.assert(
        fc.property(longElection(points), fc.boolean(), (input, integral) => {
          const e = makeElection(input);
          const opts = { utility, tieBreak: DEFAULT_TIE_BREAK, integral };
          const ref = mesAdd1(e, { ...opts, impl: "reference" });
          const plain = mesAdd1(e, { ...opts, blocks: false });
          const fast = mesAdd1(e, opts);
          expect([fast.selected, fast.ties, fast.perVoter]).toEqual([ref.selected, ref.ties, ref.perVoter]);
          expect([plain.selected, plain.ties, plain.perVoter]).toEqual([ref.selected, ref.ties, ref.perVoter]);
          expect(plain.runs).toBe(ref.runs);
          if (ref.runs > 20) long++;
          if (ref.ties.length > 0) tied++;
        }),
        { numRuns: 120, seed: 11 },
      );
      // The generator must actually produce long searches (several blocks) and decisive ties.
      expect(long).toBeGreaterThan(30);
      expect(tied).toBeGreaterThan(5);
    });
  }
});
