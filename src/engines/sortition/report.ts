/** Presenters of a selection: the contract JSON of `pnyx sortition select --json`, a text summary, the draw record. */
import type { DrawInputs, DrawRecord } from "./draw";
import { GENERATOR_DOC } from "./draw";
import type { Pool } from "./model";
import type { Selection } from "./select";

const round = (x: number): number => Math.round(x * 1e9) / 1e9;

/** The JSON shape promised by issue 6 (plus `estimated: true` for LEGACY). */
export function selectionJson(pool: Pool, s: Selection): Record<string, unknown> {
  const id = (i: number): string => pool.people[i]?.id ?? String(i);
  const probabilities: Record<string, number> = {};
  pool.people.forEach((p, i) => (probabilities[p.id] = round(s.probability[i] ?? 0)));
  const out: Record<string, unknown> = {
    algorithm: s.algorithm,
    panel: s.panel.map(id),
    probabilities,
    minProbability: round(s.minProbability),
    gini: round(s.gini),
    lottery: s.lottery.map((e) => ({ panel: e.members.map(id), probability: e.probability })),
    ms: s.ms,
  };
  if (s.estimated) out.estimated = true;
  return out;
}

/** A human-readable summary: panel, fairness figures and quota fill. */
export function selectionText(pool: Pool, s: Selection): string {
  const lines = [
    `algorithm: ${s.algorithm}${s.estimated ? " (probabilities estimated by Monte-Carlo)" : ""}`,
    `panel (${s.panel.length}): ${s.panel.map((i) => pool.people[i]?.id).join(", ")}`,
    `minimum probability: ${s.minProbability.toFixed(4)}   Gini: ${s.gini.toFixed(4)}   lottery panels: ${s.lottery.length}   ${s.ms} ms`,
    "quota fill:",
    ...s.quotaFill.map((q) => `  ${q.ok ? " " : "!"} ${q.category}/${q.feature}: ${q.selected} in [${q.min}, ${q.max}]`),
  ];
  return lines.join("\n");
}

/** The draw record: everything needed to replay the draw with `pnyx sortition verify`. */
export function drawRecord(pool: Pool, inputs: DrawInputs, seed: string, s: Selection): DrawRecord {
  return {
    inputs,
    seed,
    generator: GENERATOR_DOC,
    panel: s.panel.map((i) => pool.people[i]?.id ?? String(i)),
    minProbability: s.minProbability,
    gini: s.gini,
    estimated: s.estimated,
    quotaFill: s.quotaFill,
    createdAt: new Date().toISOString(),
  };
}
