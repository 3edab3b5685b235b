/** Summary statistics of a selection: minimum probability, Gini coefficient, quota fill. */
import type { Pool } from "./model";

/** Gini coefficient of the probabilities (0 = everyone equal); 0 for an all-zero vector. */
export function gini(values: ArrayLike<number>): number {
  const v = Array.from(values).sort((a, b) => a - b);
  const n = v.length;
  const total = v.reduce((s, x) => s + x, 0);
  if (n === 0 || total <= 0) return 0;
  const weighted = v.reduce((s, x, i) => s + (i + 1) * x, 0);
  // Clamped: equal values give a rounding residue of either sign.
  return Math.max(0, (2 * weighted) / (n * total) - (n + 1) / n);
}

export interface QuotaFill {
  category: string;
  feature: string;
  min: number;
  max: number;
  selected: number;
  ok: boolean;
}

/** Seats each feature received in `panel` (person indices) against its quota. */
export function quotaFill(pool: Pool, panel: readonly number[]): QuotaFill[] {
  const fill = new Array<number>(pool.quotas.length).fill(0);
  for (const i of panel) for (const f of pool.people[i]?.features ?? []) fill[f] = (fill[f] ?? 0) + 1;
  return pool.quotas.map((q, f) => ({ ...q, selected: fill[f] ?? 0, ok: (fill[f] ?? 0) >= q.min && (fill[f] ?? 0) <= q.max })).map(({ category, feature, min, max, selected, ok }) => ({ category, feature, min, max, selected, ok }));
}

/** Every constraint a concrete panel breaks: size, quotas, households (empty when valid). */
export function panelProblems(pool: Pool, panel: readonly number[]): string[] {
  const out: string[] = [];
  if (panel.length !== pool.k) out.push(`panel has ${panel.length} people, not ${pool.k}`);
  for (const q of quotaFill(pool, panel)) if (!q.ok) out.push(`${q.category}/${q.feature}: ${q.selected} outside [${q.min}, ${q.max}]`);
  const homes = new Map<string, number>();
  for (const i of panel) {
    const h = pool.people[i]?.household;
    if (h === null || h === undefined) continue;
    homes.set(h, (homes.get(h) ?? 0) + 1);
  }
  for (const [h, n] of homes) if (n > 1) out.push(`${n} people from one household (${h.replaceAll("\u0000", ", ")})`);
  return out;
}
