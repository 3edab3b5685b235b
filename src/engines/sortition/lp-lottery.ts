/** Runs an LP-based algorithm (MAXIMIN, LEXIMIN, NASH) end to end on a typed pool: a lottery over type-level panels. */
import type { TypePanel, TypedPool } from "./groups";
import { finalLottery } from "./final-lp";
import { getHighs } from "./highs";
import type { Hooks } from "./hooks";
import { leximinLevels } from "./leximin";
import { nashLottery } from "./nash";
import { PanelOracle } from "./oracle";
import { PanelSet } from "./panel-set";
import { seedPanels } from "./initial-panels";

export interface TypeLottery {
  panels: TypePanel[];
  /** Probability of each panel; sums to 1. */
  lambda: Float64Array;
  /** Achieved selection probability of each member of each type under λ. */
  typeProbability: Float64Array;
  iterations: number;
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

/** Computes the MAXIMIN, LEXIMIN or NASH lottery; the pool must be feasible (checked beforehand). */
export async function lpLottery(tp: TypedPool, algorithm: "maximin" | "leximin" | "nash", hooks: Hooks = {}, rounds = initialRounds(tp)): Promise<TypeLottery> {
  const highs = await getHighs();
  const oracle = new PanelOracle(highs, tp);
  try {
    const panels = new PanelSet();
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
    // Drop panels with no weight: they are not part of the lottery.
    const keep = [...lambda.keys()].filter((i) => (lambda[i] ?? 0) > 0);
    const kept = keep.map((i) => panels.panels[i] as TypePanel);
    const weights = Float64Array.from(keep, (i) => lambda[i] ?? 0);
    return { panels: kept, lambda: weights, typeProbability: typeProbabilities(tp, kept, weights), iterations: levels.iterations };
  } finally {
    oracle.dispose();
  }
}
