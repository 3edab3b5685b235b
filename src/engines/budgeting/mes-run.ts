import type { Frac } from "./fraction";
import { cmp, div, frac, mul, toNumber } from "./fraction";
import type { Outcome } from "./greedy";
import { RunBudgets, Trace, type Histogram, type RoundRecord } from "./mes-classes";
import type { MesPrepared, RoundBounds } from "./mes-fast";
import { TOL, waterFillF, type Eval } from "./mes-waterfill";
import { breakTie, type TieCriterion } from "./tie-break";

/** Budgets are differences of ~40 doubles at most: their error is far below this share of B/n. */
const ZERO_TOL = 1e-11;
/** The pts of every approval histogram (points are all 1): shared, grown on demand, never written. */
let ones = new Int32Array(1024).fill(1);

/**
 * One MES run (see mesFast). A class rather than closures inside one function: Add1 makes hundreds of
 * runs, and closures created per run are new call targets each time, which made V8 throw away and
 * recompile the optimised code of every function that called one (~1,700 deoptimisations per
 * bench:pb run); methods are shared by every run.
 */
export class MesRun {
  private readonly trace: Trace;
  private readonly run: RunBudgets;
  private readonly scaleF: number;
  private hist: Int32Array;
  private touched: Int32Array;
  private readonly lastQF: Float64Array;
  /** While true, this run has picked the same winners as the trace so far and reuses its rounds. */
  private onPath = true;
  private live: Int32Array | null = null;
  private rec: RoundRecord;

  constructor(
    private readonly prep: MesPrepared,
    private readonly perVoter: Frac,
    private readonly tieBreak: readonly TieCriterion[],
    private readonly richer: readonly RoundBounds[],
  ) {
    const e = prep.e;
    this.trace = prep.trace ??= new Trace(e.groups.length);
    this.scaleF = toNumber(perVoter);
    this.run = new RunBudgets(this.trace, perVoter, this.scaleF);
    this.hist = this.trace.scratch.hist;
    this.touched = this.trace.scratch.touched;
    this.lastQF = new Float64Array(e.projects.length);
    this.rec = this.roundAt(0);
  }

  private roundAt(r: number): RoundRecord {
    const x = this.trace.rounds[r];
    if (x === undefined) throw new Error(`MES trace has no round ${r}`);
    return x;
  }

  /** Project j's supporters by (class, points) at the current round: cached, or one scan. */
  private histogram(j: number): Histogram {
    const rec = this.rec;
    const cached = rec.hist.get(j);
    if (cached !== undefined) return cached;
    const { supG, supP, weight, np, work } = this.prep;
    if (this.hist.length < this.trace.size * np) this.hist = new Int32Array(this.trace.size * np * 2);
    const hist = this.hist;
    const gl = supG[j] ?? new Int32Array(0);
    const pl = supP[j] ?? new Int32Array(0);
    const cls = rec.cls;
    work.histogramsBuilt++;
    work.supportersScanned += gl.length;
    if (this.touched.length < gl.length) this.touched = new Int32Array(gl.length * 2);
    const touched = this.touched;
    let n = 0;
    if (np === 1) {
      // Approval: the key is the class.
      for (let k = 0; k < gl.length; k++) {
        const g = gl[k] ?? 0;
        const key = cls[g] ?? 0;
        const v = hist[key] ?? 0;
        if (v === 0) touched[n++] = key;
        hist[key] = v + (weight[g] ?? 0);
      }
    } else {
      for (let k = 0; k < gl.length; k++) {
        const g = gl[k] ?? 0;
        const key = (cls[g] ?? 0) * np + (pl[k] ?? 1) - 1;
        const v = hist[key] ?? 0;
        if (v === 0) touched[n++] = key;
        hist[key] = v + (weight[g] ?? 0);
      }
    }
    if (np === 1 && ones.length < n) ones = new Int32Array(n * 2).fill(1);
    const h: Histogram = { weights: new Int32Array(n), cls: new Int32Array(n), pts: np === 1 ? ones : new Int32Array(n) };
    for (let t = 0; t < n; t++) {
      const key = touched[t] ?? 0;
      const c = (key / np) | 0;
      h.weights[t] = hist[key] ?? 0;
      h.cls[t] = c;
      if (np !== 1) h.pts[t] = key - c * np + 1;
      hist[key] = 0;
    }
    rec.hist.set(j, h);
    return h;
  }

