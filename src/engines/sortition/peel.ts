/**
 * Carathéodory peeling: writes a target point of the relaxed panel polytope as a lottery over real panels
 * without any LP. Each step finds a panel in the smallest face holding the residual point (every type,
 * quota or household bound that the residual meets exactly, the panel must meet exactly; other types
 * rounded down or up), then takes as much weight of it as keeps the residual inside the polytope. Each
 * step makes one more bound tight, so it ends within (types + rows) steps, unless the residual leaves
 * the integer hull (the relaxation is not integral with several categories): then it reports what it
 * has and the column generation finishes the job.
 */
import type { TypePanel, TypedPool } from "./groups";
import { checkCancelled, type Hooks } from "./hooks";
import type { PanelOracle } from "./oracle";

export interface Peeling {
  panels: TypePanel[];
  weights: number[];
  /** Weight not yet decomposed (0 when the lottery is complete). */
  remaining: number;
  steps: number;
}

/**
 * A residual within this (in expected seats per panel) of a bound is on it. The residual's rounding noise
 * is fixed in absolute terms (about 1e-11 seats after 300 steps on 2,000 people; at 1e-12 peeling stalled
 * there), so relative to the weight m still to place it grows as m shrinks. Treating such a residual as
 * on the bound moves a probability by at most 1e-10.
 */
const tightness = (m: number): number => Math.max(STRICT, 1e-10 / m);
const STRICT = 1e-7;
/** Weight below which the residual counts as exhausted. */
const DONE = 1e-9;

/** Rows of the panel program each type counts in: k (row 0), its quotas, its household. */
function rowsOfTypes(tp: TypedPool): number[][] {
  const nq = tp.pool.quotas.length;
  const rows = tp.types.map((t) => [0, ...t.features.map((f) => 1 + f)]);
  tp.households.forEach((h, hi) => h.forEach((t) => rows[t]?.push(1 + nq + hi)));
  return rows;
}

/** Peels the target (per-member probability of each type) into weighted panels. */
export function peel(oracle: PanelOracle, target: Float64Array, hooks: Hooks = {}): Peeling {
  const tp = oracle.tp;
  const T = tp.types.length;
  const size = Float64Array.from(tp.types, (t) => t.members.length);
  const rowsOf = rowsOfTypes(tp);
  const { lower: rowLo, upper: rowHi } = oracle.rows;
  const R = rowLo.length;
  const r = Float64Array.from(target, (p, t) => p * (size[t] ?? 0));
  let m = 1;
  const panels: TypePanel[] = [];
  const weights: number[] = [];
  const colLower = new Float64Array(T);
  const colUpper = new Float64Array(T);
  const rowLower = new Float64Array(R);
  const rowUpper = new Float64Array(R);
  const cost = new Float64Array(T);
  const rowSum = new Float64Array(R);
  const maxSteps = T + R + 10;
  let steps = 0;
  while (m > DONE && steps < maxSteps) {
    checkCancelled(hooks);
    steps++;
    rowSum.fill(0);
    for (let t = 0; t < T; t++) for (const row of rowsOf[t] ?? []) rowSum[row] = (rowSum[row] ?? 0) + (r[t] ?? 0);
    const inFace = (TIGHT: number): TypePanel | null => {
      for (let i = 0; i < R; i++) {
        const v = (rowSum[i] ?? 0) / m;
        const lo = rowLo[i] ?? 0;
        const hi = rowHi[i] ?? 0;
        rowLower[i] = v >= hi - TIGHT ? hi : lo;
        rowUpper[i] = v <= lo + TIGHT ? lo : hi;
      }
      for (let t = 0; t < T; t++) {
        const u = (r[t] ?? 0) / m;
        const s = size[t] ?? 0;
        const down = Math.floor(u + TIGHT);
        const up = Math.ceil(u - TIGHT);
        colLower[t] = u <= TIGHT ? 0 : u >= s - TIGHT ? s : down;
        colUpper[t] = u <= TIGHT ? 0 : u >= s - TIGHT ? s : up;
        // Prefer the nearer rounding, so the residual moves as little as possible.
        cost[t] = u - down - 0.5;
      }
      const near = oracle.within(colLower, colUpper, rowLower, rowUpper, cost, hooks.cancelled);
      if (near) return near;
      // Rounding to neighbours failed: any panel in the face will do.
      for (let t = 0; t < T; t++) {
        const u = (r[t] ?? 0) / m;
        if (u > TIGHT && u < (size[t] ?? 0) - TIGHT) {
          colLower[t] = 0;
          colUpper[t] = size[t] ?? 0;
        }
      }
      return oracle.within(colLower, colUpper, rowLower, rowUpper, cost, hooks.cancelled);
    };
    // A loose tolerance can also contradict itself (a household row taken as full while its members are
    // taken as empty): then the strict one.
    const panel = inFace(tightness(m)) ?? (tightness(m) > STRICT ? inFace(STRICT) : null);
    checkCancelled(hooks);
    if (!panel) break;
    // Largest weight μ keeping the residual (r − μ·panel) / (m − μ) inside the relaxed polytope.
    let mu = m;
    for (let t = 0; t < T; t++) {
      const n = panel[t] ?? 0;
      const s = size[t] ?? 0;
      const rt = r[t] ?? 0;
      if (n > 0) mu = Math.min(mu, Math.max(0, rt) / n);
      if (n < s) mu = Math.min(mu, Math.max(0, m * s - rt) / (s - n));
    }
    const panelRow = new Float64Array(R);
    for (let t = 0; t < T; t++) for (const row of rowsOf[t] ?? []) panelRow[row] = (panelRow[row] ?? 0) + (panel[t] ?? 0);
    for (let i = 0; i < R; i++) {
      const g = panelRow[i] ?? 0;
      const lo = rowLo[i] ?? 0;
      const hi = rowHi[i] ?? 0;
      const v = rowSum[i] ?? 0;
      if (g > lo) mu = Math.min(mu, Math.max(0, v - m * lo) / (g - lo));
      if (g < hi) mu = Math.min(mu, Math.max(0, m * hi - v) / (hi - g));
    }
    if (mu <= 1e-12) break;
    panels.push(panel);
    weights.push(mu);
    m -= mu;
    for (let t = 0; t < T; t++) r[t] = Math.min(Math.max(0, (r[t] ?? 0) - mu * (panel[t] ?? 0)), m * (size[t] ?? 0));
    hooks.onProgress?.({ phase: "leximin", iterations: steps, minProbability: null, panels: panels.length });
  }
  return { panels, weights, remaining: Math.max(0, m), steps };
}
