/**
 * The panel oracle: an integer program over types that finds, for given weights, a feasible panel
 * (k seats, every quota, at most one per household) of maximum total weight. One persistent HiGHS
 * model is kept and only its costs change between calls, so the solver reuses its setup.
 */
import type { Highs, Model } from "highs";
import type { TypePanel, TypedPool } from "./groups";
import { QUIET } from "./highs";

export interface OracleResult {
  panel: TypePanel;
  value: number;
  /** Proven upper bound on the optimum (equals value when solved to optimality). */
  bound: number;
  /** Other improving panels met during the search whose value exceeded `collectAbove`. */
  extra: TypePanel[];
}

export interface OracleOptions {
  /** Keep every improving incumbent above this value (several new columns per pricing round). */
  collectAbove?: number;
  /** Stop the search as soon as an incumbent exceeds this value (its column is good enough to add). */
  stopAbove?: number;
  /** Polled during the search; true interrupts it. */
  cancelled?: () => boolean;
}

/** Builds the constraint matrix (CSC over type columns) for k, quotas and households. */
function buildModel(highs: Highs, tp: TypedPool): Model {
  const { pool, types, households } = tp;
  const nq = pool.quotas.length;
  const numRows = 1 + nq + households.length;
  const rowLower = [pool.k, ...pool.quotas.map((q) => q.min), ...households.map(() => 0)];
  const rowUpper = [pool.k, ...pool.quotas.map((q) => q.max), ...households.map(() => 1)];
  const hhRows = new Map<number, number>();
  households.forEach((h, hi) => h.forEach((t) => hhRows.set(t, 1 + nq + hi)));
  const starts = [0];
  const indices: number[] = [];
  types.forEach((t, ti) => {
    const rows = [0, ...t.features.map((f) => 1 + f)];
    const hh = hhRows.get(ti);
    if (hh !== undefined) rows.push(hh);
    rows.sort((a, b) => a - b);
    indices.push(...rows);
    starts.push(indices.length);
  });
  const model = highs.createModel({
    numCols: types.length,
    numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: types.map(() => 0),
    colLower: types.map(() => 0),
    colUpper: types.map((t) => t.members.length),
    rowLower,
    rowUpper,
    matrix: { format: "csc", numRows, numCols: types.length, starts, indices, values: indices.map(() => 1) },
    integrality: types.map(() => highs.constants.variableType.integer),
  });
  model.options.set({ ...QUIET, mip_rel_gap: 1e-6 });
  return model;
}

const toPanel = (values: Float64Array): TypePanel => Int32Array.from(values, (v) => Math.round(v));

export class PanelOracle {
  private readonly model: Model;
  private readonly relaxed: Model;
  private readonly upper: Float64Array;
  private readonly rowLower: Float64Array;
  private readonly rowUpper: Float64Array;
  private calls = 0;

  constructor(private readonly highs: Highs, readonly tp: TypedPool) {
    this.model = buildModel(highs, tp);
    // The same constraints without integrality: a warm-started simplex solve takes milliseconds and its
    // vertex has at most (rows) fractional values, so it both bounds the optimum and nearly gives a panel.
    this.relaxed = buildModel(highs, tp);
    this.relaxed.clearIntegrality();
    this.relaxed.options.set({ solver: "simplex" });
    this.upper = Float64Array.from(tp.types, (t) => t.members.length);
    this.rowLower = Float64Array.from([tp.pool.k, ...tp.pool.quotas.map((q) => q.min), ...tp.households.map(() => 0)]);
    this.rowUpper = Float64Array.from([tp.pool.k, ...tp.pool.quotas.map((q) => q.max), ...tp.households.map(() => 1)]);
  }

  /** A good (not necessarily optimal) panel for these weights: the rounded LP vertex, else the exact program. */
  quick(weights: ArrayLike<number>, cancelled?: () => boolean): TypePanel | null {
    const priced = this.price(weights, -Infinity, cancelled);
    return priced.proven ? null : (priced.panels[0] ?? null);
  }

