/**
 * The final lottery (spec B3 step 4): weights λ over the generated panels that give every type at least
 * its fixed probability, up to the smallest possible shortfall ε; then clipped and renormalised.
 */
import type { Highs } from "highs";
import { panelColumn, type TypedPool } from "./groups";
import { QUIET } from "./highs";
import type { PanelSet } from "./panel-set";

/** Returns λ (one weight per panel, summing to 1) meeting `target` per type as closely as possible. */
export function finalLottery(highs: Highs, tp: TypedPool, panels: PanelSet, target: Float64Array): Float64Array {
  const T = tp.types.length;
  const m = panels.size;
  // Columns: λ_0..λ_{m-1}, ε. Rows: one per type (Σ a_tP λ_P + ε ≥ π_t), then Σ λ = 1.
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const p of panels.panels) {
    const col = panelColumn(tp, p);
    indices.push(...col.indices);
    values.push(...col.values);
    starts.push(indices.length);
  }
  for (let t = 0; t < T; t++) {
    indices.push(t);
    values.push(1);
  }
  starts.push(indices.length);
  const model = highs.createModel({
    numCols: m + 1,
    numRows: T + 1,
    colCost: [...new Array<number>(m).fill(0), 1],
    colLower: [...new Array<number>(m).fill(0), -highs.infinity],
    colUpper: new Array<number>(m + 1).fill(highs.infinity),
    rowLower: [...target, 1],
    rowUpper: [...new Array<number>(T).fill(highs.infinity), 1],
    matrix: { format: "csc", numRows: T + 1, numCols: m + 1, starts, indices, values },
  });
  try {
    model.options.set({ ...QUIET });
    const status = model.run().modelStatus;
    if (status !== highs.constants.modelStatus.optimal) throw new Error(`sortition: final lottery LP ended with model status ${status}`);
    const lambda = Float64Array.from(model.getSolution().colValue.slice(0, m), (v) => (v > 1e-12 ? v : 0));
    const total = lambda.reduce((s, v) => s + v, 0);
    return lambda.map((v) => v / total);
  } finally {
    model.dispose();
  }
}
