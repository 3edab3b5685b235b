/**
 * One selection end to end, in the calling thread: feasibility, the chosen algorithm, the person-level
 * results and the seeded draw. src/engines/sortition/runner.ts runs this in a worker thread.
 */
import { assertFeasible } from "./feasibility";
import { groupTypes } from "./groups";
import { getHighs } from "./highs";
import type { Hooks } from "./hooks";
import { legacyDraw, legacyEstimate } from "./legacy";
import { drawFromLottery, expandedSize, expandLottery, personProbabilities, representativeLottery } from "./lottery";
import { lpLottery } from "./lp-lottery";
import { PanelOracle } from "./oracle";
import { SortitionInputError, type Algorithm, type Pool } from "./model";
import { Sha256Ctr, sha256Hex } from "./prng";
import { gini, quotaFill, type QuotaFill } from "./stats";

/** Largest lottery written as concrete panels (each holds k ids, so this bounds the output size). */
export const MAX_EXPANDED_PANELS = 100_000;

export interface SelectOptions {
  algorithm: Algorithm;
  /** Hex seed of the draw (see draw.ts); every random choice comes from it. */
  seed: string;
  /** LEGACY only: Monte-Carlo runs for the probability estimate. */
  runs?: number;
  /** LP algorithms: multiplicative-weight rounds seeding the column generation (default: two per type, at most 2,000). */
  initialRounds?: number;
  /**
   * Write the lottery as concrete panels (default true). On large pools this is up to (panels × people)
   * panels; callers that only need probabilities and the draw (the benchmark) turn it off.
   */
  expandLottery?: boolean;
}

export interface Selection {
  algorithm: Algorithm;
  /** Drawn panel, person indices in file order. */
  panel: number[];
  /** Selection probability of each person (estimated for LEGACY). */
  probability: Float64Array;
  /** The lottery as concrete panels (empty when `expandLottery` was false). */
  lottery: { members: number[]; probability: number }[];
  /**
   * True when every person's probability is the sum of the lottery panels holding them. False when the
   * exact expansion would exceed MAX_EXPANDED_PANELS: each type-level panel is then shown by one
   * representative concrete panel (valid, with the right weight), and only `probability` is exact.
   */
  lotteryExact: boolean;
  minProbability: number;
  gini: number;
  estimated: boolean;
  quotaFill: QuotaFill[];
  iterations: number;
  /** MAXIMIN / LEXIMIN: number of distinct guaranteed probability levels. */
  levels?: number;
  ms: number;
}

/** Runs `options.algorithm` on the pool and draws a panel from `options.seed`; throws SortitionInputError when infeasible. */
export async function select(pool: Pool, options: SelectOptions, hooks: Hooks = {}): Promise<Selection> {
  const start = performance.now();
  const highs = await getHighs();
  const tp = groupTypes(pool);
  const oracle = new PanelOracle(highs, tp);
  try {
    assertFeasible(highs, tp, oracle.best(new Float64Array(tp.types.length)) !== null);
  } finally {
    oracle.dispose();
  }
  const rng = new Sha256Ctr(options.seed);
  const finish = (s: Omit<Selection, "minProbability" | "gini" | "quotaFill" | "ms" | "algorithm">): Selection => ({
    algorithm: options.algorithm,
    ...s,
    minProbability: s.probability.length ? Math.min(...s.probability) : 0,
    gini: gini(s.probability),
    quotaFill: quotaFill(pool, s.panel),
    ms: Math.round(performance.now() - start),
  });
  if (options.algorithm === "legacy") {
    const panel = legacyDraw(pool, rng);
    if (!panel) throw new SortitionInputError([{ kind: "infeasible", message: "LEGACY failed to fill the quotas in 100 attempts (the quotas are feasible: try an LP-based algorithm)" }]);
    const runs = options.runs ?? 10_000;
    // A separate stream, so that changing the number of runs never changes the drawn panel.
    const est = legacyEstimate(pool, runs, new Sha256Ctr(sha256Hex(`${options.seed}/estimate`)), (done) =>
      hooks.onProgress?.({ phase: "legacy", iterations: done, minProbability: null }),
    );
    const lottery = est.lottery.map((e) => ({ members: e.panel, probability: e.probability }));
    return finish({ panel, probability: est.probability, lottery, lotteryExact: true, estimated: true, iterations: runs });
  }
  const lot = await lpLottery(tp, options.algorithm, hooks, options.initialRounds);
  const panel = drawFromLottery(tp, lot.panels, lot.lambda, rng);
  const probability = personProbabilities(tp, lot.typeProbability);
  const levels = lot.levels === undefined ? {} : { levels: lot.levels };
  if (options.expandLottery === false) return finish({ panel, probability, lottery: [], lotteryExact: false, estimated: false, iterations: lot.iterations, ...levels });
  const exact = expandedSize(tp, lot.panels) <= MAX_EXPANDED_PANELS;
  const lottery = exact ? expandLottery(tp, lot.panels, lot.lambda) : representativeLottery(tp, lot.panels, lot.lambda);
  return finish({ panel, probability, lottery, lotteryExact: exact, estimated: false, iterations: lot.iterations, ...levels });
}
