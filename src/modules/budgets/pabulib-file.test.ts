/**
 * A budget as a pabulib file, for each ballot kind: what pabulib's checker (the engine's validator)
 * accepts, how knapsack is written (pabulib has none: approval ballots whose cost fits), points and
 * ranks, the platform's figures over the imported META, and the outcome computed on it.
 */
import { describe, expect, it } from "vitest";
import { cell, metaValue } from "../../engines/budgeting/pb-model";
import { readPb } from "../../engines/budgeting/pb-read";
import { validatePb } from "../../engines/budgeting/pb-validate";
import { computeOutcome, digestOf } from "./outcome-compute";
import { packBallots, unpackBallots } from "./outcome-worker-pack";
import { budgetPbText, type BudgetExport } from "./pabulib-file";

function budget(over: Partial<BudgetExport>): BudgetExport {
  return {
    budgetId: 7,
    title: "School budget",
    unit: "Students",
    year: 2026,
    total: 100,
    currency: "EUR",
    voteType: "approval",
    rules: {},
    meta: {},
    projects: [
      { id: 1, externalId: null, name: "Library", cost: 60, extra: {} },
      { id: 2, externalId: null, name: "Garden; with a pond", cost: 40, extra: { category: "nature,water" } },
      { id: 3, externalId: null, name: "Chess club", cost: 30, extra: {} },
      { id: 4, externalId: null, name: "Nobody's project", cost: 10, extra: {} },
    ],
    ballots: [
      { voterId: "online-1", projects: [1, 2], points: [1, 1], extra: null },
      { voterId: "online-2", projects: [1], points: [1], extra: null },
      { voterId: "paper-3", projects: [3, 2], points: [1, 1], extra: null },
    ],
    ...over,
  };
}

const meta = (text: string) => readPb(text).file;

describe("a budget's pabulib file", () => {
  it("writes knapsack ballots as approval with the cost limits, leaves out unvoted projects, and validates", () => {
    const { text, notes } = budgetPbText(budget({ voteType: "knapsack", rules: { minPercent: 50 } }), { rule: "greedy" });
    expect(validatePb(text)).toEqual([]);
    const f = meta(text);
    expect(metaValue(f, "vote_type")).toBe("approval");
    expect(metaValue(f, "max_sum_cost")).toBe("100");
    expect(metaValue(f, "min_sum_cost")).toBe("50");
    expect(metaValue(f, "rule")).toBe("greedy");
    expect(metaValue(f, "num_projects")).toBe("3");
    expect(metaValue(f, "description")).toBe("School budget");
    expect(f.projects.rows.map((r) => [cell(r, "project_id"), cell(r, "votes"), cell(r, "name")])).toEqual([
      ["1", "2", "Library"],
      ["2", "2", "Garden; with a pond"],
      ["3", "1", "Chess club"],
    ]);
    expect(cell(f.projects.rows[1]!, "category")).toBe("nature,water");
    expect(notes.join()).toMatch(/left out 1 project/);
  });

  it("keeps an imported META but writes the platform's figures over it", () => {
    const imported = { description: "Assen Top Idee", country: "Netherlands", unit: "Assen", instance: "2024", num_projects: "14", num_votes: "84", budget: "1", vote_type: "approval", rule: "equalshares/add1", date_begin: "31.03.2024", date_end: "15.04.2024", min_length: "2", language: "nl", currency: "PLN", comment: "#1: kept" };
    const { text } = budgetPbText(budget({ meta: imported, rules: { minProjects: 1 } }), { rule: "mes-add1" });
    expect(validatePb(text)).toEqual([]);
    const f = meta(text);
    expect(Object.fromEntries(f.meta.map((m) => [m.key, m.value]))).toMatchObject({
      description: "Assen Top Idee",
      country: "Netherlands",
      num_projects: "3",
      num_votes: "3",
      budget: "100",
      rule: "equalshares/add1",
      min_length: "1",
      language: "nl",
      currency: "EUR",
      comment: "#1: kept",
    });
  });

  it("writes cumulative points and ordinal ranks as the engine scores them", () => {
    const cumulative = budget({ voteType: "cumulative", rules: { maxPoints: 5, maxPointsPerProject: 3 }, ballots: [
      { voterId: "online-1", projects: [1, 2], points: [3, 2], extra: null },
      { voterId: "online-2", projects: [3], points: [1], extra: null },
    ] });
    const c = budgetPbText(cumulative, { rule: "greedy" }).text;
    expect(validatePb(c)).toEqual([]);
    expect(c).toContain("online-1;1,2;3,2");
    expect(metaValue(meta(c), "max_sum_points")).toBe("5");
    expect(computeOutcome(cumulative, { rule: "greedy" }).result.projects.map((p) => [p.id, p.score])).toEqual([["1", 3], ["2", 2], ["3", 1], ["4", 0]]);

    const ordinal = budget({ voteType: "ordinal", rules: { maxLength: 3 }, ballots: [
      { voterId: "online-1", projects: [2, 1], points: [1, 1], extra: null },
      { voterId: "online-2", projects: [3, 2, 1], points: [1, 1, 1], extra: null },
    ] });
    const o = budgetPbText(ordinal, { rule: "greedy" }).text;
    expect(validatePb(o)).toEqual([]);
    expect(o).toContain("online-1;2,1");
    // max_length − rank: 3, 2, 1.
    expect(computeOutcome(ordinal, { rule: "greedy" }).result.projects.map((p) => [p.id, p.score])).toEqual([["1", 3], ["2", 5], ["3", 3], ["4", 0]]);
  });

  it("computes on the same election as the text: greedy's positions, the threshold, MES's rounds, the digest", () => {
    const b = budget({});
    const greedy = computeOutcome(b, { rule: "greedy" });
    expect(greedy.digest).toBe(digestOf(budgetPbText(b, { rule: "greedy" }).text));
    expect(greedy.result).toMatchObject({ rule: "greedy", selected: ["2", "1"], spent: 100, ballots: 3 });
    expect(greedy.result.projects.find((p) => p.id === "3")).toMatchObject({ selected: false, position: 3, leftWhenConsidered: 0 });
    const threshold = computeOutcome(b, { rule: "greedy-threshold", threshold: 2 });
    expect(threshold.result).toMatchObject({ threshold: 2, selected: ["2", "1"] });
    expect(threshold.result.projects.find((p) => p.id === "3")?.belowThreshold).toBe(true);
    const mes = computeOutcome(b, { rule: "mes-add1" });
    const bought = mes.result.projects.filter((p) => p.selected);
    expect(bought.map((p) => p.round).sort()).toEqual(bought.map((_, i) => i + 1));
    expect(bought.every((p) => (p.pricePerVoter ?? 0) > 0 && (p.effectiveSupport ?? 0) > 0)).toBe(true);
    expect(() => computeOutcome(b, { rule: "greedy-threshold" })).toThrow(/threshold/);
  });

  it("packs ballots for the worker and unpacks them as they were", () => {
    const ballots = [
      { voterId: "v1", projects: [3, 1], points: [2, 1], extra: { age: "40-59" } },
      { voterId: "v2", projects: [], points: [], extra: null },
      { voterId: "v3", projects: [2], points: [5], extra: null },
    ];
    expect(unpackBallots(packBallots(ballots))).toEqual(ballots);
    expect(unpackBallots(packBallots([]))).toEqual([]);
    expect(packBallots(ballots.slice(1)).extras).toBeNull();
  });
});