  private evaluateF(j: number, q0: number): Eval {
    const p = this.prep;
    return waterFillF(this.histogram(j), this.run.budgetF, p.costF[j] ?? 0, p.sumWP[j] ?? 0, q0, p.work);
  }

  private exactRho(j: number): Frac | null {
    const p = this.prep;
    const q = this.run.waterFill(p.e.projects[j]?.cost ?? 0n, this.histogram(j), p.sumWP[j] ?? 0);
    return q === null ? null : div(q, frac(p.factor[j] ?? 1n));
  }

  /** Runs MES to the end: the outcome, and the bounds a poorer run may borrow. */
  execute(): Outcome & { bounds: RoundBounds } {
    const { e, work, factor } = this.prep;
    const lastQF = this.lastQF;
    const active = [...this.prep.candidates];
    const lastRhoF = new Float64Array(e.projects.length);
    const selected: number[] = [];
    const ties: Outcome["ties"] = [];
    const bounds: RoundBounds = { winners: [], lower: [] };
    // One allocation for every round's bounds (a run has at most one round per candidate, plus the last).
    const P = e.projects.length;
    const slab = new Float64Array((active.length + 1) * P).fill(Infinity);
    /** The richer runs that have funded the same winners as this one so far: their bounds apply. */
    let alike = [...this.richer];
    for (let r = 0; active.length > 0; r++) {
      work.rounds++;
      for (const rb of alike) {
        const rich = rb.lower[r];
        if (rich === undefined) continue;
        for (let i = active.length - 1; i >= 0; i--) {
          const j = active[i] ?? 0;
          const lb = rich[j] ?? 0;
          if (lb === Infinity) active.splice(i, 1);
          else if (lb > (lastRhoF[j] ?? 0)) lastRhoF[j] = lb;
        }
      }
      if (active.length === 0) break;
      // Insertion sort: the order by lower bound changes little from one round to the next.
      for (let i = 1; i < active.length; i++) {
        const j = active[i] ?? 0;
        const key = lastRhoF[j] ?? 0;
        let k = i - 1;
        for (; k >= 0 && (lastRhoF[active[k] ?? 0] ?? 0) > key; k--) active[k + 1] = active[k] ?? 0;
        active[k + 1] = j;
      }
      let bestF = Infinity;
      const evaluated: number[] = [];
      const dropped: number[] = [];
      for (const j of active) {
        if ((lastRhoF[j] ?? 0) > bestF * (1 + 2 * TOL)) break;
        const factorF = Number(factor[j] ?? 1n);
        // lastRhoF is a lower bound on ρ_j; the margin keeps q0 below the answer despite rounding.
        let res = this.evaluateF(j, (lastRhoF[j] ?? 0) * factorF * (1 - 1e-6));
        if (res === "uncertain") {
          const rho = this.exactRho(j);
          res = rho === null ? "unaffordable" : { q: toNumber(mul(rho, frac(factor[j] ?? 1n))) };
        }
        if (res === "unaffordable") {
          dropped.push(j);
          continue;
        }
        lastQF[j] = res.q;
        const rho = res.q / factorF;
        lastRhoF[j] = rho;
        evaluated.push(j);
        if (rho < bestF) bestF = rho;
      }
      for (const j of dropped) active.splice(active.indexOf(j), 1);
      if (evaluated.length === 0) {
        // Nothing affordable is left: a poorer run on the same winners can stop here without looking.
        bounds.lower.push(slab.subarray(r * P, (r + 1) * P));
        break;
      }
      const near = evaluated.filter((j) => (lastRhoF[j] ?? 0) <= bestF * (1 + TOL));
      let w = near[0] ?? -1;
      if (near.length > 1) {
        // Too close to call on doubles: compare exactly, and break a real tie by the tie-break order.
        let best: Frac | null = null;
        let tied: number[] = [];
        for (const j of near) {
          const rho = this.exactRho(j);
          if (rho === null) continue;
          lastQF[j] = toNumber(mul(rho, frac(factor[j] ?? 1n)));
          const c = best === null ? -1 : cmp(rho, best);
          if (c < 0) [best, tied] = [rho, [j]];
          else if (c === 0) tied.push(j);
        }
        w = tied[0] ?? w;
        if (tied.length > 1) {
          const t = breakTie(this.tieBreak, tied.map((j) => e.projects[j]).filter((p) => p !== undefined));
          ties.push(t.tie);
          w = e.projects.indexOf(t.winner);
        }
      }
      // lastRhoF is a lower bound on every active project's ρ this round (evaluated now, in an earlier
      // round, or by a richer run): ρ never decreases within a run.
      const lower = slab.subarray(r * P, (r + 1) * P);
      for (const j of active) lower[j] = lastRhoF[j] ?? 0;
      bounds.lower.push(lower);
      bounds.winners.push(w);
      alike = alike.filter((rb) => rb.winners[r] === w);
      selected.push(w);
      active.splice(active.indexOf(w), 1);
      this.fund(r, w);
    }
    if (this.live !== null) this.trace.recycle(this.live);
    this.trace.scratch = { hist: this.hist, touched: this.touched };
    return { selected, ties, bounds };
  }