  /**
   * Pricing: proves that no panel is worth more than `threshold` (by the LP relaxation, else the exact
   * integer program), or returns panels worth more. Fast path: round the LP vertex by solving the integer
   * program over its few fractional types only, the others fixed at their LP values.
   */
  price(weights: ArrayLike<number>, threshold: number, cancelled?: () => boolean): { proven: true; bound: number } | { proven: false; panels: TypePanel[]; value: number } {
    const n = this.tp.types.length;
    const all = { kind: "range", from: 0, to: n - 1 } as const;
    const cost = Float64Array.from(weights);
    this.relaxed.changeColsCost(all, cost);
    const lpStatus = this.relaxed.run().modelStatus;
    if (lpStatus !== this.highs.constants.modelStatus.optimal) throw new Error(`sortition oracle: LP relaxation ended with model status ${lpStatus}`);
    const lpValue = this.relaxed.getObjectiveValue();
    if (lpValue <= threshold) return { proven: true, bound: lpValue };
    const x = this.relaxed.getSolution().colValue;
    const lo = Float64Array.from(x, (v) => (Math.abs(v - Math.round(v)) < 1e-9 ? Math.round(v) : 0));
    const hi = Float64Array.from(x, (v, t) => (Math.abs(v - Math.round(v)) < 1e-9 ? Math.round(v) : (this.upper[t] ?? 0)));
    this.model.changeColsBounds(all, lo, hi);
    let rounded: OracleResult | null;
    try {
      rounded = this.best(cost, { collectAbove: threshold, cancelled });
    } finally {
      this.model.changeColsBounds(all, new Float64Array(n), this.upper);
    }
    if (rounded && rounded.value > threshold) return { proven: false, panels: [rounded.panel, ...rounded.extra], value: rounded.value };
    const exact = this.best(cost, { collectAbove: threshold, stopAbove: threshold, cancelled });
    if (!exact || (exact.value <= threshold && exact.bound <= threshold + 1e-9)) return { proven: true, bound: exact?.bound ?? -Infinity };
    if (exact.value <= threshold) return { proven: true, bound: exact.bound };
    return { proven: false, panels: [exact.panel, ...exact.extra], value: exact.value };
  }

  /**
   * A feasible panel within the given per-type bounds and row bounds (rows: k, quotas, households, as
   * built), maximising Σ weights·n; null when there is none. The model's bounds are restored afterwards.
   */
  within(colLower: Float64Array, colUpper: Float64Array, rowLower: Float64Array, rowUpper: Float64Array, weights: ArrayLike<number>, cancelled?: () => boolean): TypePanel | null {
    const n = this.tp.types.length;
    const cols = { kind: "range", from: 0, to: n - 1 } as const;
    const rows = { kind: "range", from: 0, to: this.rowLower.length - 1 } as const;
    const cost = Float64Array.from(weights);
    const ms = this.highs.constants.modelStatus;
    // The LP relaxation first (milliseconds, warm-started): infeasible means no panel; its vertex is
    // mostly integral, and the integer program then only decides the few fractional types.
    this.relaxed.changeColsBounds(cols, colLower, colUpper);
    this.relaxed.changeRowsBounds(rows, rowLower, rowUpper);
    this.relaxed.changeColsCost(cols, cost);
    let lo = colLower;
    let hi = colUpper;
    try {
      const status = this.relaxed.run().modelStatus;
      if (status === ms.infeasible) return null;
      if (status === ms.optimal) {
        const x = this.relaxed.getSolution().colValue;
        const integral = (v: number): boolean => Math.abs(v - Math.round(v)) < 1e-9;
        if (x.every(integral)) return toPanel(x);
        lo = Float64Array.from(x, (v, t) => (integral(v) ? Math.round(v) : (colLower[t] ?? 0)));
        hi = Float64Array.from(x, (v, t) => (integral(v) ? Math.round(v) : (colUpper[t] ?? 0)));
      }
    } finally {
      this.relaxed.changeColsBounds(cols, new Float64Array(n), this.upper);
      this.relaxed.changeRowsBounds(rows, this.rowLower, this.rowUpper);
    }
    return this.withinExact(lo, hi, rowLower, rowUpper, cost, cancelled) ?? (lo === colLower ? null : this.withinExact(colLower, colUpper, rowLower, rowUpper, cost, cancelled));
  }

