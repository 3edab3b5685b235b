/**
 * Feasibility of the quotas and, when they cannot all be met, the smallest relaxation (spec B3 step 1):
 * minimise Σ(1 + 2/min_f)·lower_f + Σ upper_f, where lower_f seats are taken off a minimum and upper_f
 * added to a maximum. Lowering small minimums costs more, as in the Sortition Foundation's tool.
 */
import type { Highs } from "highs";
import type { TypedPool } from "./groups";
import { QUIET } from "./highs";
import { SortitionInputError, type Problem } from "./model";

export interface Relaxation {
  feature: number;
  min: number;
  max: number;
  newMin: number;
  newMax: number;
}

/** Solves the relaxation ILP; `useFlex` bounds each change by the quota's min_flex/max_flex when given. */
export function suggestRelaxation(highs: Highs, tp: TypedPool, useFlex: boolean): Relaxation[] | null {
  const { pool, types, households } = tp;
  const F = pool.quotas.length;
  const T = types.length;
  const numCols = T + 2 * F;
  const numRows = 1 + 2 * F + households.length;
  // Row-wise: [Σn = k], [Σ_f n + d_f ≥ min_f]×F, [Σ_f n − u_f ≤ max_f]×F, [household ≤ 1]×H.
  const rowsOf: number[][] = [[...types.keys()]];
  const valsOf: number[][] = [types.map(() => 1)];
  for (let f = 0; f < F; f++) {
    const members = [...types.keys()].filter((t) => types[t]?.features.includes(f));
    rowsOf.push([...members, T + f]);
    valsOf.push([...members.map(() => 1), 1]);
  }
  for (let f = 0; f < F; f++) {
    const members = [...types.keys()].filter((t) => types[t]?.features.includes(f));
    rowsOf.push([...members, T + F + f]);
    valsOf.push([...members.map(() => 1), -1]);
  }
  households.forEach((h) => {
    rowsOf.push([...h].sort((a, b) => a - b));
    valsOf.push(h.map(() => 1));
  });
  const starts = [0];
  rowsOf.forEach((r) => starts.push((starts[starts.length - 1] ?? 0) + r.length));
  const q = pool.quotas;
  const model = highs.createModel({
    numCols,
    numRows,
    colCost: [...types.map(() => 0), ...q.map((x) => (x.min > 0 ? 1 + 2 / x.min : 0)), ...q.map(() => 1)],
    colLower: new Array<number>(numCols).fill(0),
    colUpper: [
      ...types.map((t) => t.members.length),
      ...q.map((x) => (useFlex && x.minFlex !== undefined ? Math.max(0, x.min - x.minFlex) : x.min)),
      ...q.map((x) => (useFlex && x.maxFlex !== undefined ? Math.max(0, x.maxFlex - x.max) : pool.k)),
    ],
    rowLower: [pool.k, ...q.map((x) => x.min), ...q.map(() => -highs.infinity), ...households.map(() => 0)],
    rowUpper: [pool.k, ...q.map(() => highs.infinity), ...q.map((x) => x.max), ...households.map(() => 1)],
    matrix: { format: "csr", numRows, numCols, starts, indices: rowsOf.flat(), values: valsOf.flat() },
    integrality: new Array<number>(numCols).fill(1).map(() => highs.constants.variableType.integer),
  });
  try {
    model.options.set({ ...QUIET });
    if (model.run().modelStatus !== highs.constants.modelStatus.optimal) return null;
    const x = model.getSolution().colValue;
    const out: Relaxation[] = [];
    q.forEach((quota, f) => {
      const d = Math.round(x[T + f] ?? 0);
      const u = Math.round(x[T + F + f] ?? 0);
      if (d > 0 || u > 0) out.push({ feature: f, min: quota.min, max: quota.max, newMin: quota.min - d, newMax: quota.max + u });
    });
    return out;
  } finally {
    model.dispose();
  }
}

/** Builds the user-facing report for quotas that cannot be met together. */
export function infeasibilityProblem(highs: Highs, tp: TypedPool): Problem {
  const head = `the quotas cannot all be met by a panel of ${tp.pool.k}${tp.households.length > 0 ? " with at most one person per household" : ""}`;
  const relaxation = suggestRelaxation(highs, tp, true) ?? suggestRelaxation(highs, tp, false);
  if (!relaxation) return { kind: "infeasible", message: `${head}, and no change of quotas helps (too few selectable people for k = ${tp.pool.k})` };
  const lines = relaxation.map((r) => {
    const q = tp.pool.quotas[r.feature];
    const parts = [r.newMin !== r.min ? `min ${r.min} -> ${r.newMin}` : "", r.newMax !== r.max ? `max ${r.max} -> ${r.newMax}` : ""].filter(Boolean);
    return `  ${q?.category}/${q?.feature}: ${parts.join(", ")}`;
  });
  return { kind: "infeasible", message: `${head}. Smallest relaxation found by the solver:\n${lines.join("\n")}` };
}

/** Throws SortitionInputError (with the suggested relaxation) unless some panel meets every constraint. */
export function assertFeasible(highs: Highs, tp: TypedPool, hasPanel: boolean): void {
  if (!hasPanel) throw new SortitionInputError([infeasibilityProblem(highs, tp)]);
}
