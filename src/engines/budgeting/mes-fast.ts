import type { Election } from "./election";
import { cmp, div, frac, mulInt, sub, toNumber, ZERO, type Frac } from "./fraction";
import type { Outcome } from "./greedy";
import type { MesUtility } from "./mes-reference";
import { breakTie, type TieCriterion } from "./tie-break";

/**
 * The Method of Equal Shares, optimised but exact. Why it is fast:
 * - voters with identical ballots are one group (election.ts);
 * - groups that supported the same funded projects with the same points have the same budget, so
 *   budgets live in immutable "classes" (a class is split when a project is funded) and a project's
 *   supporters are summarised as a histogram over (class, points);
 * - decisions are first taken on doubles and redone exactly (BigInt fractions, computed lazily per class)
 *   whenever the doubles are within 1e-9 of each other, far above their accumulated rounding error;
 *   ρ values, which pick the winner, are always exact;
 * - a project's ρ never decreases (budgets only fall), so each round evaluates projects in increasing
 *   order of their last ρ and stops once that lower bound exceeds the round's best.
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
  weight: Float64Array;
  /** Points are in 1..maxPts; histogram keys are class·(maxPts+1)+points. */
  p1: number;
  candidates: number[];
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
  const sumWP = new Float64Array(e.projects.length);
  gs.forEach((list, j) => {
    let s = 0;
    list.forEach((g, k) => (s += (weight[g] ?? 0) * (ps[j]?.[k] ?? 0)));
    sumWP[j] = s;
  });
  return {
    e,
    supG: gs.map((l) => Int32Array.from(l)),
    supP: ps.map((l) => Int32Array.from(l)),
    sumWP,
    factor: e.projects.map((p) => (utility === "cost" ? p.cost : 1n)),
    weight,
    p1: maxPts + 1,
    candidates: e.projects.flatMap((p, j) => (p.cost > 0n && (gs[j]?.length ?? 0) > 0 ? [j] : [])),
  };
}

const TOL = 1e-9;

/** Budget classes of one run: doubles for speed, exact values derived on demand from the parent. */
class Classes {
  budgetF: number[] = [];
  parent: number[] = [];
  payQ: (Frac | null)[] = [];
  payPts: number[] = [];
  zero: boolean[] = [];
  exactCache: (Frac | undefined)[] = [];

  add(budgetF: number, parent: number, q: Frac | null, pts: number, zero: boolean, exact?: Frac): number {
    this.budgetF.push(budgetF);
    this.parent.push(parent);
    this.payQ.push(q);
    this.payPts.push(pts);
    this.zero.push(zero);
    this.exactCache.push(exact);
    return this.budgetF.length - 1;
  }

  exact(c: number): Frac {
    if (this.zero[c]) return ZERO;
    const cached = this.exactCache[c];
    if (cached !== undefined) return cached;
    const q = this.payQ[c] ?? ZERO;
    const v = sub(this.exact(this.parent[c] ?? 0), mulInt(q, BigInt(this.payPts[c] ?? 0)));
    this.exactCache[c] = v;
    return v;
  }

  /** Is class c's budget strictly below q·pts? Doubles first, exact when they are too close to call. */
  below(c: number, q: Frac, qF: number, pts: number, scaleF: number): boolean {
    const b = this.budgetF[c] ?? 0;
    const x = qF * pts;
    const tol = TOL * Math.max(x, scaleF);
    if (b < x - tol) return true;
    if (b > x + tol) return false;
    return cmp(this.exact(c), mulInt(q, BigInt(pts))) < 0;
  }
}

