/**
 * Computes a budget's outcome with one of the engine's rules (pure; runs in the outcome worker thread).
 * The computation reads exactly the pabulib text of the budget (pabulib-file.ts), whose SHA-256 is the
 * outcome's `inputsDigest`: the open-data file lets anyone recompute it with any pabulib tool.
 *
 * The engine decides; this module only explains its decision: each project's votes and score, for
 * greedy its position and the budget left when its turn came, for MES the round it was bought in, the
 * price each supporter paid and its effective support (replaying the returned run's payments).
 */
import { createHash } from "node:crypto";
import { buildElection, type Election } from "../../engines/budgeting/election";
import { makeElection, type BallotInput } from "../../engines/budgeting/election-builder";
import { divInt, toNumber } from "../../engines/budgeting/fraction";
import { readPb } from "../../engines/budgeting/pb-read";
import { computeRule, type RuleResult } from "../../engines/budgeting/rules";
import { compareForTie, DEFAULT_TIE_BREAK } from "../../engines/budgeting/tie-break";
import { budgetPbText, fileIds, unvotedProjects, type BudgetExport, type FileRule } from "./pabulib-file";
import type { OutcomeProject, OutcomeResult } from "./schema";

export interface ComputedOutcome {
  /** The pabulib text the computation read, and its SHA-256 (hex). */
  text: string;
  digest: string;
  result: OutcomeResult;
}

/** SHA-256 of a pabulib text, hex: the outcome's inputs digest. */
export const digestOf = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

/** Computes the outcome; throws with a readable message when the rule cannot be computed. */
export function computeOutcome(data: BudgetExport, rule: FileRule): ComputedOutcome {
  const { text, ids, unvoted } = budgetPbText(data, rule);
  return { text, digest: digestOf(text), result: resultOf(data, rule, ids, unvoted, () => text) };
}

/**
 * The outcome alone, the same as `computeOutcome`'s, without writing the pabulib text when the
 * election can be built from the rows (the outcome worker writes the text and its digest in a second
 * thread meanwhile: outcome-worker-client.ts).
 */
export function computeOutcomeResult(data: BudgetExport, rule: FileRule): OutcomeResult {
  return resultOf(data, rule, fileIds(data.projects), unvotedProjects(data), () => budgetPbText(data, rule).text);
}

/** The digest of the pabulib text `computeOutcome` reads (the outcome's `inputsDigest`). */
export const computeOutcomeDigest = (data: BudgetExport, rule: FileRule): string => digestOf(budgetPbText(data, rule).text);

function resultOf(data: BudgetExport, rule: FileRule, ids: Map<number, string>, unvoted: readonly { id: number }[], text: () => string): OutcomeResult {
  const e = directElection(data, rule, ids, unvoted) ?? electionOfText(text());
  if (rule.rule === "greedy-threshold" && e.threshold === undefined) throw new Error("greedy-threshold needs a threshold");
  const r = e.projects.length === 0 ? ({ rule: rule.rule, selected: [], ties: [] } satisfies RuleResult) : computeRule(e, rule.rule, rule.threshold === undefined ? {} : { threshold: rule.threshold });
  return explain(data, ids, e, r, rule);
}

/** The election of the budget's pabulib text, as any pabulib tool reads it. */
function electionOfText(text: string): Election {
  const { file, problems } = readPb(text);
  const built = buildElection(file);
  const fatal = [...problems, ...built.problems];
  if (fatal.length > 0) throw new Error(`the budget's file cannot be computed: line ${fatal[0]?.line}: ${fatal[0]?.message}`);
  return built.election;
}

/**
 * The same election built straight from the rows (the engine's makeElection), skipping the parse of
 * the text: the same projects in the same order, the same ids, ballots and points (ordinal: max_length
 * − rank, as the reader scores them). Only for whole amounts (makeElection's money has no decimals);
 * null otherwise, and the text is read instead.
 */
function directElection(data: BudgetExport, rule: FileRule, ids: Map<number, string>, unvoted: readonly { id: number }[]): Election | null {
  if (!Number.isInteger(data.total) || data.projects.some((p) => !Number.isInteger(p.cost))) return null;
  const left = new Set(unvoted.map((p) => p.id));
  const projects = data.projects.filter((p) => !left.has(p.id)).map((p) => ({ id: ids.get(p.id) ?? String(p.id), cost: p.cost }));
  const ordinal = data.voteType === "ordinal";
  const points = data.voteType === "cumulative";
  const top = ordinal ? (data.rules.maxLength ?? data.rules.maxProjects) : undefined;
  const ballots: BallotInput[] = data.ballots.map((b) => {
    const named = b.projects.map((p) => ids.get(p) ?? String(p));
    if (!ordinal && !points) return { projects: named };
    const scored: Record<string, number> = {};
    named.forEach((id, r) => {
      if (scored[id] === undefined) scored[id] = ordinal ? (top !== undefined && top > 0 ? top : named.length) - r : (b.points[r] ?? 0);
    });
    return { projects: scored };
  });
  const threshold = rule.rule === "greedy-threshold" ? rule.threshold : undefined;
  return makeElection({ budget: data.total, projects, ballots, voteType: ordinal ? "ordinal" : points ? "cumulative" : "approval", ...(threshold === undefined ? {} : { threshold }) });
}

