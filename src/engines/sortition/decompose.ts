/**
 * A lottery over real panels that reaches a target probability per type: min ε s.t.
 * Σ_P λ_P a_tP + ε ≥ π_t for every type, Σ λ_P = 1, by column generation. With the relaxed LEXIMIN as
 * the target, ε ≤ tolerance certifies the lottery as LEXIMIN-optimal with a single column generation
 * instead of one per level, and no pricing proof is needed: the lottery itself is the certificate.
 */
import type { Highs, Model } from "highs";
import { panelColumn, type TypePanel, type TypedPool } from "./groups";
import { QUIET } from "./highs";
import { checkCancelled, type Hooks } from "./hooks";
import type { PanelOracle } from "./oracle";
import type { PanelSet } from "./panel-set";

export interface Decomposition {
  /** Panel weights (one per panel of the PanelSet, in order), clipped at 0. */
  lambda: Float64Array;
  /** Largest shortfall of a type below its target (≤ 0 when every target is met). */
  epsilon: number;
  /** True when the shortfall is within `tolerance`; false when pricing proved it cannot get there. */
  reached: boolean;
  iterations: number;
  masterSolves: number;
  masterMs: number;
  pricingMs: number;
}

/** Pricing tolerance, as in the LEXIMIN levels: a panel must beat the LP's bound by this much. */
const PRICE_EPS = 1e-9;

class ShortfallLp {
  readonly model: Model;
  constructor(private readonly highs: Highs, private readonly tp: TypedPool, target: Float64Array) {
    const T = tp.types.length;
    // Column 0 is ε (free); rows 0..T-1 are types (≥ target), row T is Σλ = 1.
    this.model = highs.createModel({
      numCols: 1,
      numRows: T + 1,
      sense: highs.constants.objectiveSense.minimize,
      colCost: [1],
      colLower: [-highs.infinity],
      colUpper: [highs.infinity],
      rowLower: [...target, 1],
      rowUpper: new Array<number>(T + 1).fill(highs.infinity).map((v, r) => (r === T ? 1 : v)),
      matrix: { format: "csc", numRows: T + 1, numCols: 1, starts: [0, T], indices: [...Array(T).keys()], values: new Array<number>(T).fill(1) },
    });
    this.model.options.set({ ...QUIET, solver: "simplex", simplex_strategy: 4, presolve: "off" });
  }

  addPanel(panel: TypePanel): void {
    this.model.addCol(0, 0, this.highs.infinity, panelColumn(this.tp, panel));
  }
}

export interface DecomposeLimits {
  /** Shortfall aimed at. */
  tolerance: number;
  /** After `looseAfter` pricing rounds, a shortfall up to `loose` is accepted (the tail is slow). */
  loose?: number;
  looseAfter?: number;
  /** Pricing rounds before giving up: a target out of reach makes the column generation tail off. */
  maxRounds?: number;
}

/**
 * Finds λ over `panels` (adding priced panels to it) that meets `target` within the limits; gives up
 * (reached: false) when pricing proves it cannot or after `maxRounds`, and the caller has a slower
 * exact method.
 */
export function decompose(highs: Highs, oracle: PanelOracle, panels: PanelSet, target: Float64Array, limits: DecomposeLimits, hooks: Hooks): Decomposition {
  const { tolerance, loose = tolerance, looseAfter = Infinity, maxRounds = Infinity } = limits;
  const tp = oracle.tp;
  const T = tp.types.length;
  const size = tp.types.map((t) => t.members.length);
  const lp = new ShortfallLp(highs, tp, target);
  const minTarget = Math.min(...target);
  let masterMs = 0;
  let pricingMs = 0;
  let masterSolves = 0;
  let iterations = 0;
  try {
    // The LP needs one panel to be feasible at all: the heaviest one for the target.
    const first = panels.size === 0 ? oracle.quick(target, hooks.cancelled) : null;
    if (first) panels.add(first);
    panels.panels.forEach((p) => lp.addPanel(p));
    const weights = new Float64Array(T);
    for (;;) {
      checkCancelled(hooks);
      const t0 = performance.now();
      const status = lp.model.run().modelStatus;
      masterSolves++;
      masterMs += performance.now() - t0;
      if (status !== highs.constants.modelStatus.optimal) throw new Error(`sortition: the lottery LP ended with model status ${status}`);
      const solution = lp.model.getSolution();
      const epsilon = solution.colValue[0] ?? Infinity;
      const lambda = Float64Array.from(solution.colValue.slice(1), (v) => Math.max(0, v));
      const result = (reached: boolean): Decomposition => ({ lambda, epsilon, reached, iterations, masterSolves, masterMs, pricingMs });
      hooks.onProgress?.({ phase: "leximin", iterations, minProbability: Math.max(0, minTarget - Math.max(0, epsilon)), fixed: T, types: T, panels: panels.size, lpSeconds: masterMs / 1000, pricingSeconds: pricingMs / 1000 });
      if (epsilon <= (iterations >= looseAfter ? loose : tolerance)) return result(true);
      if (iterations >= maxRounds) return result(false);
      // Row duals are the type weights y (≥ 0, Σ y = 1 by the ε column); the best current panel is worth
      // Σ y_t π_t − ε under them, so a panel worth more than that lowers ε.
      const dual = solution.rowDual;
      let total = 0;
      for (let t = 0; t < T; t++) total += dual[t] ?? 0;
      const sign = total < 0 ? -1 : 1;
      let bound = -epsilon;
      for (let t = 0; t < T; t++) {
        const y = Math.max(0, sign * (dual[t] ?? 0));
        weights[t] = y / (size[t] ?? 1);
        bound += y * (target[t] ?? 0);
      }
      const t1 = performance.now();
      const priced = oracle.price(weights, bound + PRICE_EPS, hooks.cancelled);
      pricingMs += performance.now() - t1;
      iterations++;
      if (priced.proven) return result(false);
      let added = 0;
      for (const p of priced.panels) {
        if (!panels.add(p).added) continue;
        lp.addPanel(p);
        added++;
      }
      // Only solver tolerances can make the priced panel one we already have.
      if (added === 0) return result(false);
    }
  } finally {
    lp.model.dispose();
  }
}
