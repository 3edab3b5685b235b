import type { Election } from "./election";
import { add, cmp, div, frac, min, mul, mulInt, sub, ZERO, type Frac } from "./fraction";
import type { Outcome } from "./greedy";
import { breakTie, type TieCriterion } from "./tie-break";

export type MesUtility = "cost" | "cardinality" | "points";

export interface MesOptions {
  utility: MesUtility;
  tieBreak: readonly TieCriterion[];
}

/** u_i(j) for a supporter giving `pts` points, as the spec defines the three utilities. */
export function utilityOf(e: Election, utility: MesUtility, j: number, pts: number): bigint {
  if (utility === "cost") return e.projects[j]?.cost ?? 0n;
  return utility === "points" ? BigInt(pts) : 1n;
}

interface Supporter {
  g: number;
  u: bigint;
  w: bigint;
}

/**
 * The Method of Equal Shares written as plainly as the spec's pseudo-code, on exact fractions, one
 * budget per ballot group. It is the yardstick the optimised mes-fast.ts is tested against, so it
 * favours obviousness over speed. `perVoter` is each voter's starting budget in scaled money units.
 */
export function mesReference(e: Election, perVoter: Frac, opts: MesOptions): Outcome {
  const budgets: Frac[] = e.groups.map(() => perVoter);
  const supporters: Supporter[][] = e.projects.map(() => []);
  e.groups.forEach((grp, g) => {
    grp.projects.forEach((j, k) => {
      const u = utilityOf(e, opts.utility, j, grp.points[k] ?? 0);
      if (u > 0n) supporters[j]?.push({ g, u, w: BigInt(grp.weight) });
    });
  });
  const remaining = new Set<number>();
  e.projects.forEach((p, j) => {
    if (p.cost > 0n && (supporters[j]?.length ?? 0) > 0) remaining.add(j);
  });
  const selected: number[] = [];
  const ties: Outcome["ties"] = [];
  for (;;) {
    let best: Frac | null = null;
    let tied: number[] = [];
    for (const j of [...remaining]) {
      const rho = rhoOf(e.projects[j]?.cost ?? 0n, supporters[j] ?? [], budgets);
      if (rho === null) {
        remaining.delete(j);
        continue;
      }
      const c = best === null ? -1 : cmp(rho, best);
      if (c < 0) {
        best = rho;
        tied = [j];
      } else if (c === 0) tied.push(j);
    }
    if (best === null) break;
    let chosen = tied[0] ?? -1;
    if (tied.length > 1) {
      const r = breakTie(opts.tieBreak, tied.map((j) => e.projects[j]).filter((p) => p !== undefined));
      ties.push(r.tie);
      chosen = e.projects.indexOf(r.winner);
    }
    selected.push(chosen);
    remaining.delete(chosen);
    for (const s of supporters[chosen] ?? []) {
      const b = budgets[s.g] ?? ZERO;
      budgets[s.g] = sub(b, min(b, mulInt(best, s.u)));
    }
  }
  return { selected, ties };
}

/** Smallest ρ with Σ min(b_i, ρ·u_i) = cost, or null when the supporters cannot afford the project. */
function rhoOf(cost: bigint, sup: readonly Supporter[], budgets: readonly Frac[]): Frac | null {
  let total = ZERO;
  for (const s of sup) total = add(total, mulInt(budgets[s.g] ?? ZERO, s.w));
  if (cmp(total, frac(cost)) < 0) return null;
  const sorted = [...sup].sort((a, b) => cmp(div(budgets[a.g] ?? ZERO, frac(a.u)), div(budgets[b.g] ?? ZERO, frac(b.u))));
  let paid = ZERO;
  let weightU = sorted.reduce((acc, s) => acc + s.u * s.w, 0n);
  let last = ZERO;
  for (const s of sorted) {
    const b = budgets[s.g] ?? ZERO;
    const rhoExact = div(sub(frac(cost), paid), frac(weightU));
    if (cmp(mul(rhoExact, frac(s.u)), b) <= 0) return rhoExact;
    paid = add(paid, mulInt(b, s.w));
    weightU -= s.u * s.w;
    last = div(b, frac(s.u));
  }
  // Every supporter spends everything: the budgets sum exactly to the cost; the smallest such ρ is the
  // largest b_i/u_i.
  return last;
}
