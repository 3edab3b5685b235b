/**
 * LEXIMIN over the LP relaxation of the panel polytope (fractional panels allowed): a sequence of small
 * LPs over one probability per type, no column generation. Every lottery over real panels gives a point
 * of this relaxation, so its result bounds LEXIMIN from above; when a lottery over real panels reaches it
 * (decompose.ts), that lottery is LEXIMIN-optimal. On the pools measured here it always was.
 */
import type { Highs } from "highs";
import type { TypedPool } from "./groups";
import { QUIET } from "./highs";
import { checkCancelled, type Hooks } from "./hooks";

export interface RelaxedLeximin {
  /** Per-member probability of each type, level by level maximal. */
  typeProbability: Float64Array;
  /** Outer iterations (LP solves that fixed at least one type). */
  rounds: number;
}

/** A type is fixed when its dual weight exceeds this (the weights of the unfixed types sum to 1). */
const FIX_TOL = 1e-9;

/** Leximin over fractional panels; null when HiGHS does not reach optimality (the caller falls back). */
export function relaxedLeximin(highs: Highs, tp: TypedPool, hooks: Hooks = {}): RelaxedLeximin | null {
  const { pool, types, households } = tp;
  const T = types.length;
  const nq = pool.quotas.length;
  const householdOf = new Map<number, number>();
  households.forEach((h, hi) => h.forEach((t) => householdOf.set(t, hi)));
  // Columns: p_0..p_{T-1} (probability of each member of the type), then z. Rows: k, quotas, households
  // (in expected counts), then p_t − z ≥ 0 for each type (p_t ≥ its level once fixed).
  const levelRow = 1 + nq + households.length;
  const numRows = levelRow + T;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  types.forEach((type, t) => {
    const size = type.members.length;
    const entries: [number, number][] = [[0, size], ...type.features.map((f): [number, number] => [1 + f, size])];
    const h = householdOf.get(t);
    if (h !== undefined) entries.push([1 + nq + h, 1]);
    entries.push([levelRow + t, 1]);
    entries.sort((a, b) => a[0] - b[0]);
    for (const [row, value] of entries) {
      indices.push(row);
      values.push(value);
    }
    starts.push(indices.length);
  });
  for (let t = 0; t < T; t++) {
    indices.push(levelRow + t);
    values.push(-1);
  }
  starts.push(indices.length);
  const model = highs.createModel({
    numCols: T + 1,
    numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: [...new Array<number>(T).fill(0), 1],
    colLower: new Array<number>(T + 1).fill(0),
    colUpper: [...new Array<number>(T).fill(1), highs.infinity],
    rowLower: [pool.k, ...pool.quotas.map((q) => q.min), ...households.map(() => 0), ...new Array<number>(T).fill(0)],
    rowUpper: [pool.k, ...pool.quotas.map((q) => q.max), ...households.map(() => 1), ...new Array<number>(T).fill(highs.infinity)],
    matrix: { format: "csc", numRows, numCols: T + 1, starts, indices, values },
  });
  try {
    model.options.set({ ...QUIET, solver: "simplex" });
    const fixed = new Uint8Array(T);
    const prob = new Float64Array(T);
    let nFixed = 0;
    let rounds = 0;
    let retries = 0;
    while (nFixed < T) {
      checkCancelled(hooks);
      if (model.run().modelStatus !== highs.constants.modelStatus.optimal) {
        // Fixed levels a hair too high for the solver's tolerances: lower them slightly and retry
        // (the lottery is checked against these targets within 1e-7 anyway).
        if (++retries > 4 || nFixed === 0) return null;
        for (let t = 0; t < T; t++) {
          if (!fixed[t]) continue;
          prob[t] = Math.max(0, (prob[t] ?? 0) - 1e-9 * 10 ** retries);
          model.changeRowBounds(levelRow + t, prob[t] ?? 0, highs.infinity);
        }
        continue;
      }
      const level = Math.max(0, model.getObjectiveValue());
      const dual = model.getSolution().rowDual;
      rounds++;
      let newly = 0;
      for (let t = 0; t < T; t++) {
        if (fixed[t] || Math.abs(dual[levelRow + t] ?? 0) <= FIX_TOL) continue;
        fixed[t] = 1;
        prob[t] = level;
        nFixed++;
        newly++;
        model.changeCoefficient(levelRow + t, T, 0);
        model.changeRowBounds(levelRow + t, level, highs.infinity);
      }
      if (newly === 0) return null;
      hooks.onProgress?.({ phase: "leximin", iterations: rounds, minProbability: null, fixed: nFixed, types: T });
    }
    return { typeProbability: prob, rounds };
  } finally {
    model.dispose();
  }
}
