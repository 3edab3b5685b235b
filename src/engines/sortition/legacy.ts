/**
 * LEGACY, the greedy algorithm used in practice (spec B2): seat by seat, take the feature whose unmet
 * minimum is largest relative to the people still available, and draw one of them uniformly. It gives
 * no guarantee on individual probabilities, so they are estimated by Monte-Carlo.
 */
import type { Pool } from "./model";
import type { Sha256Ctr } from "./prng";

/** Attempts before LEGACY gives up (the Sortition Foundation default `max_attempts`). */
export const MAX_ATTEMPTS = 100;

/** Per-feature and per-household member lists, built once per pool and shared by every attempt. */
interface LegacyIndex {
  byFeature: number[][];
  byHousehold: Map<string, number[]>;
}

const indexCache = new WeakMap<Pool, LegacyIndex>();

function indexOf(pool: Pool): LegacyIndex {
  let index = indexCache.get(pool);
  if (!index) {
    const byFeature = pool.quotas.map((): number[] => []);
    const byHousehold = new Map<string, number[]>();
    pool.people.forEach((p, i) => {
      for (const f of p.features) byFeature[f]?.push(i);
      if (p.household !== null) byHousehold.set(p.household, [...(byHousehold.get(p.household) ?? []), i]);
    });
    index = { byFeature, byHousehold };
    indexCache.set(pool, index);
  }
  return index;
}

/** One greedy pass; returns selected person indices (in selection order) or null if it got stuck. */
export function legacyAttempt(pool: Pool, rng: Sha256Ctr): number[] | null {
  const { people, quotas, k } = pool;
  const { byFeature, byHousehold } = indexOf(pool);
  const F = quotas.length;
  const alive = new Uint8Array(people.length).fill(1);
  const remaining = byFeature.map((m) => m.length);
  const selected = new Array<number>(F).fill(0);
  const remove = (i: number): void => {
    if (!alive[i]) return;
    alive[i] = 0;
    for (const f of people[i]?.features ?? []) remaining[f] = (remaining[f] ?? 0) - 1;
  };
  // People with a feature whose maximum is 0 can never sit.
  quotas.forEach((q, f) => q.max === 0 && byFeature[f]?.forEach(remove));
  const panel: number[] = [];
  for (let seat = 0; seat < k; seat++) {
    let best = -1;
    let bestRatio = -Infinity;
    for (let f = 0; f < F; f++) {
      const q = quotas[f];
      const rem = remaining[f] ?? 0;
      const need = (q?.min ?? 0) - (selected[f] ?? 0);
      if (rem < need) return null;
      if (rem > 0 && (q?.max ?? 0) > 0 && need / rem > bestRatio) {
        bestRatio = need / rem;
        best = f;
      }
    }
    if (best < 0) return null;
    const candidates = (byFeature[best] ?? []).filter((i) => alive[i]);
    const chosen = candidates[rng.below(candidates.length)] as number;
    const person = people[chosen];
    if (!person) return null;
    panel.push(chosen);
    remove(chosen);
    for (const f of person.features) selected[f] = (selected[f] ?? 0) + 1;
    if (person.household !== null) byHousehold.get(person.household)?.forEach(remove);
    for (const f of person.features) if ((selected[f] ?? 0) >= (quotas[f]?.max ?? 0)) byFeature[f]?.forEach(remove);
  }
  return quotas.every((q, f) => (selected[f] ?? 0) >= q.min) ? panel : null;
}

/** LEGACY with retries: a panel (person indices, sorted), or null after MAX_ATTEMPTS failures. */
export function legacyDraw(pool: Pool, rng: Sha256Ctr): number[] | null {
  for (let a = 0; a < MAX_ATTEMPTS; a++) {
    const panel = legacyAttempt(pool, rng);
    if (panel) return panel.sort((x, y) => x - y);
  }
  return null;
}

export interface LegacyEstimate {
  /** Estimated selection probability per person. */
  probability: Float64Array;
  /** Distinct panels seen (person indices, sorted) with their frequency among successful runs. */
  lottery: { panel: number[]; probability: number }[];
  successes: number;
}

/** Monte-Carlo estimate of LEGACY's probabilities over `runs` independent draws from `rng`. */
export function legacyEstimate(pool: Pool, runs: number, rng: Sha256Ctr, onRun?: (done: number) => void): LegacyEstimate {
  const counts = new Float64Array(pool.people.length);
  const seen = new Map<string, { panel: number[]; n: number }>();
  let successes = 0;
  for (let r = 0; r < runs; r++) {
    const panel = legacyDraw(pool, rng);
    if (panel) {
      successes++;
      panel.forEach((i) => (counts[i] = (counts[i] ?? 0) + 1));
      const key = panel.join(",");
      const entry = seen.get(key);
      if (entry) entry.n++;
      else seen.set(key, { panel, n: 1 });
    }
    if (onRun && r % 500 === 499) onRun(r + 1);
  }
  const denom = Math.max(1, successes);
  return {
    probability: counts.map((c) => c / denom),
    lottery: [...seen.values()].map((e) => ({ panel: e.panel, probability: e.n / denom })),
    successes,
  };
}
