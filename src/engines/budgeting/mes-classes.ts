import { cmp, frac, mulInt, sub, ZERO, type Frac } from "./fraction";

/**
 * Budget classes of one MES run. Ballot groups that supported the same funded projects with the same
 * points hold the same budget, so a class is immutable: funding a project moves its supporters into
 * child classes. Each class has a double (the fast path) and an exact value computed only on demand,
 * from its parent and the exact price of the funding that created it.
 */
export interface Funding {
  cost: bigint;
  /** Histogram of the supporters when the project was funded: keys class·p1+points, weights. */
  keys: Int32Array;
  weights: Float64Array;
  sumWP: number;
  q?: Frac;
}

export class ClassStore {
  budgetF = new Float64Array(1024);
  zeroF = new Uint8Array(1024);
  private parent = new Int32Array(1024);
  private funding = new Int32Array(1024);
  private pts = new Int32Array(1024);
  private readonly exactCache = new Map<number, Frac>();
  readonly fundings: Funding[] = [];
  size = 0;

  constructor(
    readonly p1: number,
    start: Frac,
    startF: number,
  ) {
    this.add(startF, -1, -1, 0, start.n === 0n);
    this.exactCache.set(0, start);
  }

  /** Appends a class (typed arrays, doubled when full: runs create tens of thousands). */
  add(budgetF: number, parent: number, funding: number, pts: number, zeroF: boolean): number {
    if (this.size === this.budgetF.length) {
      const grow = <T extends Float64Array | Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.budgetF = grow(this.budgetF, (n) => new Float64Array(n));
      this.zeroF = grow(this.zeroF, (n) => new Uint8Array(n));
      this.parent = grow(this.parent, (n) => new Int32Array(n));
      this.funding = grow(this.funding, (n) => new Int32Array(n));
      this.pts = grow(this.pts, (n) => new Int32Array(n));
    }
    const c = this.size++;
    this.budgetF[c] = budgetF;
    this.zeroF[c] = zeroF ? 1 : 0;
    this.parent[c] = parent;
    this.funding[c] = funding;
    this.pts[c] = pts;
    return c;
  }

  /** Exact budget of class c: max(0, parent − q·pts), recursively, cached. */
  exact(c: number): Frac {
    const cached = this.exactCache.get(c);
    if (cached !== undefined) return cached;
    const f = this.fundings[this.funding[c] ?? -1];
    if (f === undefined) throw new Error(`class ${c} has no origin`);
    const paid = mulInt(this.priceOf(f), BigInt(this.pts[c] ?? 0));
    const left = sub(this.exact(this.parent[c] ?? 0), paid);
    const v = left.n <= 0n ? ZERO : left;
    this.exactCache.set(c, v);
    return v;
  }

  /** Exact price per point of a past funding (recomputed from its stored histogram once). */
  priceOf(f: Funding): Frac {
    if (f.q === undefined) {
      const q = this.waterFill(f.cost, f.keys, f.weights, f.sumWP);
      if (q === null) throw new Error("a funded project became unaffordable in exact arithmetic");
      f.q = q;
    }
    return f.q;
  }

  /**
   * Exact smallest q with Σ w·min(b, q·pts) = cost over a histogram, or null when Σ w·b < cost.
   * Water-filling: supporters whose budget is below the current q pay everything; repeat until stable.
   */
  waterFill(cost: bigint, keys: Int32Array, weights: Float64Array, sumWP: number): Frac | null {
    const n = keys.length;
    const capped = new Uint8Array(n);
    let remaining = frac(cost);
    let u = BigInt(sumWP);
    for (;;) {
      if (u === 0n) return remaining.n <= 0n ? this.maxRatio(keys) : null;
      const q = frac(remaining.n, remaining.d * u);
      let newly = 0;
      for (let t = 0; t < n; t++) {
        if (capped[t]) continue;
        const key = keys[t] ?? 0;
        const c = Math.floor(key / this.p1);
        const pts = key - c * this.p1;
        const b = this.exact(c);
        if (cmp(b, mulInt(q, BigInt(pts))) >= 0) continue;
        capped[t] = 1;
        newly++;
        const w = BigInt(weights[t] ?? 0);
        if (b.n !== 0n) remaining = sub(remaining, mulInt(b, w));
        u -= w * BigInt(pts);
      }
      if (newly === 0) return q;
    }
  }

  /** Largest b/pts over a histogram: the q at which every supporter has just spent everything. */
  private maxRatio(keys: Int32Array): Frac {
    let best = ZERO;
    for (const key of keys) {
      const c = Math.floor(key / this.p1);
      const r = frac(this.exact(c).n, this.exact(c).d * BigInt(key - c * this.p1));
      if (cmp(r, best) > 0) best = r;
    }
    return best;
  }
}
