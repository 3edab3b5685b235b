/** Opinion groups (spec 1.9): weighted k-means of the base clusters for k = 2..5, silhouette, smoother. */
import { kmeans, type Points } from "./kmeans";
import type { Cluster, SmootherState } from "./types";

/** Pol.is ignores its :cluster-iters setting and runs 20 (Q3). */
export const GROUP_ITERS = 20;
export const MAX_GROUPS = 5;

/** Largest k tried: min(5, 2 + ⌊n_base/12⌋), never more than the number of base clusters. */
export function maxGroupK(nBase: number): number {
  return Math.min(MAX_GROUPS, 2 + Math.floor(nBase / 12), nBase);
}

/** Base clusters as weighted points in base-id order. */
export function basePoints(base: readonly Cluster[]): Points {
  const sorted = [...base].sort((a, b) => a.id - b.id);
  return {
    names: sorted.map((c) => c.id),
    x: Float64Array.from(sorted, (c) => c.center[0]),
    y: Float64Array.from(sorted, (c) => c.center[1]),
    w: Float64Array.from(sorted, (c) => c.members.length),
  };
}

/**
 * Silhouette over base-cluster centres, unweighted mean over base clusters; a member of a singleton
 * group scores 0.
 */
export function silhouette(p: Points, clusters: readonly Cluster[]): number {
  const n = p.names.length;
  if (n === 0) return 0;
  const groupOf = new Map<number, number>();
  clusters.forEach((c, g) => c.members.forEach((m) => groupOf.set(m, g)));
  const g = Int32Array.from(p.names, (name) => groupOf.get(name) ?? -1);
  const sizes = new Int32Array(clusters.length);
  for (let i = 0; i < n; i++) if (g[i]! >= 0) sizes[g[i]!]!++;
  let total = 0;
  const sums = new Float64Array(clusters.length);
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    if (gi < 0 || sizes[gi]! <= 1) continue;
    sums.fill(0);
    for (let j = 0; j < n; j++) {
      if (j === i || g[j]! < 0) continue;
      sums[g[j]!]! += Math.hypot(p.x[i]! - p.x[j]!, p.y[i]! - p.y[j]!);
    }
    const a = sums[gi]! / (sizes[gi]! - 1);
    let b = Infinity;
    for (let h = 0; h < clusters.length; h++) if (h !== gi && sizes[h]! > 0) b = Math.min(b, sums[h]! / sizes[h]!);
    const denom = Math.max(a, b);
    if (Number.isFinite(b) && denom > 0) total += (b - a) / denom;
  }
  return total / n;
}

/** Pol.is's smoother: a new k is adopted only after it has been the best four ticks in a row. */
export function smoothK(prev: SmootherState, thisK: number, validKs: readonly number[]): SmootherState & { k: number } {
  const count = prev.lastK === thisK ? prev.count + 1 : 1;
  let smoothed = count >= 4 ? thisK : (prev.smoothed ?? thisK);
  if (!validKs.includes(smoothed)) smoothed = thisK;
  return { lastK: thisK, count, smoothed, k: smoothed };
}

/** Group clusterings for every k, the best k by silhouette (ties to the higher k) and the smoothed choice. */
export function groupClusters(
  base: readonly Cluster[],
  previous: Record<number, Cluster[]>,
  smoother: SmootherState,
): { clusterings: Record<number, Cluster[]>; k: number; smoother: SmootherState; groups: Cluster[] } {
  const p = basePoints(base);
  const kMax = maxGroupK(p.names.length);
  const clusterings: Record<number, Cluster[]> = {};
  if (kMax < 2) {
    // Too few base clusters to split: everyone is one group.
    const all = kmeans(p, 1, GROUP_ITERS, null);
    return { clusterings, k: all.length, smoother, groups: all };
  }
  let thisK = 2;
  let best = -Infinity;
  for (let k = 2; k <= kMax; k++) {
    const c = kmeans(p, k, GROUP_ITERS, previous[k] ?? null);
    clusterings[k] = c;
    const s = silhouette(p, c);
    if (s >= best) {
      best = s;
      thisK = k;
    }
  }
  const valid = Object.keys(clusterings).map(Number);
  const next = smoothK(smoother, thisK, valid);
  const { k, ...state } = next;
  return { clusterings, k, smoother: state, groups: clusterings[k] ?? [] };
}
