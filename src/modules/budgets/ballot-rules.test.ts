import { describe, expect, it } from "vitest";
import { ballotTotals, canAdd, canChange, describeRules, minimumAmount, moveRank, validateBallot, type BallotBudget, type BallotCheck, type BallotItem } from "./ballot-rules";

const item = (projectId: number, cost: number, over: Partial<BallotItem> = {}): BallotItem => ({ projectId, cost, points: 1, rank: null, ...over });
const keys = (c: BallotCheck) => (c.ok ? [] : c.errors.map((e) => e.key));
const knapsack = (rules: BallotBudget["rules"] = {}, total = 1000): BallotBudget => ({ total, voteType: "knapsack", rules });

describe("knapsack ballots", () => {
  it("never spends more than the total", () => {
    const b = knapsack();
    expect(canAdd(b, [item(1, 600)], { projectId: 2, cost: 400 })).toEqual({ ok: true });
    expect(canAdd(b, [item(1, 600)], { projectId: 2, cost: 401 })).toEqual({ ok: false, errors: [{ key: "budgets.ballot.error.overBudget", values: { cost: 401, left: 400 } }] });
    expect(keys(validateBallot(b, [item(1, 600), item(2, 401)]))).toContain("budgets.ballot.error.overTotal");
    expect(validateBallot(b, [item(1, 600), item(2, 400)])).toEqual({ ok: true });
  });

  it("counts decimals in hundredths", () => {
    const b = knapsack({}, 0.3);
    expect(canAdd(b, [item(1, 0.1)], { projectId: 2, cost: 0.2 })).toEqual({ ok: true });
    expect(ballotTotals(b, [item(1, 0.1), item(2, 0.2)])).toEqual({ spent: 0.3, left: 0, points: 2, projects: 2 });
  });

  it("asks for minPercent of the total to check out, not to fill the ballot", () => {
    const b = knapsack({ minPercent: 70 });
    expect(minimumAmount(b)).toBe(700);
    expect(canAdd(b, [], { projectId: 1, cost: 100 })).toEqual({ ok: true });
    expect(validateBallot(b, [item(1, 699)])).toEqual({ ok: false, errors: [{ key: "budgets.ballot.error.minPercent", values: { percent: 70, amount: 700 } }] });
    expect(validateBallot(b, [item(1, 700)])).toEqual({ ok: true });
  });

  it("votes for N to M projects", () => {
    const b = knapsack({ minProjects: 2, maxProjects: 3 });
    expect(keys(validateBallot(b, [item(1, 10)]))).toEqual(["budgets.ballot.error.minProjects"]);
    expect(validateBallot(b, [item(1, 10), item(2, 10)])).toEqual({ ok: true });
    const three = [item(1, 10), item(2, 10), item(3, 10)];
    expect(canAdd(b, three, { projectId: 4, cost: 10 })).toEqual({ ok: false, errors: [{ key: "budgets.ballot.error.maxProjects", values: { max: 3 } }] });
    expect(keys(validateBallot(b, [...three, item(4, 10)]))).toEqual(["budgets.ballot.error.maxProjects"]);
  });

  it("refuses an empty ballot, a project twice, and adding one already there", () => {
    expect(keys(validateBallot(knapsack(), []))).toEqual(["budgets.ballot.error.empty"]);
    expect(keys(validateBallot(knapsack(), [item(1, 10), item(1, 10)]))).toEqual(["budgets.ballot.error.duplicate"]);
    expect(keys(canAdd(knapsack(), [item(1, 10)], { projectId: 1, cost: 10 }))).toEqual(["budgets.ballot.error.alreadyAdded"]);
  });
});

describe("approval ballots", () => {
  const b: BallotBudget = { total: 100, voteType: "approval", rules: { minProjects: 2, maxProjects: 3 } };
  it("has no budget limit but at most maxProjects and at least minProjects", () => {
    expect(canAdd(b, [item(1, 90)], { projectId: 2, cost: 90 })).toEqual({ ok: true });
    expect(keys(validateBallot(b, [item(1, 90)]))).toEqual(["budgets.ballot.error.minProjects"]);
    expect(validateBallot(b, [item(1, 90), item(2, 90), item(3, 90)])).toEqual({ ok: true });
    expect(keys(canAdd(b, [item(1, 90), item(2, 90), item(3, 90)], { projectId: 4, cost: 1 }))).toEqual(["budgets.ballot.error.maxProjects"]);
  });
  it("takes any number without rules", () => {
    const open: BallotBudget = { total: 100, voteType: "approval", rules: {} };
    expect(validateBallot(open, Array.from({ length: 50 }, (_, k) => item(k + 1, 50)))).toEqual({ ok: true });
  });
});

