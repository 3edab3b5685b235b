import type { Election } from "./election";
import { cmp, div, frac, mul, toNumber, type Frac } from "./fraction";
import type { Outcome } from "./greedy";
import { ClassStore } from "./mes-classes";
import type { MesUtility } from "./mes-reference";
import { breakTie, type TieCriterion } from "./tie-break";

/**
 * The Method of Equal Shares, optimised, with the exact outcome. Why it is fast:
 * - voters with identical ballots are one group (election.ts), and groups with the same budget share a
 *   class (mes-classes.ts), so a project's supporters are summarised as a histogram over classes;
 * - the run works on doubles; every decision that picks the outcome (which ρ is smallest, can the
 *   supporters afford a project) is redone in exact BigInt fractions whenever the doubles are within
 *   TOL of each other. TOL is ~10⁸ times the rounding error the doubles can accumulate here, so a
 *   decision taken on doubles is the exact decision; exact values are computed lazily and cached;
 * - a project's ρ never decreases (budgets only fall), so each round evaluates projects in increasing
 *   order of their last ρ and stops once that lower bound clearly exceeds the round's best.
 */
export interface MesPrepared {
  e: Election;
  /** Per project: supporting groups and their points (1 unless the utility is "points"). */
  supG: Int32Array[];
  supP: Int32Array[];
  /** Per project: Σ weight·points over supporters (an exact integer in a double). */
  sumWP: Float64Array;
  /** ρ = q / factor, q being what one point costs a supporter: the cost for cost utility, else 1. */
  factor: bigint[];
  costF: Float64Array;
  weight: Float64Array;
  /** Points are in 1..p1−1; histogram keys are class·p1+points. */
  p1: number;
  candidates: number[];
  /** Per project: its supporters' histogram while every voter is still in class 0 (keys = points). */
  base: { keys: Int32Array; weights: Float64Array }[];
}

/** Precomputes what every MES run on this election and utility shares (Add1 runs MES many times). */
export function prepareMes(e: Election, utility: MesUtility): MesPrepared {
  const gs: number[][] = e.projects.map(() => []);
  const ps: number[][] = e.projects.map(() => []);
  let maxPts = 1;
  e.groups.forEach((grp, g) => {
    grp.projects.forEach((j, k) => {
      const pts = utility === "points" ? (grp.points[k] ?? 0) : 1;
      if (pts <= 0) return;
      gs[j]?.push(g);
      ps[j]?.push(pts);
      if (pts > maxPts) maxPts = pts;
    });
  });
  const weight = Float64Array.from(e.groups, (g) => g.weight);
  const sumWP = Float64Array.from(gs, (list, j) => list.reduce((s, g, k) => s + (weight[g] ?? 0) * (ps[j]?.[k] ?? 0), 0));
  return {
    e,
    supG: gs.map((l) => Int32Array.from(l)),
    supP: ps.map((l) => Int32Array.from(l)),
    sumWP,
    factor: e.projects.map((p) => (utility === "cost" ? p.cost : 1n)),
    costF: Float64Array.from(e.projects, (p) => Number(p.cost)),
    weight,
    p1: maxPts + 1,
    candidates: e.projects.flatMap((p, j) => (p.cost > 0n && (gs[j]?.length ?? 0) > 0 ? [j] : [])),
    base: gs.map((list, j) => {
      const byPts = new Map<number, number>();
      list.forEach((g, k) => {
        const pts = ps[j]?.[k] ?? 0;
        byPts.set(pts, (byPts.get(pts) ?? 0) + (weight[g] ?? 0));
      });
      return { keys: Int32Array.from(byPts.keys()), weights: Float64Array.from(byPts.values()) };
    }),
  };
}

const TOL = 1e-7;
/** Budgets are differences of ~40 doubles at most: their error is far below this share of B/n. */
const ZERO_TOL = 1e-11;

/** Result of evaluating one project on doubles: its q, or that it is unaffordable, or "ask exactly". */
type Eval = { q: number } | "unaffordable" | "uncertain";

