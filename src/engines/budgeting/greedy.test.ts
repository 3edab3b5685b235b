import { describe, expect, it } from "vitest";
import { makeElection } from "./election-builder";
import { computeRule } from "./rules";
import { parseTieBreak } from "./tie-break";

// Budget 10. Project 1 (cost 5) has 3 votes; 3 (cost 4) and 2 (cost 5) have 2 votes each.
// Greedy funds 1 (5 left); then 3 and 2 tie on votes and both fit, but only one can be funded.
const tied = makeElection({
  budget: 10,
  projects: [
    { id: "1", cost: 5 },
    { id: "2", cost: 5 },
    { id: "3", cost: 4 },
  ],
  ballots: [{ projects: ["1", "2", "3"] }, { projects: ["1", "2", "3"] }, { projects: ["1"] }],
});

describe("greedy rules", () => {
  it("breaks the tie by lowest cost by default and reports it", () => {
    const r = computeRule(tied, "greedy");
    expect(r.selected.map((j) => tied.projects[j]?.id)).toEqual(["1", "3"]);
    expect(r.ties).toEqual([{ candidates: ["3", "2"], chosen: "3", by: "cost" }]);
  });

  it("follows a configured tie-break order", () => {
    const r = computeRule(tied, "greedy", { tieBreak: parseTieBreak("votes,id") });
    expect(r.selected.map((j) => tied.projects[j]?.id)).toEqual(["1", "2"]);
    expect(r.ties).toEqual([{ candidates: ["2", "3"], chosen: "2", by: "id" }]);
  });

  it("greedy-no-skip stops at the first project that does not fit", () => {
    const e = makeElection({
      budget: 10,
      projects: [
        { id: "a", cost: 6 },
        { id: "b", cost: 6 },
        { id: "c", cost: 1 },
      ],
      ballots: [{ projects: ["a", "b", "c"] }, { projects: ["a", "b"] }, { projects: ["a"] }],
    });
    expect(computeRule(e, "greedy").selected.map((j) => e.projects[j]?.id)).toEqual(["a", "c"]);
    expect(computeRule(e, "greedy-no-skip").selected.map((j) => e.projects[j]?.id)).toEqual(["a"]);
  });

  it("greedy-cardinality sorts by votes per unit of cost", () => {
    // 1: 3 votes / 5 = 0.6; 3: 2 votes / 4 = 0.5; 2: 2 / 5 = 0.4.
    expect(computeRule(tied, "greedy-cardinality").selected.map((j) => tied.projects[j]?.id)).toEqual(["1", "3"]);
  });

  it("greedy-threshold drops projects scoring below the threshold", () => {
    expect(computeRule(tied, "greedy-threshold", { threshold: 3 }).selected.map((j) => tied.projects[j]?.id)).toEqual(["1"]);
    expect(() => computeRule(tied, "greedy-threshold")).toThrow(/threshold/);
  });

  it("never funds a project nobody supports", () => {
    const e = makeElection({ budget: 100, projects: [{ id: "1", cost: 1 }, { id: "2", cost: 1 }], ballots: [{ projects: ["1"] }] });
    expect(computeRule(e, "greedy").selected).toEqual([0]);
  });
});
