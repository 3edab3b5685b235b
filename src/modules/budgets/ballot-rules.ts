/**
 * The ballot kinds' rules, pure (no database): whether a ballot may be checked out, whether a project
 * may be added or a change made, and the rules in words. Online ballots (routes.tsx) and paper ballots
 * (paper-routes.tsx) both validate through here, so a rule lives in one place.
 *
 * - knapsack: the costs never add up past the total; at least `minPercent` % of the total to check
 *   out; "vote for N to M projects" through `minProjects` / `maxProjects`.
 * - approval: at most `maxProjects`, at least `minProjects` (and at least one).
 * - cumulative: points are positive whole numbers, at most `maxPointsPerProject` on one project and
 *   `maxPoints` in all; at least `minProjects`.
 * - ordinal: ranks 1..k without gaps or repeats, k at most `maxLength` and at least `minProjects`.
 *
 * Limits (what must hold at every moment) and requirements (what must hold to check out) are kept
 * apart: a ballot being filled may be below its minimum, never above its maximum.
 */
import type { BallotRules, VoteType } from "./schema";

export type { BallotRules, VoteType };

/** What the rules need of a budget. */
export interface BallotBudget {
  total: number;
  voteType: VoteType;
  rules: BallotRules;
}

/** One project in a ballot: its cost, the points given (1 unless cumulative) and its rank (ordinal). */
export interface BallotItem {
  projectId: number;
  cost: number;
  points: number;
  rank: number | null;
}

/** Message keys (ballot-messages.ts) of the refusals; `values` are raw numbers (money unformatted, see MONEY_VALUES). */
export type BallotErrorKey =
  | "budgets.ballot.error.empty"
  | "budgets.ballot.error.duplicate"
  | "budgets.ballot.error.alreadyAdded"
  | "budgets.ballot.error.overBudget"
  | "budgets.ballot.error.overTotal"
  | "budgets.ballot.error.minPercent"
  | "budgets.ballot.error.minProjects"
  | "budgets.ballot.error.maxProjects"
  | "budgets.ballot.error.pointsInvalid"
  | "budgets.ballot.error.maxPoints"
  | "budgets.ballot.error.maxPointsPerProject"
  | "budgets.ballot.error.ranksInvalid"
  | "budgets.ballot.error.maxLength";

export type BallotRuleKey =
  | "budgets.ballot.rule.knapsack"
  | "budgets.ballot.rule.minPercent"
  | "budgets.ballot.rule.projectsRange"
  | "budgets.ballot.rule.minProjects"
  | "budgets.ballot.rule.maxProjects"
  | "budgets.ballot.rule.approval"
  | "budgets.ballot.rule.cumulative"
  | "budgets.ballot.rule.cumulativeOpen"
  | "budgets.ballot.rule.maxPointsPerProject"
  | "budgets.ballot.rule.ordinal"
  | "budgets.ballot.rule.ordinalOpen";

export type RuleValues = Record<string, number>;
export interface BallotError {
  key: BallotErrorKey;
  values: RuleValues;
}
export type BallotCheck = { ok: true } | { ok: false; errors: BallotError[] };

/** The values that are amounts of money (to format in the budget's currency before translating). */
export const MONEY_VALUES = new Set(["cost", "left", "spent", "total", "amount"]);

/** Amounts compared in hundredths, so 0.1 + 0.2 never exceeds 0.3. */
const cents = (x: number) => Math.round(x * 100);
const fromCents = (x: number) => x / 100;

const err = (key: BallotErrorKey, values: RuleValues = {}): BallotError => ({ key, values });
const result = (errors: BallotError[]): BallotCheck => (errors.length === 0 ? { ok: true } : { ok: false, errors });

/** What the ballot spends (knapsack), what is left, the points given and how many projects. */
export function ballotTotals(budget: BallotBudget, items: readonly BallotItem[]): { spent: number; left: number; points: number; projects: number } {
  const spent = items.reduce((s, i) => s + cents(i.cost), 0);
  return { spent: fromCents(spent), left: fromCents(cents(budget.total) - spent), points: items.reduce((s, i) => s + i.points, 0), projects: items.length };
}

/** The amount `minPercent` asks for (rounded up to the hundredth), or 0. */
export function minimumAmount(budget: BallotBudget): number {
  const percent = budget.voteType === "knapsack" ? (budget.rules.minPercent ?? 0) : 0;
  return percent > 0 ? fromCents(Math.ceil((cents(budget.total) * percent) / 100)) : 0;
}

/** At most this many projects in a ballot (null: no limit). */
export function maxProjectsOf(budget: BallotBudget): number | null {
  const { rules } = budget;
  if (budget.voteType === "ordinal") return positive(rules.maxLength) ?? positive(rules.maxProjects);
  return positive(rules.maxProjects);
}

const positive = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) && x > 0 ? x : null);

/** What must hold at every moment (while the ballot is filled, and at checkout). */
export function limitErrors(budget: BallotBudget, items: readonly BallotItem[]): BallotError[] {
  const errors: BallotError[] = [];
  const { rules } = budget;
  if (new Set(items.map((i) => i.projectId)).size !== items.length) errors.push(err("budgets.ballot.error.duplicate"));
  const totals = ballotTotals(budget, items);
  if (budget.voteType === "knapsack" && totals.left < 0) errors.push(err("budgets.ballot.error.overTotal", { spent: totals.spent, total: budget.total }));
  const max = maxProjectsOf(budget);
  if (max !== null && items.length > max) errors.push(err(budget.voteType === "ordinal" ? "budgets.ballot.error.maxLength" : "budgets.ballot.error.maxProjects", { max }));
  if (budget.voteType === "cumulative") {
    if (items.some((i) => !Number.isInteger(i.points) || i.points < 1)) errors.push(err("budgets.ballot.error.pointsInvalid"));
    const perProject = positive(rules.maxPointsPerProject);
    if (perProject !== null && items.some((i) => i.points > perProject)) errors.push(err("budgets.ballot.error.maxPointsPerProject", { max: perProject }));
    const maxPoints = positive(rules.maxPoints);
    if (maxPoints !== null && totals.points > maxPoints) errors.push(err("budgets.ballot.error.maxPoints", { max: maxPoints, used: totals.points }));
  }
  return errors;
}

