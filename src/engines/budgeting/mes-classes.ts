import { cmp, frac, mulInt, sub, ZERO, type Frac } from "./fraction";

/**
 * Budget classes of MES. Ballot groups that supported the same funded projects with the same points
 * hold the same budget; funding a project moves its supporters into child classes keyed by (class,
 * points). The class tree therefore depends only on the sequence of winners, not on the money: Add1's
 * runs, which differ only in the per-voter budget and usually pick the same winners for many rounds,
 * share it (Trace), and each run only recomputes the budgets along it (RunBudgets).
 */
export interface Histogram {
  /** Keys (class, points) of a project's supporters, decoded so that the hot loop does not divide,
   *  and the number of voters under each key. cls.length is the number of keys; pts may be longer
   *  (approval: one shared array of ones). */
  weights: Int32Array;
  cls: Int32Array;
  pts: Int32Array;
}

export interface RoundRecord {
  /** Group -> class before this round's funding. */
  cls: Int32Array;
  /** Number of classes before this round's funding. */
  classCount: number;
  /** Histograms of the projects evaluated in this round (valid for any run on the same winners). */
  hist: Map<number, Histogram>;
  winner: number;
  /** Classes this round's funding created, as (parent, child, points) triples. */
  splits: Int32Array | null;
}

/** The class tree and per-round data of the last run, reusable by the next run while winners agree. */
export class Trace {
  parent = new Int32Array(1024);
  round = new Int32Array(1024);
  pts = new Int32Array(1024);
  size = 1;
  rounds: RoundRecord[] = [];
  /** Snapshot buffers of forgotten rounds, and one budget buffer: reused to spare the GC. */
  private readonly pool: Int32Array[] = [];
  budgetBuf = new Float64Array(1024);
  /** Scratch of mesFast (all zeros between uses), kept here so that runs do not reallocate it.
   *  hist holds voter counts (integers < 2³¹), so Int32 halves its cache footprint. */
  scratch: { hist: Int32Array; touched: Int32Array } = { hist: new Int32Array(64), touched: new Int32Array(64) };

  constructor(groups: number) {
    this.parent[0] = -1;
    this.round[0] = -1;
    this.rounds.push({ cls: new Int32Array(groups), classCount: 1, hist: new Map(), winner: -1, splits: null });
  }

  /** Forgets rounds after r (a run chose another winner there); keeps their buffers for reuse. */
  truncate(r: number): void {
    for (const old of this.rounds.splice(r + 1)) this.pool.push(old.cls);
    this.size = this.rounds[r]?.classCount ?? 1;
  }

  /** Returns a buffer to the pool (a run's working copy, once the run is over). */
  recycle(buf: Int32Array): void {
    this.pool.push(buf);
  }

  /** A copy of `cls` for a new round record, in a recycled buffer when there is one. */
  snapshot(cls: Int32Array): Int32Array {
    const buf = this.pool.pop() ?? new Int32Array(cls.length);
    buf.set(cls);
    return buf;
  }

  /** Appends a class created by round r's funding; arrays double when full. */
  add(parent: number, r: number, pts: number): number {
    if (this.size === this.parent.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.parent = grow(this.parent);
      this.round = grow(this.round);
      this.pts = grow(this.pts);
    }
    const c = this.size++;
    this.parent[c] = parent;
    this.round[c] = r;
    this.pts[c] = pts;
    return c;
  }
}

/** A funding of the current run: what is needed to recompute its exact price per point. */
export interface Funding {
  cost: bigint;
  hist: Histogram;
  sumWP: number;
  q?: Frac;
}

/** One run's budgets over a Trace: doubles for the fast path, exact values on demand. */
export class RunBudgets {
  budgetF: Float64Array;
  private readonly exactCache = new Map<number, Frac>();
  readonly fundings: Funding[] = [];

  constructor(
    readonly trace: Trace,
    start: Frac,
    startF: number,
  ) {
    // Runs are sequential, so they share one buffer; every class a run reads, that run has set.
    if (trace.budgetBuf.length < trace.size) trace.budgetBuf = new Float64Array(trace.size * 2);
    this.budgetF = trace.budgetBuf;
    this.budgetF[0] = startF;
    this.exactCache.set(0, start);
  }

  /** Grows the doubles to hold classes below `size` (the trace grows as runs leave it). */
  ensure(size: number): void {
    if (size <= this.budgetF.length) return;
    const b = new Float64Array(Math.max(size, this.budgetF.length * 2));
    b.set(this.budgetF);
    this.budgetF = b;
    this.trace.budgetBuf = b;
  }

  /** Exact budget of class c: max(0, parent − q·pts), recursively, cached. */
  exact(c: number): Frac {
    const cached = this.exactCache.get(c);
    if (cached !== undefined) return cached;
    const t = this.trace;
    const f = this.fundings[t.round[c] ?? -1];
    if (f === undefined) throw new Error(`class ${c} has no funding in this run`);
    const left = sub(this.exact(t.parent[c] ?? 0), mulInt(this.priceOf(f), BigInt(t.pts[c] ?? 0)));
    const v = left.n <= 0n ? ZERO : left;
    this.exactCache.set(c, v);
    return v;
  }

  /** Exact price per point of a funding (recomputed from its histogram once). */
  priceOf(f: Funding): Frac {
    if (f.q === undefined) {
      const q = this.waterFill(f.cost, f.hist, f.sumWP);
      if (q === null) throw new Error("a funded project became unaffordable in exact arithmetic");
      f.q = q;
    }
    return f.q;
  }

  /**
   * Exact smallest q with Σ w·min(b, q·pts) = cost over a histogram, or null when Σ w·b < cost.
   * Water-filling: supporters whose budget is below the current q pay everything; repeat until stable.
   */
  waterFill(cost: bigint, h: Histogram, sumWP: number): Frac | null {
    const n = h.cls.length;
    const capped = new Uint8Array(n);
    let remaining = frac(cost);
    let u = BigInt(sumWP);
    for (;;) {
      if (u === 0n) return null;
      const q = frac(remaining.n, remaining.d * u);
      let newly = 0;
      for (let t = 0; t < n; t++) {
        if (capped[t]) continue;
        const c = h.cls[t] ?? 0;
        const pts = h.pts[t] ?? 1;
        const b = this.exact(c);
        if (cmp(b, mulInt(q, BigInt(pts))) >= 0) continue;
        capped[t] = 1;
        newly++;
        const w = BigInt(h.weights[t] ?? 0);
        if (b.n !== 0n) remaining = sub(remaining, mulInt(b, w));
        u -= w * BigInt(pts);
      }
      if (newly === 0) return q;
    }
  }
}
