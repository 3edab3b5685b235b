/** Runs an LP-based algorithm (MAXIMIN, LEXIMIN, NASH) end to end on a typed pool: a lottery over type-level panels. */
import type { Highs } from "highs";
import type { TypePanel, TypedPool } from "./groups";
import { finalLottery } from "./final-lp";
import { getHighs } from "./highs";
import type { Hooks } from "./hooks";
import { leximinLevels } from "./leximin";
import { nashLottery } from "./nash";
import { PanelOracle } from "./oracle";
import { PanelSet } from "./panel-set";
import { seedPanels } from "./initial-panels";
import { relaxedLeximin } from "./relaxed-leximin";
import { decompose } from "./decompose";
import { peel } from "./peel";

export interface TypeLottery {
  panels: TypePanel[];
  /** Probability of each panel; sums to 1. */
  lambda: Float64Array;
  /** Achieved selection probability of each member of each type under λ. */
  typeProbability: Float64Array;
  iterations: number;
  /** LEXIMIN / MAXIMIN: number of distinct guaranteed levels (1 for MAXIMIN). */
  levels?: number;
}

/** Shortfall below the relaxed LEXIMIN that still counts as reaching it (the LP's feasibility tolerance). */
const REACH_TOL = 1e-7;
/**
 * The lottery LP aims at a shortfall of 1e-9; after 20 pricing rounds it accepts 5e-8 (inside REACH_TOL,
 * so that clipping and renormalising keep within it: insisting on 1e-9 made it tail off for minutes on
 * 2,000 people); after 200 the level-by-level method takes over.
 */
const DECOMPOSE_LIMITS = { tolerance: 1e-9, loose: 5e-8, looseAfter: 20, maxRounds: 200 } as const;

/** Number of distinct values (more than 1e-7 apart) in a vector of levels. */
export function distinctLevels(levels: ArrayLike<number>): number {
  const sorted = Array.from(levels).sort((a, b) => a - b);
  return sorted.filter((v, i) => i === 0 || v - (sorted[i - 1] ?? 0) > 1e-7).length;
}

/** Probability of each type's members under the lottery: Σ_P λ_P n_t(P) / size_t. */
export function typeProbabilities(tp: TypedPool, panels: readonly TypePanel[], lambda: ArrayLike<number>): Float64Array {
  const out = new Float64Array(tp.types.length);
  panels.forEach((p, i) => p.forEach((c, t) => (out[t] = (out[t] ?? 0) + ((lambda[i] ?? 0) * c) / (tp.types[t]?.members.length ?? 1))));
  return out;
}

/** Initial multiplicative-weight rounds: two per type, bounded for huge pools. */
export function initialRounds(tp: TypedPool): number {
  // Measured on the 2,000-person benchmark pool (873 types): 400 rounds left a master LP that took
  // many slow re-solves to reach the first level; 1,500 rounds reached it with the first solve.
  return Math.min(2 * tp.types.length, 2000);
}

/**
 * Computes the MAXIMIN, LEXIMIN or NASH lottery; the pool must be feasible (checked beforehand).
 * LEXIMIN goes through its relaxation first; `viaRelaxation = false` runs the level-by-level column
 * generation only (the reference the tests compare against).
 */
export async function lpLottery(tp: TypedPool, algorithm: "maximin" | "leximin" | "nash", hooks: Hooks = {}, rounds = initialRounds(tp), viaRelaxation = true): Promise<TypeLottery> {
  const highs = await getHighs();
  const oracle = new PanelOracle(highs, tp);
  try {
    const panels = new PanelSet();
    if (algorithm === "leximin" && viaRelaxation) {
      const direct = leximinByRelaxation(highs, oracle, panels, hooks);
      if (direct) return direct;
    }
    seedPanels(oracle, tp, panels, rounds, hooks);
    if (algorithm === "nash") {
      const { lambda, iterations } = nashLottery(oracle, panels, hooks);
      return { panels: panels.panels, lambda, typeProbability: typeProbabilities(tp, panels.panels, lambda), iterations };
    }
    const levels = leximinLevels(highs, oracle, panels, algorithm === "maximin", hooks);
    hooks.onProgress?.({ phase: "final", iterations: levels.iterations, minProbability: Math.min(...levels.typeProbability), panels: panels.size });
    // The last master LP already holds a lottery meeting every fixed level; the final LP (spec B3 step 4)
    // is solved only when that one is off by more than solver tolerances.
    const total = levels.lambda.reduce((s, v) => s + v, 0);
    const reached = typeProbabilities(tp, panels.panels, levels.lambda.map((v) => v / total));
    const masterOk = Math.abs(total - 1) < 1e-6 && reached.every((p, t) => p >= (levels.typeProbability[t] ?? 0) - 1e-7);
    const lambda = masterOk ? levels.lambda.map((v) => v / total) : finalLottery(highs, tp, panels, levels.typeProbability);
    return keepUsed(tp, panels.panels, lambda, levels.iterations, distinctLevels(levels.typeProbability));
  } finally {
    oracle.dispose();
  }
}

/**
 * LEXIMIN through its relaxation (relaxed-leximin.ts): the relaxed optimum is an upper bound, so a lottery
 * over real panels that reaches it (by peeling, finished by column generation if needed) is optimal.
 * Null when the relaxation is not reached; `panels` then holds every panel found, for the level loop.
 */
function leximinByRelaxation(highs: Highs, oracle: PanelOracle, panels: PanelSet, hooks: Hooks): TypeLottery | null {
  const tp = oracle.tp;
  const relaxed = relaxedLeximin(highs, tp, hooks);
  if (!relaxed) return null;
  const target = relaxed.typeProbability;
  const levels = distinctLevels(target);
  const peeled = peel(oracle, target, hooks);
  const lambda = new Float64Array(peeled.panels.length);
  peeled.panels.forEach((p, i) => {
    const { index } = panels.add(p);
    lambda[index] = (lambda[index] ?? 0) + (peeled.weights[i] ?? 0);
  });
  const reaches = (w: Float64Array): boolean => {
    const total = w.reduce((s, v) => s + v, 0);
    const got = typeProbabilities(tp, panels.panels, w.map((v) => v / total));
    return got.every((p, t) => p >= (target[t] ?? 0) - REACH_TOL);
  };
  hooks.onProgress?.({ phase: "leximin", iterations: peeled.steps, minProbability: Math.min(...target), fixed: tp.types.length, types: tp.types.length, panels: panels.size });
  if (peeled.remaining <= 1e-9 && reaches(lambda.subarray(0, panels.size))) return keepUsed(tp, panels.panels, Float64Array.from(lambda.subarray(0, panels.size)), peeled.steps, levels);
  const d = decompose(highs, oracle, panels, target, DECOMPOSE_LIMITS, hooks);
  return d.reached && reaches(d.lambda) ? keepUsed(tp, panels.panels, d.lambda, peeled.steps + d.iterations, levels) : null;
}

/** The lottery without the panels of weight 0 (they are not part of it), renormalised. */
function keepUsed(tp: TypedPool, all: readonly TypePanel[], lambda: Float64Array, iterations: number, levels: number): TypeLottery {
  const total = lambda.reduce((s, v) => s + v, 0);
  const keep = [...lambda.keys()].filter((i) => (lambda[i] ?? 0) > 0);
  const kept = keep.map((i) => all[i] as TypePanel);
  const weights = Float64Array.from(keep, (i) => (lambda[i] ?? 0) / total);
  return { panels: kept, lambda: weights, typeProbability: typeProbabilities(tp, kept, weights), iterations, levels };
}
