/**
 * LEXIMIN (and MAXIMIN, its first level) by column generation over type-level panels (spec B3 step 3).
 * The dual LP is kept in one persistent HiGHS model: new panels are new rows, fixing a type changes one
 * cost and one coefficient, so each re-solve is a warm-started dual simplex rather than a fresh solve.
 */
import type { Highs, Model } from "highs";
import type { TypePanel, TypedPool } from "./groups";
import { QUIET } from "./highs";
import { checkCancelled, type Hooks } from "./hooks";
import type { PanelOracle } from "./oracle";
import type { PanelSet } from "./panel-set";

export interface LevelsResult {
  /** Guaranteed selection probability of every member of each type (π_t). */
  typeProbability: Float64Array;
  iterations: number;
}

/** Pricing tolerance: a panel is added only if it beats the LP's bound by this much (probability units). */
const PRICE_EPS = 1e-6;
/** A type is fixed when its dual weight exceeds this; simplex vertices give 0 or clearly positive weights. */
const FIX_TOL = 1e-9;

/** Dual LP: min ŷ − Σ_{fixed} π_t Y_t s.t. Σ_t a_tP Y_t ≤ ŷ for every panel P, Σ_{unfixed} Y_t = 1, Y ≥ 0. */
class DualLp {
  readonly model: Model;
  private rows = 0;

  constructor(private readonly highs: Highs, private readonly tp: TypedPool) {
    const T = tp.types.length;
    this.model = highs.createModel({
      numCols: T + 1,
      numRows: 1,
      colCost: [...new Array<number>(T).fill(0), 1],
      colLower: new Array<number>(T + 1).fill(0),
      colUpper: new Array<number>(T + 1).fill(highs.infinity),
      rowLower: [1],
      rowUpper: [1],
      matrix: { format: "csr", numRows: 1, numCols: T + 1, starts: [0, T], indices: [...Array(T).keys()], values: new Array<number>(T).fill(1) },
    });
    // Devex pricing: dual steepest-edge weights are recomputed after every added row, which costs more here than it saves.
    this.model.options.set({ ...QUIET, solver: "simplex", presolve: "off", simplex_dual_edge_weight_strategy: 1 });
  }

  addPanel(panel: TypePanel): void {
    const indices: number[] = [];
    const values: number[] = [];
    panel.forEach((c, t) => {
      if (c > 0) {
        indices.push(t);
        values.push(c / (this.tp.types[t]?.members.length ?? 1));
      }
    });
    indices.push(this.tp.types.length);
    values.push(-1);
    this.model.addRow(-this.highs.infinity, 0, { indices, values });
    this.rows++;
  }

  fix(t: number, p: number): void {
    this.model.changeCoefficient(0, t, 0);
    this.model.changeColCost(t, -p);
  }

  /** Solves; returns null when the LP is not optimal (numerical trouble after fixing). */
  solve(): { y: Float64Array; yhat: number; value: number } | null {
    const status = this.model.run().modelStatus;
    if (status !== this.highs.constants.modelStatus.optimal) return null;
    const col = this.model.getSolution().colValue;
    const T = this.tp.types.length;
    return { y: col.slice(0, T), yhat: col[T] ?? 0, value: this.model.getObjectiveValue() };
  }
}

/**
 * Raises the minimum probability level by level; with `maximinOnly` stops after the first level and
 * gives every type that level. Adds every panel it generates to `panels`.
 */
export function leximinLevels(highs: Highs, oracle: PanelOracle, panels: PanelSet, maximinOnly: boolean, hooks: Hooks): LevelsResult {
  const tp = oracle.tp;
  const T = tp.types.length;
  const size = tp.types.map((t) => t.members.length);
  const lp = new DualLp(highs, tp);
  try {
    panels.panels.forEach((p) => lp.addPanel(p));
    const fixed = new Uint8Array(T);
    const prob = new Float64Array(T);
    let nFixed = 0;
    let iterations = 0;
    const weights = new Float64Array(T);
    while (nFixed < T) {
      checkCancelled(hooks);
      const sol = lp.solve();
      if (!sol) {
        // Fixed levels slightly too high for the LP's tolerances: lower them all and retry (spec B3).
        for (let t = 0; t < T; t++) if (fixed[t]) lp.fix(t, (prob[t] = Math.max(0, (prob[t] ?? 0) - 1e-4)));
        continue;
      }
      for (let t = 0; t < T; t++) weights[t] = (sol.y[t] ?? 0) / (size[t] ?? 1);
      const threshold = sol.yhat + PRICE_EPS;
      const priced = oracle.price(weights, threshold, hooks.cancelled);
      checkCancelled(hooks);
      iterations++;
      let added = 0;
      if (!priced.proven) {
        for (const p of priced.panels) {
          if (!panels.add(p).added) continue;
          lp.addPanel(p);
          added++;
        }
      }
      // A priced panel already in the LP can only mean LP tolerances: treat the level as converged.
      if (added > 0) {
        hooks.onProgress?.({ phase: maximinOnly ? "maximin" : "leximin", iterations, minProbability: null, fixed: nFixed, types: T, panels: panels.size });
        continue;
      }
      const level = Math.max(0, sol.value);
      if (maximinOnly) {
        prob.fill(level);
        hooks.onProgress?.({ phase: "maximin", iterations, minProbability: level, fixed: T, types: T, panels: panels.size });
        break;
      }
      for (let t = 0; t < T; t++) {
        if (!fixed[t] && (sol.y[t] ?? 0) > FIX_TOL) {
          fixed[t] = 1;
          prob[t] = level;
          nFixed++;
          lp.fix(t, level);
        }
      }
      const minP = Math.min(...Array.from(prob).filter((_, t) => fixed[t]));
      hooks.onProgress?.({ phase: "leximin", iterations, minProbability: minP, fixed: nFixed, types: T, panels: panels.size });
    }
    return { typeProbability: prob, iterations };
  } finally {
    lp.model.dispose();
  }
}
