import { costOf, mes, mesAdd1, type MesResult } from "./add1";
import type { Election } from "./election";
import { divInt, toNumber } from "./fraction";
import { greedy, type Outcome } from "./greedy";
import type { MesWork } from "./mes-fast";
import type { MesUtility } from "./mes-reference";
import { DEFAULT_TIE_BREAK, type Tie, type TieCriterion } from "./tie-break";

export const RULES = [
  "greedy",
  "greedy-cardinality",
  "greedy-no-skip",
  "greedy-threshold",
  "mes",
  "mes-cardinality",
  "mes-add1",
  "mes-add1u",
  "mes-add1-comparison",
] as const;
export type RuleName = (typeof RULES)[number];

export function isRuleName(s: string): s is RuleName {
  return (RULES as readonly string[]).includes(s);
}

export interface ComputeOptions {
  tieBreak?: readonly TieCriterion[];
  threshold?: number;
  /** Add1 starts from ⌊B/n⌋ per voter (default true, as the spec's endowments and the cities' tool do). */
  integral?: boolean;
  exhaustive?: boolean;
  impl?: "fast" | "reference";
}

export interface RuleResult extends Outcome {
  rule: RuleName;
  /** MES rules: per-voter budget of the returned run, in the file's currency units. */
  endowment?: number;
  /** mes-add1-comparison: true when the greedy outcome replaced the MES one. */
  greedyWon?: boolean;
  runs?: number;
  /** Work counts of the optimised MES (absent for the reference), to explain timings. */
  work?: MesWork;
}

/** Whether a rule can be computed on this election (greedy-threshold needs a threshold). */
export function isApplicable(e: Election, rule: RuleName, opts: ComputeOptions = {}): boolean {
  return rule !== "greedy-threshold" || opts.threshold !== undefined || e.threshold !== undefined;
}

/** Voters (weighted) for whom outcome a funds more of their supported projects than outcome b. */
function prefers(e: Election, a: readonly number[], b: readonly number[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  let n = 0;
  for (const g of e.groups) {
    let d = 0;
    for (const j of g.projects) d += (sa.has(j) ? 1 : 0) - (sb.has(j) ? 1 : 0);
    if (d > 0) n += g.weight;
  }
  return n;
}

/**
 * Computes one rule on an election. Deterministic: ties are broken by `tieBreak` (default cost, votes,
 * id) and reported. Throws when the rule is not applicable (greedy-threshold without a threshold).
 */
export function computeRule(e: Election, rule: RuleName, opts: ComputeOptions = {}): RuleResult {
  const tieBreak = opts.tieBreak ?? DEFAULT_TIE_BREAK;
  const utility: MesUtility = e.hasPoints ? "points" : "cost";
  const endowment = (r: MesResult): number => toNumber(divInt(r.perVoter, e.moneyScale));
  const add1Opts = { utility, tieBreak, integral: opts.integral ?? true, exhaustive: opts.exhaustive, impl: opts.impl };
  switch (rule) {
    case "greedy":
      return { rule, ...greedy(e, { utility: "cost", tieBreak }) };
    case "greedy-cardinality":
      return { rule, ...greedy(e, { utility: "cardinality", tieBreak }) };
    case "greedy-no-skip":
      return { rule, ...greedy(e, { utility: "cost", tieBreak, noSkip: true }) };
    case "greedy-threshold": {
      const threshold = opts.threshold ?? e.threshold;
      if (threshold === undefined) throw new Error("greedy-threshold needs min_project_score_threshold in META or --threshold");
      return { rule, ...greedy(e, { utility: "cost", tieBreak, threshold }) };
    }
    case "mes":
    case "mes-cardinality": {
      const r = mes(e, { ...add1Opts, utility: rule === "mes" ? utility : "cardinality" });
      return { rule, selected: r.selected, ties: r.ties, endowment: endowment(r), runs: r.runs };
    }
    case "mes-add1": {
      const r = mesAdd1(e, add1Opts);
      return { rule, selected: r.selected, ties: r.ties, endowment: endowment(r), runs: r.runs, ...(r.work && { work: r.work }) };
    }
    case "mes-add1u": {
      const r = mesAdd1(e, add1Opts);
      const done = greedy(e, { utility: "cost", tieBreak, initial: r.selected });
      const ties: Tie[] = [...r.ties, ...done.ties];
      return { rule, selected: done.selected, ties, endowment: endowment(r), runs: r.runs };
    }
    case "mes-add1-comparison": {
      const r = mesAdd1(e, add1Opts);
      const g = greedy(e, { utility: "cost", tieBreak });
      const greedyWon = prefers(e, g.selected, r.selected) > prefers(e, r.selected, g.selected);
      const chosen = greedyWon ? g : r;
      return { rule, selected: chosen.selected, ties: chosen.ties, endowment: endowment(r), greedyWon, runs: r.runs };
    }
  }
}

/** The JSON object of `pnyx pb compute --json`, keys in the contract's order. */
export interface ComputeSummary {
  rule: RuleName;
  selected: string[];
  cost: number;
  budget: number;
  budgetShare: number;
  votersWithFundedProject: number;
  ties: Tie[];
  endowment?: number;
}

/** The JSON object of `pnyx pb compute --json` (the contract; `endowment` for MES rules). */
export function summarize(e: Election, r: RuleResult): ComputeSummary {
  const cost = costOf(e, r.selected);
  const chosen = new Set(r.selected);
  const isChosen = new Uint8Array(e.projects.length);
  for (const j of chosen) isChosen[j] = 1;
  let funded = 0;
  for (const g of e.groups) if (g.projects.some((j) => isChosen[j] === 1)) funded += g.weight;
  const money = (v: bigint): number => toNumber(divInt({ n: v, d: 1n }, e.moneyScale));
  const out: ComputeSummary = {
    rule: r.rule,
    selected: r.selected.map((j) => e.projects[j]?.id ?? ""),
    cost: money(cost),
    budget: money(e.budget),
    budgetShare: e.budget === 0n ? 0 : toNumber(divInt({ n: cost, d: 1n }, e.budget)),
    votersWithFundedProject: funded,
    ties: r.ties,
  };
  if (r.endowment !== undefined) out.endowment = r.endowment;
  return out;
}