  private withinExact(colLower: Float64Array, colUpper: Float64Array, rowLower: Float64Array, rowUpper: Float64Array, cost: Float64Array, cancelled?: () => boolean): TypePanel | null {
    const n = this.tp.types.length;
    const cols = { kind: "range", from: 0, to: n - 1 } as const;
    const rows = { kind: "range", from: 0, to: this.rowLower.length - 1 } as const;
    this.model.changeColsBounds(cols, colLower, colUpper);
    this.model.changeRowsBounds(rows, rowLower, rowUpper);
    this.model.changeColsCost(cols, cost);
    this.calls++;
    try {
      let found = false;
      const status = this.model.run({
        [this.highs.constants.callbackType.mipImprovingSolution]: () => {
          found = true;
          return undefined;
        },
        // Any panel of the face will do: stop at the first one (the objective only breaks ties).
        [this.highs.constants.callbackType.mipInterrupt]: (event) => {
          if (found || cancelled?.()) event.interrupt();
          return undefined;
        },
      }).modelStatus;
      const ms = this.highs.constants.modelStatus;
      if (status !== ms.optimal && status !== ms.interrupted) return null;
      if (status === ms.interrupted && cancelled?.()) return null;
      return toPanel(this.model.getSolution().colValue);
    } finally {
      this.model.changeColsBounds(cols, new Float64Array(n), this.upper);
      this.model.changeRowsBounds(rows, this.rowLower, this.rowUpper);
    }
  }

  /** Row bounds of the panel program: k, then the quotas, then the households (0..1). */
  get rows(): { lower: Float64Array; upper: Float64Array } {
    return { lower: Float64Array.from(this.rowLower), upper: Float64Array.from(this.rowUpper) };
  }

  /** Number of integer programs solved so far. */
  get solves(): number {
    return this.calls;
  }

  /** Maximises Σ weights[t]·n_t over feasible panels; null when no feasible panel exists. */
  best(weights: ArrayLike<number>, options: OracleOptions = {}): OracleResult | null {
    const { highs, model } = this;
    const n = this.tp.types.length;
    model.changeColsCost({ kind: "range", from: 0, to: n - 1 }, Float64Array.from(weights));
    const extra: TypePanel[] = [];
    const { collectAbove, stopAbove, cancelled } = options;
    this.calls++;
    const result = model.run({
      [highs.constants.callbackType.mipImprovingSolution]: (event) => {
        const sol = event.data.mip_solution;
        const value = event.data.objective_function_value ?? -Infinity;
        if (sol && collectAbove !== undefined && value > collectAbove) extra.push(toPanel(sol));
        return undefined;
      },
      [highs.constants.callbackType.mipInterrupt]: (event) => {
        const primal = event.data.mip_primal_bound ?? -Infinity;
        if ((stopAbove !== undefined && primal > stopAbove) || cancelled?.()) event.interrupt();
        return undefined;
      },
    });
    const status = result.modelStatus;
    const ms = highs.constants.modelStatus;
    if (status === ms.infeasible) return null;
    if (status !== ms.optimal && status !== ms.interrupted) throw new Error(`sortition oracle: HiGHS ended with model status ${status}`);
    const panel = toPanel(model.getSolution().colValue);
    const value = panel.reduce((s, c, t) => s + c * (weights[t] ?? 0), 0);
    const bound = status === ms.optimal ? Math.max(value, model.getObjectiveValue()) : Number(model.info.get("mip_dual_bound"));
    // The last improving solution is the returned one; keep only the others.
    const key = panel.join(",");
    return { panel, value, bound, extra: extra.filter((p) => p.join(",") !== key) };
  }

  /** Frees the solver's WebAssembly memory. */
  dispose(): void {
    this.model.dispose();
    this.relaxed.dispose();
  }
}