  /** Funds w in round r: splits classes (or replays the trace's split) and sets the new budgets. */
  private fund(r: number, w: number): void {
    const { e, sumWP } = this.prep;
    const trace = this.trace;
    const run = this.run;
    run.fundings.push({ cost: e.projects[w]?.cost ?? 0n, hist: this.histogram(w), sumWP: sumWP[w] ?? 0 });
    const rec = this.rec;
    if (!this.onPath || rec.winner !== w || rec.splits === null) {
      if (this.onPath) {
        // The first round where this run leaves the trace: forget the old run's later rounds.
        this.onPath = false;
        trace.truncate(r);
      }
      const live = (this.live ??= trace.snapshot(rec.cls));
      rec.winner = w;
      rec.splits = this.split(w, live);
      trace.rounds.push({ cls: trace.snapshot(live), classCount: trace.size, hist: new Map(), winner: -1, splits: null });
    }
    const qF = this.lastQF[w] ?? 0;
    const s = rec.splits;
    // Every child is a class of the tree: growing once to its size lets the loop write directly.
    run.ensure(trace.size);
    const budgetF = run.budgetF;
    const zero = -ZERO_TOL * this.scaleF;
    for (let k = 0; k < s.length; k += 3) {
      const left = (budgetF[s[k] ?? 0] ?? 0) - qF * (s[k + 2] ?? 0);
      // Clearly negative: capped, spent exactly everything. Near zero: the exact value decides later.
      budgetF[s[k + 1] ?? 0] = left < zero ? 0 : Math.max(left, 0);
    }
    this.rec = this.roundAt(r + 1);
  }

  /** Moves every supporter of w into the child class of (its class, its points); returns the triples. */
  private split(w: number, cls: Int32Array): Int32Array {
    const { supG, supP, np, work } = this.prep;
    const trace = this.trace;
    const r = trace.rounds.length - 1;
    const gl = supG[w] ?? new Int32Array(0);
    const pl = supP[w] ?? new Int32Array(0);
    work.supportersScanned += gl.length;
    // hist doubles as the (class, points) -> child map: it is all zeros between uses.
    if (this.hist.length < trace.size * np) this.hist = new Int32Array(trace.size * np * 2);
    if (this.touched.length < 3 * gl.length) this.touched = new Int32Array(3 * gl.length);
    const hist = this.hist;
    const touched = this.touched;
    let n = 0;
    for (let k = 0; k < gl.length; k++) {
      const g = gl[k] ?? 0;
      const old = cls[g] ?? 0;
      const pts = pl[k] ?? 0;
      const key = old * np + pts - 1;
      let nc = (hist[key] ?? 0) - 1;
      if (nc < 0) {
        nc = trace.add(old, r, pts);
        hist[key] = nc + 1;
        touched[n++] = old;
        touched[n++] = nc;
        touched[n++] = pts;
      }
      cls[g] = nc;
    }
    for (let t = 0; t < n; t += 3) hist[(touched[t] ?? 0) * np + (touched[t + 2] ?? 1) - 1] = 0;
    return touched.slice(0, n);
  }
}
