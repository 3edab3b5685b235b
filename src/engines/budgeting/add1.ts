import type { Election } from "./election";
import { add, frac, type Frac } from "./fraction";
import type { Outcome } from "./greedy";
import { mesFast, prepareMes, type MesWork, type RoundBounds } from "./mes-fast";
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
  /** false: the optimised MES computes Add1's steps one at a time, without bounds (tests). */
  blocks?: boolean;
}

export interface MesResult extends Outcome {
  /** Per-voter budget of the run whose outcome is returned, in scaled money units. */
  perVoter: Frac;
  /** Number of MES runs Add1 needed (1 for bare MES). */
  runs: number;
  /** Work counts of the optimised implementation (absent for the reference), to explain timings. */
  work?: MesWork;
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

interface Runner {
  run: (perVoter: Frac, richer: readonly RoundBounds[]) => Outcome & { bounds?: RoundBounds };
  work: () => MesWork | undefined;
}

function runner(e: Election, opts: Add1Options): Runner {
  if (opts.impl === "reference") return { run: (pv) => mesReference(e, pv, opts), work: () => undefined };
  const prep = prepareMes(e, opts.utility);
  return { run: (pv, richer) => mesFast(prep, pv, opts.tieBreak, richer), work: () => ({ ...prep.work }) };
}

/** Bare MES with the real budget shared equally: B/n per voter. */
export function mes(e: Election, opts: Add1Options): MesResult {
  const perVoter = frac(e.budget, BigInt(Math.max(1, e.voterCount)));
  const r = runner(e, opts);
  const { selected, ties } = r.run(perVoter, []);
  return withWork({ selected, ties, perVoter, runs: 1 }, r.work());
}

/** Bounds on the number of Add1 steps computed ahead at once (see mesAdd1). */
const MIN_BLOCK = 4;
const MAX_BLOCK = 64;
const FIRST_BLOCK = 16;
const SAFETY = 2;

/**
 * Steps to compute ahead: about a SAFETY-th of the steps the budget left would last at the average
 * spending growth per step so far, so that blocks shrink as the answer nears (the steps computed past
 * it are wasted) and are long elsewhere (a block's first run gets no bounds). Only speed depends on it.
 */
function blockSize(e: Election, first: Outcome, best: { k: number; out: Outcome }): number {
  if (best.k === 0) return FIRST_BLOCK;
  const growth = Number(costOf(e, best.out.selected) - costOf(e, first.selected)) / best.k;
  const left = Number(e.budget - costOf(e, best.out.selected));
  const steps = growth > 0 ? left / growth / SAFETY : MAX_BLOCK;
  return Math.max(MIN_BLOCK, Math.min(MAX_BLOCK, Math.floor(steps)));
}

/**
 * MES with Add1 completion, the official semantics: raise every voter's budget by one currency unit per
 * step while the outcome still fits the real budget; return the last outcome that fitted. Stops early
 * only when every fundable project is already funded (more money cannot change anything), or, with
 * `exhaustive`, once an outcome is exhaustive.
 *
 * The optimised implementation computes the steps in blocks of BLOCK, each block from its richest step
 * down, so that every run but the first of a block gets the bounds of the run one unit richer (mesFast:
 * a richer run's bounds hold for a poorer one while both fund the same winners), then reads the block
 * in increasing order as the plain loop does. Its outcome is the plain loop's; it may compute up to
 * BLOCK − 1 steps past the answer. The reference computes one step at a time.
 */
export function mesAdd1(e: Election, opts: Add1Options): MesResult {
  const n = BigInt(Math.max(1, e.voterCount));
  const r = runner(e, opts);
  // MES only ever funds projects that cost something and have a supporter (votes counts those).
  const fundable = e.projects.filter((p) => p.cost > 0n && p.votes > 0).length;
  const start = opts.integral ? frac((e.budget / n / e.moneyScale) * e.moneyScale) : frac(e.budget, n);
  const perVoterAt = (k: number): Frac => add(start, frac(e.moneyScale * BigInt(k)));
  let runs = 0;
  const runAt = (k: number, richer: readonly RoundBounds[]): Outcome & { bounds?: RoundBounds } => {
    runs++;
    return r.run(perVoterAt(k), richer);
  };
  const fits = (o: Outcome): boolean => costOf(e, o.selected) <= e.budget;
  const stop = (o: Outcome): boolean => o.selected.length >= fundable || (opts.exhaustive === true && isExhaustive(e, o.selected));
  const plain = opts.impl === "reference" || opts.blocks === false;
  // The first run always fits: each voter holds at most B/n, so MES spends at most B.
  const first = runAt(0, []);
  let best = { k: 0, out: first };
  search: for (;;) {
    if (stop(best.out)) break;
    const block = plain ? 1 : blockSize(e, first, best);
    const outs: Outcome[] = [];
    let richer: RoundBounds[] = [];
    for (let i = block; i >= 1; i--) {
      const out = runAt(best.k + i, richer);
      outs[i] = { selected: out.selected, ties: out.ties }; // bounds are only lent to the next run
      richer = out.bounds === undefined ? [] : [out.bounds];
    }
    for (let i = 1; i <= block; i++) {
      const out = outs[i];
      if (out === undefined || !fits(out)) break search;
      best = { k: best.k + 1, out };
      if (stop(out)) break search;
    }
  }
  const { selected, ties } = best.out;
  return withWork({ selected, ties, perVoter: perVoterAt(best.k), runs }, r.work());
}

function withWork(result: MesResult, work: MesWork | undefined): MesResult {
  if (work !== undefined) result.work = work;
  return result;
}
