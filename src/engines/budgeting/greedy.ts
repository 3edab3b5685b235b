import type { Election, Project } from "./election";
import { breakTie, compareForTie, type Tie, type TieCriterion } from "./tie-break";

export interface Outcome {
  /** Project indices in selection order. */
  selected: number[];
  ties: Tie[];
}

export interface GreedyOptions {
  /** "cost": sort by score (approvals or points); "cardinality": by score per unit of cost. */
  utility: "cost" | "cardinality";
  /** Stop at the first project that does not fit instead of skipping it. */
  noSkip?: boolean;
  /** Drop projects whose score is below this before sorting. */
  threshold?: number;
  /** Projects that are already funded (completion after MES); they count against the budget. */
  initial?: readonly number[];
  tieBreak: readonly TieCriterion[];
}

/** Exact comparison of the greedy sort key: negative when `a` comes first. */
function compareKey(utility: "cost" | "cardinality", a: Project, b: Project): number {
  if (utility === "cost") return b.score - a.score;
  // score/cost descending, by cross-multiplication so that no float rounding reorders projects.
  const l = BigInt(a.score) * b.cost;
  const r = BigInt(b.score) * a.cost;
  return l > r ? -1 : l < r ? 1 : 0;
}

/**
 * Greedy by score (cost utility) or by score per cost (cardinality utility): add every project that
 * still fits, in that order, skipping (or stopping at) the ones that do not. Projects nobody supports
 * are never funded. Reports a tie when tied projects all fitted when their turn came and not all of
 * them could be funded, i.e. when the order between them decided the outcome.
 */
export function greedy(e: Election, opts: GreedyOptions): Outcome {
  const initial = new Set(opts.initial ?? []);
  let remaining = e.budget;
  for (const j of initial) remaining -= e.projects[j]?.cost ?? 0n;
  const order = e.projects
    .map((p, i) => ({ p, i }))
    .filter(({ p, i }) => !initial.has(i) && p.score > 0 && (opts.threshold === undefined || p.score >= opts.threshold))
    .sort((a, b) => compareKey(opts.utility, a.p, b.p) || compareForTie(opts.tieBreak, a.p, b.p));
  const selected: number[] = [...(opts.initial ?? [])];
  const ties: Tie[] = [];
  let k = 0;
  while (k < order.length) {
    const head = order[k];
    if (head === undefined) break;
    let end = k + 1;
    while (end < order.length && compareKey(opts.utility, head.p, order[end]?.p ?? head.p) === 0) end++;
    const group = order.slice(k, end);
    const fitAtStart = group.filter(({ p }) => p.cost <= remaining);
    let stop = false;
    const chosen: number[] = [];
    for (const { p, i } of group) {
      if (p.cost <= remaining) {
        remaining -= p.cost;
        selected.push(i);
        chosen.push(i);
      } else if (opts.noSkip) {
        stop = true;
        break;
      }
    }
    // With no-skip, a project that does not fit can end the run before a tied one that does.
    const contenders = opts.noSkip ? group : fitAtStart;
    if (contenders.length >= 2 && chosen.length < fitAtStart.length) {
      ties.push(breakTie(opts.tieBreak, contenders.map(({ p }) => p)).tie);
    }
    if (stop) break;
    k = end;
  }
  return { selected, ties };
}
