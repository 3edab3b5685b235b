/**
 * LEXIMIN (and MAXIMIN, its first level) by column generation over type-level panels (spec B3 step 3).
 * The dual LP is kept in one persistent HiGHS model: new panels are new rows, fixing a type changes one
 * cost and one coefficient, so each re-solve is a warm-started dual simplex rather than a fresh solve.
 */
import type { Highs, Model } from "highs";
import { panelColumn, type TypePanel, type TypedPool } from "./groups";
import { QUIET } from "./highs";
import { checkCancelled, type Hooks } from "./hooks";
import type { PanelOracle } from "./oracle";
import type { PanelSet } from "./panel-set";

export interface LevelsResult {
  /** Guaranteed selection probability of every member of each type (π_t). */
  typeProbability: Float64Array;
  iterations: number;
  /** The last master LP's panel weights (one per panel of the PanelSet, in order): already a lottery meeting every level. */
  lambda: Float64Array;
}

/** Pricing tolerance: a panel is added only if it beats the LP's bound by this much (probability units). */
const PRICE_EPS = 2e-5;
/** A type is fixed when its dual weight exceeds this; simplex vertices give 0 or clearly positive weights. */
const FIX_TOL = 1e-9;

/**
 * The restricted master LP, in primal form: max z s.t. Σ_P a_tP λ_P ≥ z for unfixed types, ≥ π_t for
 * fixed ones, Σ λ_P = 1. New panels are new columns (a primal-simplex warm start), and its basis is mostly
 * slack columns, so refactorising it stays cheap as panels accumulate; the dual form's basis is dense
 * panel rows and got slower with every panel. Its row duals are the type weights Y of spec B3 step 3.
 */
class MasterLp {
  readonly model: Model;
  private readonly fixedAt: Float64Array;
  private readonly isFixed: Uint8Array;
  /** Simplex iterations over all solves, for progress reports. */
  simplexIterations = 0;

  constructor(private readonly highs: Highs, private readonly tp: TypedPool) {
    const T = tp.types.length;
    // Column 0 is z; panel columns follow. Rows 0..T-1 are types, row T the convexity row.
    this.model = highs.createModel({
      numCols: 1,
      numRows: T + 1,
      sense: highs.constants.objectiveSense.maximize,
      colCost: [1],
      colLower: [0],
      colUpper: [highs.infinity],
      rowLower: [...new Array<number>(T).fill(0), 1],
      rowUpper: [...new Array<number>(T).fill(highs.infinity), 1],
      matrix: { format: "csc", numRows: T + 1, numCols: 1, starts: [0, T], indices: [...Array(T).keys()], values: new Array<number>(T).fill(-1) },
    });
    this.model.options.set({ ...QUIET, solver: "simplex", simplex_strategy: 4, presolve: "off" });
    this.fixedAt = new Float64Array(T);
    this.isFixed = new Uint8Array(T);
  }

  addPanel(panel: TypePanel): void {
    this.model.addCol(0, 0, this.highs.infinity, panelColumn(this.tp, panel));
  }

  /** Panel weights of the last solve, clipped at 0. */
  lambda(): Float64Array {
    return Float64Array.from(this.model.getSolution().colValue.slice(1), (v) => Math.max(0, v));
  }

  fix(t: number, p: number): void {
    if (!this.isFixed[t]) this.model.changeCoefficient(t, 0, 0);
    this.isFixed[t] = 1;
    this.fixedAt[t] = p;
    this.model.changeRowBounds(t, p, this.highs.infinity);
  }

  /** Solves; returns null when the LP is not optimal (fixed levels made it infeasible numerically). */
  solve(): { y: Float64Array; yhat: number; value: number } | null {
    const status = this.model.run().modelStatus;
    this.simplexIterations += Number(this.model.info.get("simplex_iteration_count"));
    if (status !== this.highs.constants.modelStatus.optimal) return null;
    const T = this.tp.types.length;
    const dual = this.model.getSolution().rowDual;
    // Normalise the sign convention: the unfixed types' weights sum to +1.
    let unfixedSum = 0;
    for (let t = 0; t < T; t++) if (!this.isFixed[t]) unfixedSum += dual[t] ?? 0;
    const sign = unfixedSum < 0 ? -1 : 1;
    const y = Float64Array.from({ length: T }, (_, t) => Math.max(0, sign * (dual[t] ?? 0)));
    const value = this.model.getObjectiveValue();
    let fixedTerm = 0;
    for (let t = 0; t < T; t++) if (this.isFixed[t]) fixedTerm += (this.fixedAt[t] ?? 0) * (y[t] ?? 0);
    return { y, yhat: value + fixedTerm, value };
  }
}

/** Extra pricing rounds per LP solve: each re-solve costs far more than a cheap pricing round. */
const EXTRA_COLUMNS = 6;