/** What must hold to check out, besides the limits. */
export function requirementErrors(budget: BallotBudget, items: readonly BallotItem[]): BallotError[] {
  if (items.length === 0) return [err("budgets.ballot.error.empty")];
  const errors: BallotError[] = [];
  const minAmount = minimumAmount(budget);
  if (minAmount > 0 && cents(ballotTotals(budget, items).spent) < cents(minAmount)) {
    errors.push(err("budgets.ballot.error.minPercent", { percent: budget.rules.minPercent ?? 0, amount: minAmount }));
  }
  const min = positive(budget.rules.minProjects);
  if (min !== null && items.length < min) errors.push(err("budgets.ballot.error.minProjects", { min }));
  if (budget.voteType === "ordinal") {
    const ranks = items.map((i) => i.rank).sort((a, b) => (a ?? 0) - (b ?? 0));
    if (ranks.some((r, k) => r !== k + 1)) errors.push(err("budgets.ballot.error.ranksInvalid"));
  }
  return errors;
}

/** Whether the ballot may be checked out as it is, and if not, every reason. */
export function validateBallot(budget: BallotBudget, items: readonly BallotItem[]): BallotCheck {
  return result([...limitErrors(budget, items), ...requirementErrors(budget, items)]);
}

/**
 * Whether `project` may be added to the ballot (with its points and rank, defaults 1 and the next
 * rank). Only the limits: a ballot below its minimum is still being filled.
 */
export function canAdd(budget: BallotBudget, items: readonly BallotItem[], project: { projectId: number; cost: number; points?: number; rank?: number | null }): BallotCheck {
  if (items.some((i) => i.projectId === project.projectId)) return result([err("budgets.ballot.error.alreadyAdded")]);
  const left = ballotTotals(budget, items).left;
  if (budget.voteType === "knapsack" && cents(project.cost) > cents(left)) return result([err("budgets.ballot.error.overBudget", { cost: project.cost, left })]);
  const item: BallotItem = { projectId: project.projectId, cost: project.cost, points: project.points ?? 1, rank: budget.voteType === "ordinal" ? (project.rank ?? items.length + 1) : null };
  return canChange(budget, [...items, item]);
}

/** Whether a ballot may become `after` (points changed, ranks moved): only the limits. */
export function canChange(budget: BallotBudget, after: readonly BallotItem[]): BallotCheck {
  return result(limitErrors(budget, after));
}

/** Ranks 1..k in the order given, after moving `projectId` to `rank` (clamped to 1..k); the others keep their order. */
export function moveRank<T extends { projectId: number; rank: number | null }>(items: readonly T[], projectId: number, rank: number): T[] {
  const ordered = [...items].sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER));
  const moving = ordered.find((i) => i.projectId === projectId);
  if (!moving) return ordered.map((i, k) => ({ ...i, rank: k + 1 }));
  const rest = ordered.filter((i) => i.projectId !== projectId);
  const at = Math.min(Math.max(1, Math.trunc(rank)), rest.length + 1) - 1;
  rest.splice(at, 0, moving);
  return rest.map((i, k) => ({ ...i, rank: k + 1 }));
}

/** The rules of the budget in words (message keys and values), as the ballot panel shows them. */
export function describeRules(budget: BallotBudget): Array<{ key: BallotRuleKey; values: RuleValues }> {
  const { rules } = budget;
  const out: Array<{ key: BallotRuleKey; values: RuleValues }> = [];
  const min = positive(rules.minProjects);
  const max = maxProjectsOf(budget);
  const counts = () => {
    if (min !== null && max !== null) out.push({ key: "budgets.ballot.rule.projectsRange", values: { min, max } });
    else if (min !== null) out.push({ key: "budgets.ballot.rule.minProjects", values: { min } });
    else if (max !== null) out.push({ key: "budgets.ballot.rule.maxProjects", values: { max } });
  };
  switch (budget.voteType) {
    case "knapsack": {
      out.push({ key: "budgets.ballot.rule.knapsack", values: { total: budget.total } });
      const amount = minimumAmount(budget);
      if (amount > 0) out.push({ key: "budgets.ballot.rule.minPercent", values: { percent: rules.minPercent ?? 0, amount } });
      counts();
      break;
    }
    case "approval":
      out.push({ key: "budgets.ballot.rule.approval", values: {} });
      counts();
      break;
    case "cumulative": {
      const maxPoints = positive(rules.maxPoints);
      out.push(maxPoints !== null ? { key: "budgets.ballot.rule.cumulative", values: { max: maxPoints } } : { key: "budgets.ballot.rule.cumulativeOpen", values: {} });
      const perProject = positive(rules.maxPointsPerProject);
      if (perProject !== null) out.push({ key: "budgets.ballot.rule.maxPointsPerProject", values: { max: perProject } });
      counts();
      break;
    }
    case "ordinal":
      out.push(max !== null ? { key: "budgets.ballot.rule.ordinal", values: { max } } : { key: "budgets.ballot.rule.ordinalOpen", values: {} });
      if (min !== null) out.push({ key: "budgets.ballot.rule.minProjects", values: { min } });
      break;
  }
  return out;
}
