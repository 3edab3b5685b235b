/**
 * The k-means step of kmeans.ts with Hamerly's bounds: an upper bound on each point's distance to its
 * centre and a lower bound on the distance to any other. A point whose upper bound is strictly below
 * its lower bound keeps its cluster without a scan; the result is exactly Lloyd's step, which the tests
 * check (`kmeansReference`). One pass over the points per step: the centre sums are taken in the same
 * pass, in point order as Lloyd's step sums them, and moving the bounds with the centres is deferred
 * to the next step's pass.
 */
import type { Points, WorkCluster } from "./kmeans";

/** Per-point bounds and assignment, carried from step to step. */
export class Bounds {
  readonly assigned: Int32Array;
  readonly upper: Float64Array;
  readonly lower: Float64Array;
  valid = false;
  /** The last step's centre moves, index renumbering and largest move, not yet applied to the points. */
  pending: { move: Float64Array; newIndex: Int32Array; maxMove: number } | null = null;
  constructor(n: number) {
    this.assigned = new Int32Array(n);
    this.upper = new Float64Array(n);
    this.lower = new Float64Array(n);
  }

  /** Applies the pending update to every point; returns the assignments (cluster positions). */
  settle(): Int32Array {
    const p = this.pending;
    if (p) for (let i = 0; i < this.assigned.length; i++) this.apply(i, p);
    this.pending = null;
    return this.assigned;
  }

  apply(i: number, p: { move: Float64Array; newIndex: Int32Array; maxMove: number }): void {
    const a = this.assigned[i]!;
    this.upper[i]! += p.move[a]! * (1 + SLACK);
    this.lower[i]! -= p.maxMove * (1 + SLACK);
    this.assigned[i] = p.newIndex[a]!;
  }
}

/** Rounding slack for the bound tests, so a near-tie is always resolved by a full scan. */
const SLACK = 1e-9;

/** One Lloyd step (assign, drop empty clusters, recentre) using and updating the bounds. */
export function boundedStep(p: Points, clusters: readonly WorkCluster[], b: Bounds): WorkCluster[] {
  const n = p.names.length;
  const nc = clusters.length;
  const cx = Float64Array.from(clusters, (c) => c.cx);
  const cy = Float64Array.from(clusters, (c) => c.cy);
  const byX = new CentresByX(cx, cy);
  const { assigned, upper, lower } = b;
  // Half the distance from each centre to its nearest other centre: a point closer than that to its
  // own centre is strictly nearest to it (triangle inequality).
  const half = new Float64Array(nc).fill(Infinity);
  for (let c = 0; c < nc; c++)
    for (let d = c + 1; d < nc; d++) {
      const h = Math.sqrt((cx[c]! - cx[d]!) ** 2 + (cy[c]! - cy[d]!) ** 2) / 2;
      if (h < half[c]!) half[c] = h;
      if (h < half[d]!) half[d] = h;
    }
  const sx = new Float64Array(nc);
  const sy = new Float64Array(nc);
  const sw = new Float64Array(nc);
  const count = new Int32Array(nc);
  const pending = b.pending;
  const move = pending ? pending.move : null;
  const newIndex = pending ? pending.newIndex : null;
  const lowerShift = pending ? pending.maxMove * (1 + SLACK) : 0;
  const valid = b.valid;
  const px = p.x;
  const py = p.y;
  const pw = p.w;
  for (let i = 0; i < n; i++) {
    const x = px[i]!;
    const y = py[i]!;
    let a = assigned[i]!;
    let scan = !valid;
    if (valid) {
      if (move && newIndex) {
        upper[i]! += move[a]! * (1 + SLACK);
        lower[i]! -= lowerShift;
        a = newIndex[a]!;
        assigned[i] = a;
      }
      const bound = Math.max(lower[i]!, half[a]!);
      if (!(upper[i]! + SLACK < bound)) {
        const ux = x - cx[a]!;
        const uy = y - cy[a]!;
        const u = Math.sqrt(ux * ux + uy * uy);
        upper[i] = u;
        scan = !(u + SLACK < bound);
      }
    }
    if (scan) {
      // Nearest centre with the tie rule of `nearest`, and the second-nearest distance.
      const near = byX.nearestTwo(x, y);
      a = near.best;
      assigned[i] = a;
      upper[i] = Math.sqrt(near.bestD);
      lower[i] = Math.sqrt(near.second);
    }
    const w = pw[i]!;
    sx[a]! += w * x;
    sy[a]! += w * y;
    sw[a]! += w;
    count[a]!++;
  }
  const out: WorkCluster[] = [];
  const renumber = new Int32Array(nc).fill(-1);
  clusters.forEach((c, ci) => {
    if (count[ci] === 0) return;
    renumber[ci] = out.length;
    const keep = !(sw[ci]! > 0);
    out.push({ id: c.id, members: [], cx: keep ? c.cx : sx[ci]! / sw[ci]!, cy: keep ? c.cy : sy[ci]! / sw[ci]! });
  });
  // The bounds move with the centres (applied lazily); dropping an empty cluster only loosens lower bounds.
  let maxMove = 0;
  const moved = new Float64Array(nc);
  clusters.forEach((c, ci) => {
    const j = renumber[ci]!;
    if (j < 0) return;
    moved[ci] = Math.hypot(out[j]!.cx - c.cx, out[j]!.cy - c.cy);
    maxMove = Math.max(maxMove, moved[ci]!);
  });
  b.pending = { move: moved, newIndex: renumber, maxMove };
  b.valid = true;
  return out;
}

/**
 * Centres sorted by x, for nearest-two queries that scan outwards from the query's x and stop once
 * dx² alone exceeds the second-nearest distance. The answer is that of a scan over all centres in
 * index order with `nearest`'s rule (an exact tie goes to the higher index), whatever the visit order.
 */
export class CentresByX {
  private readonly order: Int32Array;
  private readonly xs: Float64Array;
  constructor(
    private readonly cx: Float64Array,
    private readonly cy: Float64Array,
  ) {
    this.order = Int32Array.from(cx.keys()).sort((a, b) => cx[a]! - cx[b]! || a - b);
    this.xs = Float64Array.from(this.order, (c) => cx[c]!);
  }

  /** Nearest centre (index), its squared distance and the second-smallest squared distance. */
  nearestTwo(x: number, y: number): { best: number; bestD: number; second: number } {
    const { order, xs, cx, cy } = this;
    const n = xs.length;
    // First position with xs >= x.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    let best = -1;
    let bestD = Infinity;
    let second = Infinity;
    let up = lo;
    let down = lo - 1;
    while (up < n || down >= 0) {
      // Visit the side whose next centre is closer in x; stop once dx² alone exceeds `second`.
      const dUp = up < n ? xs[up]! - x : Infinity;
      const dDown = down >= 0 ? x - xs[down]! : Infinity;
      const useUp = dUp <= dDown;
      const dx = useUp ? dUp : dDown;
      if (dx * dx > second) break;
      const c = order[useUp ? up++ : down--]!;
      const ex = x - cx[c]!;
      const ey = y - cy[c]!;
      const d = ex * ex + ey * ey;
      if (d < bestD) {
        second = bestD;
        bestD = d;
        best = c;
      } else if (d === bestD) {
        second = d;
        if (c > best) best = c;
      } else if (d < second) second = d;
    }
    return { best, bestD, second };
  }
}
