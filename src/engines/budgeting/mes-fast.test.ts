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
          expect(mes(e, opts)).toEqual(mes(e, { ...opts, impl: "reference" }));
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