/** One MES run from `perVoter` (scaled money units) with the prepared election; exact and deterministic. */
export function mesFast(prep: MesPrepared, perVoter: Frac, tieBreak: readonly TieCriterion[]): Outcome {
  const { e, supG, supP, weight, p1 } = prep;
  const cls = new Int32Array(e.groups.length);
  const classes = new Classes();
  const scaleF = toNumber(perVoter);
  classes.add(scaleF, -1, null, 0, perVoter.n === 0n, perVoter);
  let hist = new Float64Array(64);
  let splitTo = new Int32Array(64);
  const touched: number[] = [];
  const limited: boolean[] = [];

  /** Exact q (price of one point) for project j, or null when its supporters cannot afford it. */
  const evaluate = (j: number): Frac | null => {
    const gl = supG[j] ?? new Int32Array(0);
    const pl = supP[j] ?? new Int32Array(0);
    const need = classes.budgetF.length * p1;
    if (hist.length < need) hist = new Float64Array(need * 2);
    touched.length = 0;
    for (let k = 0; k < gl.length; k++) {
      const g = gl[k] ?? 0;
      const key = (cls[g] ?? 0) * p1 + (pl[k] ?? 0);
      if (hist[key] === 0) touched.push(key);
      hist[key] = (hist[key] ?? 0) + (weight[g] ?? 0);
    }
    limited.length = touched.length;
    limited.fill(false);
    let remaining = frac(e.projects[j]?.cost ?? 0n);
    let u = prep.sumWP[j] ?? 0;
    let result: Frac | null = null;
    while (u > 0) {
      const q = frac(remaining.n, remaining.d * BigInt(u));
      const qF = toNumber(q);
      let newly = 0;
      for (let t = 0; t < touched.length; t++) {
        if (limited[t]) continue;
        const key = touched[t] ?? 0;
        const c = Math.floor(key / p1);
        const pts = key - c * p1;
        if (!classes.below(c, q, qF, pts, scaleF)) continue;
        limited[t] = true;
        newly++;
        const w = hist[key] ?? 0;
        if (!classes.zero[c]) remaining = sub(remaining, mulInt(classes.exact(c), BigInt(w)));
        u -= w * pts;
      }
      if (newly === 0) {
        result = q;
        break;
      }
    }
    for (const key of touched) hist[key] = 0;
    return result;
  };

  const active = [...prep.candidates];
  const lastRho: (Frac | null)[] = e.projects.map(() => null);
  const lastRhoF = new Float64Array(e.projects.length);
  const selected: number[] = [];
  const ties: Outcome["ties"] = [];
  while (active.length > 0) {
    active.sort((a, b) => (lastRhoF[a] ?? 0) - (lastRhoF[b] ?? 0));
    let best: Frac | null = null;
    let bestF = Infinity;
    let bestQ: Frac = ZERO;
    let tied: number[] = [];
    const dropped: number[] = [];
    for (const j of active) {
      if (best !== null && (lastRhoF[j] ?? 0) > bestF * (1 + TOL)) break;
      const q = evaluate(j);
      if (q === null) {
        dropped.push(j);
        continue;
      }
      const rho = div(q, frac(prep.factor[j] ?? 1n));
      lastRho[j] = rho;
      lastRhoF[j] = toNumber(rho);
      const c = best === null ? -1 : cmp(rho, best);
      if (c < 0) {
        best = rho;
        bestF = lastRhoF[j] ?? 0;
        bestQ = q;
        tied = [j];
      } else if (c === 0) tied.push(j);
    }
    for (const j of dropped) active.splice(active.indexOf(j), 1);
    if (best === null) break;
    let w = tied[0] ?? -1;
    if (tied.length > 1) {
      const r = breakTie(tieBreak, tied.map((j) => e.projects[j]).filter((p) => p !== undefined));
      ties.push(r.tie);
      w = e.projects.indexOf(r.winner);
      // Tied projects share ρ but not necessarily q (q = ρ·factor): recompute the winner's.
      bestQ = evaluate(w) ?? bestQ;
    }
    selected.push(w);
    active.splice(active.indexOf(w), 1);
    // Fund w: every supporter moves to the child class of (its class, its points).
    const q = bestQ;
    const qF = toNumber(q);
    const need = classes.budgetF.length * p1;
    if (splitTo.length < need) splitTo = new Int32Array(need * 2);
    const gl = supG[w] ?? new Int32Array(0);
    const pl = supP[w] ?? new Int32Array(0);
    const made: number[] = [];
    for (let k = 0; k < gl.length; k++) {
      const g = gl[k] ?? 0;
      const old = cls[g] ?? 0;
      if (classes.zero[old]) continue;
      const pts = pl[k] ?? 0;
      const key = old * p1 + pts;
      let nc = (splitTo[key] ?? 0) - 1;
      if (nc < 0) {
        const spendsAll = !classes.below(old, q, qF, pts, scaleF) ? cmpEq(classes, old, q, qF, pts, scaleF) : true;
        nc = spendsAll
          ? classes.add(0, old, q, pts, true)
          : classes.add((classes.budgetF[old] ?? 0) - qF * pts, old, q, pts, false);
        splitTo[key] = nc + 1;
        made.push(key);
      }
      cls[g] = nc;
    }
    for (const key of made) splitTo[key] = 0;
  }
  return { selected, ties };
}

/** True when class c's budget equals q·pts exactly (the supporter then spends everything). */
function cmpEq(classes: Classes, c: number, q: Frac, qF: number, pts: number, scaleF: number): boolean {
  const b = classes.budgetF[c] ?? 0;
  const x = qF * pts;
  if (Math.abs(b - x) > TOL * Math.max(x, scaleF)) return false;
  return cmp(classes.exact(c), mulInt(q, BigInt(pts))) === 0;
}
