import type { Election } from "./election";
import { add, frac, type Frac } from "./fraction";
import type { Outcome } from "./greedy";
import { mesFast, prepareMes } from "./mes-fast";
import { mesReference, type MesUtility } from "./mes-reference";
import type { TieCriterion } from "./tie-break";

export interface Add1Options {
  utility: MesUtility;
  tieBreak: readonly TieCriterion[];
  /** Start from ⌊B/n⌋ per voter instead of B/n (the compute tool's `integral`). */
  integral?: boolean;
  /** Also stop once an outcome is exhaustive (the tool's `exhaustive`; not the official default). */
  exhaustive?: boolean;
  /** "reference" runs the plain exact MES; used by tests to check the optimised one. */
  impl?: "fast" | "reference";
}

export interface MesResult extends Outcome {
  /** Per-voter budget of the run whose outcome is returned, in scaled money units. */
  perVoter: Frac;
  /** Number of MES runs Add1 needed (1 for bare MES). */
  runs: number;
}

/** Total cost of a set of projects, exact. */
export function costOf(e: Election, selected: readonly number[]): bigint {
  let s = 0n;
  for (const j of selected) s += e.projects[j]?.cost ?? 0n;
  return s;
}

/** True when no unselected project fits in what the outcome leaves of the budget. */
export function isExhaustive(e: Election, selected: readonly number[]): boolean {
  const left = e.budget - costOf(e, selected);
  const chosen = new Set(selected);
  return !e.projects.some((p, j) => !chosen.has(j) && p.cost <= left);
}

function runner(e: Election, opts: Add1Options): (perVoter: Frac) => Outcome {
  if (opts.impl === "reference") return (pv) => mesReference(e, pv, opts);
  const prep = prepareMes(e, opts.utility);
  return (pv) => mesFast(prep, pv, opts.tieBreak);
}

/** Bare MES with the real budget shared equally: B/n per voter. */
export function mes(e: Election, opts: Add1Options): MesResult {
  const perVoter = frac(e.budget, BigInt(Math.max(1, e.voterCount)));
  return { ...runner(e, opts)(perVoter), perVoter, runs: 1 };
}

/**
 * MES with Add1 completion, the official semantics: raise every voter's budget by one currency unit per
 * step while the outcome still fits the real budget; return the last outcome that fitted. Stops early
 * only when every fundable project is already funded (more money cannot change anything), or, with
 * `exhaustive`, once an outcome is exhaustive.
 */
export function mesAdd1(e: Election, opts: Add1Options): MesResult {
  const n = BigInt(Math.max(1, e.voterCount));
  const run = runner(e, opts);
  // MES only ever funds projects that cost something and have a supporter (votes counts those).
  const fundable = e.projects.filter((p) => p.cost > 0n && p.votes > 0).length;
  let perVoter = opts.integral ? frac((e.budget / n / e.moneyScale) * e.moneyScale) : frac(e.budget, n);
  const step = frac(e.moneyScale);
  let best = run(perVoter);
  let runs = 1;
  // The first run always fits: each voter holds at most B/n, so MES spends at most B.
  for (;;) {
    if (best.selected.length >= fundable) break;
    if (opts.exhaustive && isExhaustive(e, best.selected)) break;
    const next = add(perVoter, step);
    const out = run(next);
    runs++;
    if (costOf(e, out.selected) > e.budget) break;
    best = out;
    perVoter = next;
  }
  return { ...best, perVoter, runs };
}