/** One MES run from `perVoter` (scaled money units); the outcome equals mesReference's. */
export function mesFast(prep: MesPrepared, perVoter: Frac, tieBreak: readonly TieCriterion[]): Outcome {
  const { e, supG, supP, weight, p1 } = prep;
  const cls = new Int32Array(e.groups.length);
  const scaleF = toNumber(perVoter);
  const store = new ClassStore(p1, perVoter, scaleF);
  let hist = new Float64Array(64);
  let splitTo = new Int32Array(64);
  const touched: number[] = [];

  /** Fills `touched`/`hist` with project j's supporters by (class, points); caller clears hist. */
  let fresh = true;
  let capped = new Uint8Array(64);
  const lastQF = new Float64Array(e.projects.length);
  const histogram = (j: number): void => {
    if (hist.length < store.size * p1) hist = new Float64Array(store.size * p1 * 2);
    touched.length = 0;
    if (fresh) {
      // Before the first funding every voter is in class 0: the histogram is precomputed.
      const b = prep.base[j];
      b?.keys.forEach((key, t) => {
        touched.push(key);
        hist[key] = b.weights[t] ?? 0;
      });
      return;
    }
    const gl = supG[j] ?? new Int32Array(0);
    const pl = supP[j] ?? new Int32Array(0);
    for (let k = 0; k < gl.length; k++) {
      const g = gl[k] ?? 0;
      const key = (cls[g] ?? 0) * p1 + (pl[k] ?? 0);
      if (hist[key] === 0) touched.push(key);
      hist[key] = (hist[key] ?? 0) + (weight[g] ?? 0);
    }
  };
  const clear = (): void => {
    for (const key of touched) hist[key] = 0;
  };

  const evaluateF = (j: number): Eval => {
    histogram(j);
    const n = touched.length;
    if (capped.length < n) capped = new Uint8Array(n * 2);
    capped.fill(0, 0, n);
    const cost = prep.costF[j] ?? 0;
    let remaining = cost;
    let u = prep.sumWP[j] ?? 0;
    let result: Eval = "unaffordable";
    while (u > 0) {
      const q = remaining / u;
      let newly = 0;
      for (let t = 0; t < n; t++) {
        if (capped[t]) continue;
        const key = touched[t] ?? 0;
        const c = (key / p1) | 0;
        const pts = key - c * p1;
        const b = store.budgetF[c] ?? 0;
        if (b >= q * pts) continue;
        capped[t] = 1;
        newly++;
        const w = hist[key] ?? 0;
        remaining -= b * w;
        u -= w * pts;
      }
      if (newly === 0) {
        result = { q };
        break;
      }
    }
    // Affordability is the one decision here that can flip: redo it exactly when it is close.
    if (Math.abs(remaining) <= TOL * cost) result = "uncertain";
    clear();
    return result;
  };

  const evaluateExact = (j: number): Frac | null => {
    histogram(j);
    const keys = Int32Array.from(touched);
    const weights = Float64Array.from(touched, (k) => hist[k] ?? 0);
    clear();
    return store.waterFill(e.projects[j]?.cost ?? 0n, keys, weights, prep.sumWP[j] ?? 0);
  };
  const exactRho = (j: number): Frac | null => {
    const q = evaluateExact(j);
    return q === null ? null : div(q, frac(prep.factor[j] ?? 1n));
  };

  const active = [...prep.candidates];
  const lastRhoF = new Float64Array(e.projects.length);
  const selected: number[] = [];
  const ties: Outcome["ties"] = [];
  while (active.length > 0) {
    active.sort((a, b) => (lastRhoF[a] ?? 0) - (lastRhoF[b] ?? 0));
    let bestF = Infinity;
    const evaluated: number[] = [];
    const dropped: number[] = [];
    for (const j of active) {
      if ((lastRhoF[j] ?? 0) > bestF * (1 + 2 * TOL)) break;
      let r = evaluateF(j);
      if (r === "uncertain") {
        const q = evaluateExact(j);
        r = q === null ? "unaffordable" : { q: toNumber(q) };
      }
      if (r === "unaffordable") {
        dropped.push(j);
        continue;
      }
      lastQF[j] = r.q;
      const rho = r.q / Number(prep.factor[j] ?? 1n);
      lastRhoF[j] = rho;
      evaluated.push(j);
      if (rho < bestF) bestF = rho;
    }
    for (const j of dropped) active.splice(active.indexOf(j), 1);
    if (evaluated.length === 0) break;
    const near = evaluated.filter((j) => (lastRhoF[j] ?? 0) <= bestF * (1 + TOL));
    let w = near[0] ?? -1;
    if (near.length > 1) {
      // Too close to call on doubles: compare exactly, and break a real tie by the tie-break order.
      let best: Frac | null = null;
      let tied: number[] = [];
      for (const j of near) {
        const rho = exactRho(j);
        if (rho === null) continue;
        lastQF[j] = toNumber(mul(rho, frac(prep.factor[j] ?? 1n)));
        const c = best === null ? -1 : cmp(rho, best);
        if (c < 0) [best, tied] = [rho, [j]];
        else if (c === 0) tied.push(j);
      }
      w = tied[0] ?? w;
      if (tied.length > 1) {
        const r = breakTie(tieBreak, tied.map((j) => e.projects[j]).filter((p) => p !== undefined));
        ties.push(r.tie);
        w = e.projects.indexOf(r.winner);
      }
    }
    selected.push(w);
    active.splice(active.indexOf(w), 1);
    fund(w);
  }
  return { selected, ties };

  /** Moves every supporter of w into the child class of (its class, its points). */
  function fund(w: number): void {
    histogram(w);
    const keys = Int32Array.from(touched);
    const weights = Float64Array.from(touched, (k) => hist[k] ?? 0);
    clear();
    const f = { cost: e.projects[w]?.cost ?? 0n, keys, weights, sumWP: prep.sumWP[w] ?? 0 };
    store.fundings.push(f);
    const fi = store.fundings.length - 1;
    const qF = lastQF[w] ?? 0;
    fresh = false;
    if (splitTo.length < store.size * p1) splitTo = new Int32Array(store.size * p1 * 2);
    const gl = supG[w] ?? new Int32Array(0);
    const pl = supP[w] ?? new Int32Array(0);
    const made: number[] = [];
    for (let k = 0; k < gl.length; k++) {
      const g = gl[k] ?? 0;
      const old = cls[g] ?? 0;
      // A class known to be exactly empty stays so: paying min(0, ·) changes nothing.
      if (store.zeroF[old]) continue;
      const pts = pl[k] ?? 0;
      const key = old * p1 + pts;
      let nc = (splitTo[key] ?? 0) - 1;
      if (nc < 0) {
        const left = (store.budgetF[old] ?? 0) - qF * pts;
        // Clearly negative means the class was capped and spent exactly everything. Near zero is
        // left undecided (zeroF false) so that its exact value is derived when it matters.
        const zero = left < -ZERO_TOL * scaleF;
        nc = store.add(Math.max(left, 0), old, fi, pts, zero);
        splitTo[key] = nc + 1;
        made.push(key);
      }
      cls[g] = nc;
    }
    for (const key of made) splitTo[key] = 0;
  }
}
