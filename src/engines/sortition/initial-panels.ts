/**
 * Seeding the column generation with diverse panels by multiplicative weights (B3 step 2): each round
 * finds the heaviest panel, then makes its members lighter so later rounds favour other people.
 * Rounds are counted in types, not people: interchangeable people need no separate rounds.
 */
import type { TypedPool } from "./groups";
import { checkCancelled, type Hooks } from "./hooks";
import type { PanelOracle } from "./oracle";
import type { PanelSet } from "./panel-set";

/** Fills `panels` with up to `rounds` weight-driven panels, then one panel per type not yet covered. */
export function seedPanels(oracle: PanelOracle, tp: TypedPool, panels: PanelSet, rounds: number, hooks: Hooks): void {
  const T = tp.types.length;
  const n = tp.pool.people.length;
  const size = tp.types.map((t) => t.members.length);
  // Per-person weight of each type; a type's total weight is size × this.
  const w = new Float64Array(T).fill(1);
  for (let r = 0; r < rounds; r++) {
    checkCancelled(hooks);
    const found = oracle.quick(w, hooks.cancelled);
    checkCancelled(hooks);
    if (!found) return;
    if (!panels.add(found).added) {
      for (let t = 0; t < T; t++) w[t] = 0.9 * (w[t] ?? 0) + 0.1;
      continue;
    }
    let total = 0;
    for (let t = 0; t < T; t++) {
      // The panel holds n_t of size_t members: the type's average member weight falls as if each were hit once.
      w[t] = (w[t] ?? 0) * Math.pow(0.8, (found[t] ?? 0) / (size[t] ?? 1));
      total += (w[t] ?? 0) * (size[t] ?? 1);
    }
    for (let t = 0; t < T; t++) w[t] = ((w[t] ?? 0) * n) / total;
    hooks.onProgress?.({ phase: "initial-panels", iterations: oracle.solves, minProbability: null, panels: panels.size });
  }
  const covered = new Uint8Array(T);
  for (const p of panels.panels) p.forEach((c, t) => c > 0 && (covered[t] = 1));
  const unit = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    if (covered[t]) continue;
    checkCancelled(hooks);
    unit.fill(0);
    unit[t] = 1;
    const found = oracle.best(unit, { cancelled: hooks.cancelled });
    if (!found) return;
    panels.add(found.panel);
    found.panel.forEach((c, u) => c > 0 && (covered[u] = 1));
  }
}