/**
 * Several columns per LP solve: re-price with the members of the last panel found made lighter, and keep
 * every panel that still beats the LP's bound under the true weights.
 */
function morePanels(oracle: PanelOracle, weights: Float64Array, first: TypePanel | undefined, threshold: number, hooks: Hooks): TypePanel[] {
  const out: TypePanel[] = [];
  const w = Float64Array.from(weights);
  let last = first;
  for (let r = 0; r < EXTRA_COLUMNS && last; r++) {
    const previous: TypePanel = last;
    previous.forEach((c, t) => c > 0 && (w[t] = (w[t] ?? 0) * 0.5));
    const next = oracle.quick(w, hooks.cancelled);
    if (!next) break;
    if (next.reduce((s, c, t) => s + c * (weights[t] ?? 0), 0) > threshold) out.push(next);
    last = next;
  }
  return out;
}

/**
 * Raises the minimum probability level by level; with `maximinOnly` stops after the first level and
 * gives every type that level. Adds every panel it generates to `panels`.
 */
export function leximinLevels(highs: Highs, oracle: PanelOracle, panels: PanelSet, maximinOnly: boolean, hooks: Hooks): LevelsResult {
  const tp = oracle.tp;
  const T = tp.types.length;
  const size = tp.types.map((t) => t.members.length);
  const lp = new MasterLp(highs, tp);
  try {
    panels.panels.forEach((p) => lp.addPanel(p));
    const fixed = new Uint8Array(T);
    const prob = new Float64Array(T);
    let nFixed = 0;
    let iterations = 0;
    const weights = new Float64Array(T);
    let lpMs = 0;
    let priceMs = 0;
    let failures = 0;
    while (nFixed < T) {
      checkCancelled(hooks);
      const t0 = performance.now();
      const sol = lp.solve();
      const t1 = performance.now();
      lpMs += t1 - t0;
      if (!sol) {
        // Fixed levels slightly too high for the LP's tolerances: lower them all and retry (spec B3).
        if (nFixed === 0 || ++failures > 100) throw new Error("sortition: the master LP cannot be solved (HiGHS did not reach optimality)");
        for (let t = 0; t < T; t++) if (fixed[t]) lp.fix(t, (prob[t] = Math.max(0, (prob[t] ?? 0) - 1e-4)));
        continue;
      }
      // Probabilities sum to k, so the unfixed people's minimum can never exceed their average: reaching
      // it proves the level without pricing, and then they all sit exactly at it.
      let restSeats = tp.pool.k;
      let restPeople = 0;
      for (let t = 0; t < T; t++) {
        if (fixed[t]) restSeats -= (prob[t] ?? 0) * (size[t] ?? 0);
        else restPeople += size[t] ?? 0;
      }
      if (restPeople > 0 && sol.value >= restSeats / restPeople - 1e-9) {
        for (let t = 0; t < T; t++) if (!fixed[t]) (prob[t] = Math.max(0, sol.value));
        hooks.onProgress?.({ phase: maximinOnly ? "maximin" : "leximin", iterations, minProbability: Math.min(...prob), fixed: T, types: T, panels: panels.size });
        break;
      }
      for (let t = 0; t < T; t++) weights[t] = (sol.y[t] ?? 0) / (size[t] ?? 1);
      const timing = (): { lpSeconds: number; pricingSeconds: number; lpIterations: number } => ({ lpSeconds: lpMs / 1000, pricingSeconds: (performance.now() - t1 + priceMs) / 1000, lpIterations: lp.simplexIterations });
      const threshold = sol.yhat + PRICE_EPS;
      const priced = oracle.price(weights, threshold, hooks.cancelled);
      checkCancelled(hooks);
      iterations++;
      let added = 0;
      if (!priced.proven) {
        for (const p of [...priced.panels, ...morePanels(oracle, weights, priced.panels[0], threshold, hooks)]) {
          if (!panels.add(p).added) continue;
          lp.addPanel(p);
          added++;
        }
      }
      // A priced panel already in the LP can only mean LP tolerances: treat the level as converged.
      if (added > 0) {
        // The restricted LP's lottery already guarantees its value to every unfixed type: report it as the current minimum.
        hooks.onProgress?.({ phase: maximinOnly ? "maximin" : "leximin", iterations, minProbability: Math.min(Math.max(0, sol.value), ...Array.from(prob).filter((_, t) => fixed[t])), fixed: nFixed, types: T, panels: panels.size, ...timing() });
        priceMs = timing().pricingSeconds * 1000;
        continue;
      }
      priceMs = timing().pricingSeconds * 1000;
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
      hooks.onProgress?.({ phase: "leximin", iterations, minProbability: minP, fixed: nFixed, types: T, panels: panels.size, lpSeconds: lpMs / 1000, pricingSeconds: priceMs / 1000 });
    }
    return { typeProbability: prob, iterations, lambda: lp.lambda() };
  } finally {
    lp.model.dispose();
  }
}
