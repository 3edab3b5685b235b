/**
 * Pol.is's k-means (spec 1.8-1.9) on named 2-D points with weights: first-k-distinct cold start,
 * the clean-start warm start, nearest-centre assignment with ties to the later cluster, empty clusters
 * dropped, and convergence when the sorted centres move less than 0.01.
 */
import { Bounds, boundedStep } from "./kmeans-bounded";
import { IndexOf } from "./matrix";
import type { Cluster } from "./types";

/** Points to cluster: names (pids or base-cluster ids), coordinates and weights, in row order. */
export interface Points {
  names: readonly number[];
  x: Float64Array;
  y: Float64Array;
  w: Float64Array;
}

/** A working cluster: members are point indices. */
export interface WorkCluster {
  id: number;
  members: number[];
  cx: number;
  cy: number;
}

/** k-means stops when every sorted centre moved less than this (clusters.clj). */
export const CONVERGENCE = 0.01;

/** Clusters of the first k distinct points (in point order), ids 0..k−1. */
function initClusters(p: Points, k: number): WorkCluster[] {
  const out: WorkCluster[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < p.names.length && out.length < k; i++) {
    const key = `${p.x[i]},${p.y[i]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ id: out.length, members: [i], cx: p.x[i]!, cy: p.y[i]! });
  }
  return out;
}

function distinctCount(p: Points): number {
  // Numeric keys: string keys cost more than the clustering on 30k points.
  const ys = new Map<number, Set<number>>();
  let count = 0;
  for (let i = 0; i < p.names.length; i++) {
    let set = ys.get(p.x[i]!);
    if (!set) ys.set(p.x[i]!, (set = new Set()));
    if (!set.has(p.y[i]!)) {
      set.add(p.y[i]!);
      count++;
    }
  }
  return count;
}

/** Weighted mean of the members; keeps the old centre for a weightless cluster. */
function recentre(p: Points, c: WorkCluster): WorkCluster {
  let sx = 0;
  let sy = 0;
  let sw = 0;
  for (const i of c.members) {
    sx += p.w[i]! * p.x[i]!;
    sy += p.w[i]! * p.y[i]!;
    sw += p.w[i]!;
  }
  return sw > 0 ? { ...c, cx: sx / sw, cy: sy / sw } : c;
}

/** Index of the nearest cluster; exact ties go to the later one (Clojure's min-key). */
function nearest(clusters: readonly WorkCluster[], x: number, y: number): number {
  let best = -1;
  let bestD = Infinity;
  for (let c = 0; c < clusters.length; c++) {
    const dx = x - clusters[c]!.cx;
    const dy = y - clusters[c]!.cy;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/** One k-means step: assign, drop empty clusters, recentre. */
function step(p: Points, clusters: readonly WorkCluster[]): WorkCluster[] {
  const members: number[][] = clusters.map(() => []);
  for (let i = 0; i < p.names.length; i++) members[nearest(clusters, p.x[i]!, p.y[i]!)]!.push(i);
  const out: WorkCluster[] = [];
  clusters.forEach((c, ci) => {
    const m = members[ci]!;
    if (m.length > 0) out.push(recentre(p, { id: c.id, members: m, cx: c.cx, cy: c.cy }));
  });
  return out;
}

function sameClustering(a: readonly WorkCluster[], b: readonly WorkCluster[]): boolean {
  if (a.length !== b.length) return false;
  const sort = (cs: readonly WorkCluster[]): WorkCluster[] => [...cs].sort((u, v) => u.cx - v.cx || u.cy - v.cy);
  const sa = sort(a);
  const sb = sort(b);
  return sa.every((c, i) => Math.hypot(c.cx - sb[i]!.cx, c.cy - sb[i]!.cy) < CONVERGENCE);
}

/**
 * Warm start (clean-start-clusters): recentre the previous clusters on their surviving members, drop
 * empty ones, merge identical centres, then split off the point farthest from its nearest centre as a
 * new cluster (id = max + 1) until there are min(k, distinct points) clusters.
 */
function cleanStart(p: Points, previous: readonly Cluster[], k: number): WorkCluster[] {
  const index = new IndexOf(p.names);
  let clusters: WorkCluster[] = [];
  for (const c of [...previous].sort((a, b) => a.id - b.id)) {
    const members = c.members.map((n) => index.get(n)).filter((i) => i >= 0);
    if (members.length > 0) clusters.push(recentre(p, { id: c.id, members, cx: c.center[0], cy: c.center[1] }));
  }
  const merged: WorkCluster[] = [];
  for (const c of clusters) {
    const same = merged.find((o) => o.cx === c.cx && o.cy === c.cy);
    if (same) same.members.push(...c.members);
    else merged.push(c);
  }
  clusters = merged;
  if (clusters.length === 0) return initClusters(p, k);
  // Counting distinct points is only needed when there may be room for more clusters.
  if (clusters.length >= k) return clusters;
  const target = Math.min(k, distinctCount(p));
  let maxId = Math.max(...clusters.map((c) => c.id));
  if (clusters.length >= target) return clusters;
  // Distance of each point to its nearest centre, kept up to date as clusters are split off.
  const near = Float64Array.from({ length: p.names.length }, (_, i) => {
    const c = clusters[nearest(clusters, p.x[i]!, p.y[i]!)]!;
    return Math.hypot(p.x[i]! - c.cx, p.y[i]! - c.cy);
  });
  while (clusters.length < target) {
    let far = -1;
    let farD = 0;
    for (let i = 0; i < near.length; i++) {
      if (near[i]! > farD) {
        farD = near[i]!;
        far = i;
      }
    }
    if (far < 0) break;
    for (const c of clusters) c.members = c.members.filter((i) => i !== far);
    const fresh = { id: ++maxId, members: [far], cx: p.x[far]!, cy: p.y[far]! };
    clusters.push(fresh);
    for (let i = 0; i < near.length; i++) near[i] = Math.min(near[i]!, Math.hypot(p.x[i]! - fresh.cx, p.y[i]! - fresh.cy));
  }
  return clusters;
}

/** k-means of `p` with at most `maxIters` steps, warm-started from `previous` when given. */
export function kmeans(p: Points, k: number, maxIters: number, previous?: readonly Cluster[] | null): Cluster[] {
  if (p.names.length === 0) return [];
  let clusters = previous && previous.length > 0 ? cleanStart(p, previous, k) : initClusters(p, k);
  const bounds = new Bounds(p.names.length);
  let stepped = false;
  for (let iter = 0; iter < maxIters; iter++) {
    const next = boundedStep(p, clusters, bounds);
    stepped = true;
    const done = sameClustering(clusters, next);
    clusters = next;
    if (done) break;
  }
  // The steps track membership in `bounds.assigned`; the members lists are built once, at the end.
  if (stepped) {
    for (const c of clusters) c.members = [];
    const assigned = bounds.settle();
    for (let i = 0; i < p.names.length; i++) clusters[assigned[i]!]!.members.push(i);
  }
  return clusters.map((c) => ({ id: c.id, members: c.members.map((i) => p.names[i]!), center: [c.cx, c.cy] }));
}

/** Lloyd's k-means, one plain step per iteration: the reference the bounded version is tested against. */
export function kmeansReference(p: Points, k: number, maxIters: number, previous?: readonly Cluster[] | null): Cluster[] {
  if (p.names.length === 0) return [];
  let clusters = previous && previous.length > 0 ? cleanStart(p, previous, k) : initClusters(p, k);
  for (let iter = 0; iter < maxIters; iter++) {
    const next = step(p, clusters);
    const done = sameClustering(clusters, next);
    clusters = next;
    if (done) break;
  }
  return clusters.map((c) => ({ id: c.id, members: c.members.map((i) => p.names[i]!), center: [c.cx, c.cy] }));
}