describe("cumulative ballots", () => {
  const b: BallotBudget = { total: 100, voteType: "cumulative", rules: { maxPoints: 10, maxPointsPerProject: 4 } };
  it("spreads at most maxPoints, at most maxPointsPerProject on one", () => {
    expect(validateBallot(b, [item(1, 5, { points: 4 }), item(2, 5, { points: 4 }), item(3, 5, { points: 2 })])).toEqual({ ok: true });
    expect(canChange(b, [item(1, 5, { points: 4 }), item(2, 5, { points: 4 }), item(3, 5, { points: 3 })])).toEqual({ ok: false, errors: [{ key: "budgets.ballot.error.maxPoints", values: { max: 10, used: 11 } }] });
    expect(keys(canAdd(b, [], { projectId: 1, cost: 5, points: 5 }))).toEqual(["budgets.ballot.error.maxPointsPerProject"]);
  });
  it("takes positive whole points only", () => {
    expect(keys(validateBallot(b, [item(1, 5, { points: 0 })]))).toEqual(["budgets.ballot.error.pointsInvalid"]);
    expect(keys(validateBallot(b, [item(1, 5, { points: 1.5 })]))).toEqual(["budgets.ballot.error.pointsInvalid"]);
    expect(keys(validateBallot(b, [item(1, 5, { points: -2 })]))).toEqual(["budgets.ballot.error.pointsInvalid"]);
  });
  it("asks for minProjects", () => {
    expect(keys(validateBallot({ ...b, rules: { ...b.rules, minProjects: 2 } }, [item(1, 5, { points: 3 })]))).toEqual(["budgets.ballot.error.minProjects"]);
  });
});

describe("ordinal ballots", () => {
  const b: BallotBudget = { total: 100, voteType: "ordinal", rules: { maxLength: 3, minProjects: 2 } };
  it("ranks 1..k without gaps or repeats", () => {
    expect(validateBallot(b, [item(1, 5, { rank: 2 }), item(2, 5, { rank: 1 })])).toEqual({ ok: true });
    expect(keys(validateBallot(b, [item(1, 5, { rank: 1 }), item(2, 5, { rank: 3 })]))).toEqual(["budgets.ballot.error.ranksInvalid"]);
    expect(keys(validateBallot(b, [item(1, 5, { rank: 1 }), item(2, 5, { rank: 1 })]))).toEqual(["budgets.ballot.error.ranksInvalid"]);
    expect(keys(validateBallot(b, [item(1, 5, { rank: 1 }), item(2, 5)]))).toEqual(["budgets.ballot.error.ranksInvalid"]);
  });
  it("ranks at most maxLength and at least minProjects", () => {
    const three = [item(1, 5, { rank: 1 }), item(2, 5, { rank: 2 }), item(3, 5, { rank: 3 })];
    expect(keys(canAdd(b, three, { projectId: 4, cost: 5 }))).toEqual(["budgets.ballot.error.maxLength"]);
    expect(keys(validateBallot(b, [item(1, 5, { rank: 1 })]))).toEqual(["budgets.ballot.error.minProjects"]);
  });
  it("moves a project to a rank, the others keeping their order", () => {
    const moved = moveRank([item(1, 5, { rank: 1 }), item(2, 5, { rank: 2 }), item(3, 5, { rank: 3 })], 3, 1);
    expect(moved.map((i) => [i.projectId, i.rank])).toEqual([[3, 1], [1, 2], [2, 3]]);
    expect(moveRank(moved, 3, 99).map((i) => [i.projectId, i.rank])).toEqual([[1, 1], [2, 2], [3, 3]]);
  });
});

describe("the rules in words", () => {
  it("names each rule that applies", () => {
    expect(describeRules(knapsack({ minPercent: 70 }, 2000)).map((r) => [r.key, r.values])).toEqual([
      ["budgets.ballot.rule.knapsack", { total: 2000 }],
      ["budgets.ballot.rule.minPercent", { percent: 70, amount: 1400 }],
    ]);
    expect(describeRules(knapsack({ minProjects: 1, maxProjects: 3 })).map((r) => r.key)).toContain("budgets.ballot.rule.projectsRange");
    expect(describeRules({ total: 1, voteType: "cumulative", rules: { maxPoints: 10, maxPointsPerProject: 3 } }).map((r) => r.key)).toEqual(["budgets.ballot.rule.cumulative", "budgets.ballot.rule.maxPointsPerProject"]);
    expect(describeRules({ total: 1, voteType: "ordinal", rules: { maxLength: 5 } })).toEqual([{ key: "budgets.ballot.rule.ordinal", values: { max: 5 } }]);
    expect(describeRules({ total: 1, voteType: "approval", rules: { maxProjects: 4 } }).map((r) => r.key)).toEqual(["budgets.ballot.rule.approval", "budgets.ballot.rule.maxProjects"]);
  });
});
