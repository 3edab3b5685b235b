/**
 * What a rotation decides (ADR 19), as pure functions: how many members leave (a third), which ones
 * (the longest-serving, ties by a seeded lottery anyone can replay), and the quotas of the new draw
 * (the old quotas less what the members who stay already hold).
 */
import { Sha256Ctr, sha256Hex } from "../../engines/sortition/prng";
import type { DrawQuota } from "./schema";

/** The methods as published on the new draw's record. */
export const ROTATION_METHOD =
  "A third of the sitting drawn members leave (rounded to the nearest whole, at least one): the longest-serving first (by the day their seat was confirmed); among members who started the same day, by lot with the engine's generator (SHA-256 counter mode) seeded with the hex SHA-256 of `<seed of the draw rotated>:rotation:<n>` (n: the rotation's number in the chain), a partial Fisher-Yates shuffle of them in (draw, pool row) order. The new draw picks as many people from the remaining pool (the old pool less everyone ever invited), each quota's min and max lowered by the members who stay with that value (never below 0 nor above the seats drawn).";

/** How many of `sitting` members a rotation replaces: a third, at least one (none when nobody sits). */
export function rotationCount(sitting: number): number {
  return sitting <= 0 ? 0 : Math.max(1, Math.round(sitting / 3));
}

export interface Sitting {
  /** The member's pool row (the lottery orders ties by it). */
  row: number;
  /** The day (YYYY-MM-DD) they took their seat. */
  since: string;
}

/** The rows of the `count` members leaving: longest-serving first, ties by the seeded lottery. */
export function chooseLeavers(drawSeed: string, rotation: number, sitting: readonly Sitting[], count: number): number[] {
  const days = [...new Set(sitting.map((s) => s.since))].sort();
  const rng = new Sha256Ctr(sha256Hex(`${drawSeed}:rotation:${rotation}`));
  const out: number[] = [];
  for (const day of days) {
    const left = count - out.length;
    if (left <= 0) break;
    const group = sitting.filter((s) => s.since === day).map((s) => s.row).sort((a, b) => a - b);
    out.push(...(group.length <= left ? group : rng.sample(group, left)));
  }
  return out;
}

/** The new draw's quotas: each min and max less the staying members with that value, within [0, k]. */
export function adjustQuotas(quotas: readonly DrawQuota[], categories: readonly string[], staying: ReadonlyArray<readonly string[]>, k: number): DrawQuota[] {
  return quotas.map((q) => {
    const at = categories.indexOf(q.category);
    const held = staying.filter((f) => f[at] === q.feature).length;
    const min = Math.min(k, Math.max(0, q.min - held));
    const max = Math.min(k, Math.max(0, q.max - held));
    return { ...q, min, max: Math.max(min, max) };
  });
}