const moneyOf = (e: Election, v: bigint): number => toNumber(divInt({ n: v, d: 1n }, e.moneyScale));

function explain(data: BudgetExport, ids: Map<number, string>, e: Election, r: RuleResult, rule: FileRule): OutcomeResult {
  const index = new Map(e.projects.map((p, j) => [p.id, j]));
  const chosen = new Set(r.selected);
  const tied = new Set(r.ties.flatMap((t) => t.candidates));
  const detail = new Map<number, Partial<OutcomeProject>>();
  if (rule.rule === "mes-add1") replayMes(e, r, detail);
  else explainGreedy(e, r, rule.threshold ?? e.threshold, detail);
  const spentScaled = r.selected.reduce((s, j) => s + (e.projects[j]?.cost ?? 0n), 0n);
  const projects: OutcomeProject[] = data.projects.map((p) => {
    const id = ids.get(p.id) ?? String(p.id);
    const j = index.get(id);
    const ep = j === undefined ? undefined : e.projects[j];
    const out: OutcomeProject = { id, projectId: p.id, cost: p.cost, votes: ep?.votes ?? 0, selected: j !== undefined && chosen.has(j) };
    if (e.hasPoints) out.score = ep?.score ?? 0;
    if (j !== undefined) Object.assign(out, detail.get(j));
    if (tied.has(id)) out.tie = true;
    return out;
  });
  const result: OutcomeResult = {
    rule: rule.rule,
    selected: r.selected.map((j) => e.projects[j]?.id ?? ""),
    projects,
    spent: moneyOf(e, spentScaled),
    ballots: e.voterCount,
  };
  if (r.endowment !== undefined) result.endowment = r.endowment;
  const threshold = rule.threshold ?? e.threshold;
  if (rule.rule === "greedy-threshold" && threshold !== undefined) result.threshold = threshold;
  return result;
}

/** Greedy's order (score, then the engine's tie-break), each project's position and the budget left at its turn. */
function explainGreedy(e: Election, r: RuleResult, threshold: number | undefined, detail: Map<number, Partial<OutcomeProject>>): void {
  const chosen = new Set(r.selected);
  const order = e.projects.map((p, j) => ({ p, j })).sort((a, b) => b.p.score - a.p.score || compareForTie(DEFAULT_TIE_BREAK, a.p, b.p));
  let left = e.budget;
  order.forEach(({ p, j }, k) => {
    const d: Partial<OutcomeProject> = { position: k + 1, leftWhenConsidered: moneyOf(e, left) };
    if (threshold !== undefined && p.score < threshold) d.belowThreshold = true;
    if (chosen.has(j)) left -= p.cost;
    detail.set(j, d);
  });
}

/**
 * Replays the returned MES run's rounds at its per-voter budget (doubles: an explanation, the engine
 * decided exactly): each supporter pays min(budget left, ρ·utility); the price per voter is what a
 * supporter who could afford it paid, the effective support the cost over that price.
 */
function replayMes(e: Election, r: RuleResult, detail: Map<number, Partial<OutcomeProject>>): void {
  const scale = Number(e.moneyScale);
  const perVoter = (r.endowment ?? 0) * scale;
  const budgets = e.groups.map(() => perVoter);
  const supporters: Array<Array<{ g: number; u: number }>> = e.projects.map(() => []);
  e.groups.forEach((grp, g) => grp.projects.forEach((j, k) => supporters[j]?.push({ g, u: e.hasPoints ? (grp.points[k] ?? 0) : Number(e.projects[j]?.cost ?? 0n) })));
  r.selected.forEach((j, round) => {
    const cost = Number(e.projects[j]?.cost ?? 0n);
    const s = [...(supporters[j] ?? [])].filter((x) => x.u > 0).sort((a, b) => (budgets[a.g] ?? 0) / a.u - (budgets[b.g] ?? 0) / b.u);
    let paid = 0;
    let utility = s.reduce((t, x) => t + x.u * (e.groups[x.g]?.weight ?? 0), 0);
    let rho = 0;
    for (const x of s) {
      rho = utility > 0 ? (cost - paid) / utility : 0;
      const b = budgets[x.g] ?? 0;
      if (rho * x.u <= b) break;
      paid += b * (e.groups[x.g]?.weight ?? 0);
      utility -= x.u * (e.groups[x.g]?.weight ?? 0);
    }
    for (const x of s) budgets[x.g] = Math.max(0, (budgets[x.g] ?? 0) - Math.min(budgets[x.g] ?? 0, rho * x.u));
    // Approval ballots (cost utility): a supporter pays ρ·cost; points ballots: ρ per point.
    const price = e.hasPoints ? rho : rho * cost;
    detail.set(j, { round: round + 1, pricePerVoter: Math.round((price / scale) * 100) / 100, effectiveSupport: price > 0 ? Math.round((cost / price) * 100) / 100 : 0 });
  });
  const left = moneyOf(e, e.budget - r.selected.reduce((t, j) => t + (e.projects[j]?.cost ?? 0n), 0n));
  e.projects.forEach((_, j) => {
    if (!detail.has(j)) detail.set(j, { leftWhenConsidered: left });
  });
}
