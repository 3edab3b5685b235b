import { describe, expect, it } from "vitest";
import type { Election } from "./election";
import { makeElection } from "./election-builder";
import { computeRule, summarize } from "./rules";

// Four voters. Project 1 (cost 30) is approved by all, 2 (cost 20) by voters a,b and 3 (cost 15) by
// voters c,d. Worked by hand:
// - B = 45, 11.25 each. Round 1: project 1 costs each supporter 7.5 (ρ = 7.5/30 = 1/4) against 10 for 2
//   and 7.5 for 3 (ρ = 1/2): fund 1; 3.75 left each. Neither pair can pay for 2 or 3: MES = [1].
// - Add1 raises the share by 1 (from ⌊11.25⌋ = 11 by default, or from 11.25): from 15 on, voters c,d
//   keep ≥ 7.5 each, so 3 is funded (cost 45). From 17.5 on, a,b keep ≥ 10 and 2 would be funded too
//   (65 > 45): stop at 17 (or 17.25).
const fourVoters = (budget: number) =>
  makeElection({
    budget,
    projects: [
      { id: "1", cost: 30 },
      { id: "2", cost: 20 },
      { id: "3", cost: 15 },
    ],
    ballots: [
      { projects: ["1", "2"], count: 2 },
      { projects: ["1", "3"], count: 2 },
    ],
  });

const ids = (e: Election, sel: number[]) => sel.map((j) => e.projects[j]?.id);

describe("Method of Equal Shares", () => {
  it("bare MES funds what equal shares can pay for", () => {
    const e = fourVoters(45);
    const r = computeRule(e, "mes");
    expect(ids(e, r.selected)).toEqual(["1"]);
    expect(r.endowment).toBe(11.25);
    expect(computeRule(e, "mes", { impl: "reference" }).selected).toEqual(r.selected);
  });

  it("Add1 raises the share until the next step would overspend", () => {
    const e = fourVoters(45);
    const r = computeRule(e, "mes-add1");
    expect(ids(e, r.selected)).toEqual(["1", "3"]);
    // Default integral start: 11, 12, ... 17 fit; 18 would fund 2 as well.
    expect(r.endowment).toBe(17);
    expect(computeRule(e, "mes-add1", { integral: false }).endowment).toBe(17.25);
    // Exhaustive stop: at 15 (c,d keep exactly 7.5) the outcome already spends all 45.
    expect(computeRule(e, "mes-add1", { exhaustive: true }).endowment).toBe(15);
    expect(computeRule(e, "mes-add1", { exhaustive: true, integral: false }).endowment).toBe(15.25);
    expect(computeRule(e, "mes-add1", { impl: "reference" }).selected).toEqual(r.selected);
  });

  it("reports the JSON contract of compute", () => {
    const e = fourVoters(45);
    expect(summarize(e, computeRule(e, "mes-add1"))).toEqual({
      rule: "mes-add1",
      selected: ["1", "3"],
      cost: 45,
      budget: 45,
      budgetShare: 1,
      votersWithFundedProject: 4,
      ties: [],
      endowment: 17,
    });
  });

  it("breaks an exact tie by cost, then votes, then id, and reports it", () => {
    // 2 and 3 each have two supporters and cost 10: ρ = 5/10 for both, an exact tie.
    const e = makeElection({
      budget: 20,
      projects: [
        { id: "3", cost: 10 },
        { id: "2", cost: 10 },
      ],
      ballots: [{ projects: ["2"], count: 2 }, { projects: ["3"], count: 2 }],
    });
    const r = computeRule(e, "mes");
    expect(ids(e, r.selected)).toEqual(["2", "3"]);
    expect(r.ties).toEqual([{ candidates: ["2", "3"], chosen: "2", by: "id" }]);
  });

  it("cardinality utility prefers the cheapest payment per supporter", () => {
    // Cardinality utility: ρ is the payment per supporter, 7.5 for both 1 (30/4) and 3 (15/2): an exact
    // tie, which the lower cost decides for 3.
    const e = fourVoters(45);
    const r = computeRule(e, "mes-cardinality");
    expect(ids(e, r.selected)[0]).toBe("3");
    expect(r.ties[0]).toEqual({ candidates: ["3", "1"], chosen: "3", by: "cost" });
    const cheap = makeElection({
      budget: 40,
      projects: [
        { id: "big", cost: 36 },
        { id: "small", cost: 4 },
      ],
      ballots: [{ projects: ["big"], count: 3 }, { projects: ["big", "small"] }],
    });
    // Cost utility: big ρ = 9/36 = 1/4, small ρ = 4/4 = 1 -> big first. Cardinality: small pays 4 < 9.
    expect(ids(cheap, computeRule(cheap, "mes").selected)[0]).toBe("big");
    expect(ids(cheap, computeRule(cheap, "mes-cardinality").selected)[0]).toBe("small");
  });

  it("uses points as utility on cumulative ballots", () => {
    // B = 10, 5 each. A costs 6 with 2 and 1 points: ρ·3 = 6, ρ = 2, payments 4 and 2. B then needs 4
    // from the first voter, who has 1 left: not funded.
    const e = makeElection({
      budget: 10,
      projects: [
        { id: "A", cost: 6 },
        { id: "B", cost: 4 },
      ],
      ballots: [{ projects: { A: 2, B: 1 } }, { projects: { A: 1 } }],
    });
    expect(e.hasPoints).toBe(true);
    expect(ids(e, computeRule(e, "mes").selected)).toEqual(["A"]);
    expect(computeRule(e, "mes", { impl: "reference" }).selected).toEqual([0]);
  });

  it("add1u completes with greedy and the comparison keeps MES unless more voters prefer greedy", () => {
    const e = fourVoters(45);
    expect(ids(e, computeRule(e, "mes-add1u").selected)).toEqual(["1", "3"]);
    // Greedy funds 1 then 3 (same as MES): nobody prefers greedy, MES is kept.
    const r = computeRule(e, "mes-add1-comparison");
    expect(r.greedyWon).toBe(false);
    expect(ids(e, r.selected)).toEqual(["1", "3"]);
  });
});
