import type { Election } from "./election";
import type { Frac } from "./fraction";
import type { Outcome } from "./greedy";
import type { Trace } from "./mes-classes";
import type { MesUtility } from "./mes-reference";
import { MesRun } from "./mes-run";
import type { TieCriterion } from "./tie-break";

/**
 * The Method of Equal Shares, optimised, with the exact outcome. Why it is fast:
 * - voters with identical ballots are one group (election.ts), and groups with the same budget share a
 *   class (mes-classes.ts), so a project's supporters are summarised as a histogram over classes;
 * - the run works on doubles; every decision that picks the outcome (which ρ is smallest, can the
 *   supporters afford a project) is redone in exact BigInt fractions whenever the doubles are within
 *   TOL of each other. TOL is ~10⁸ times the rounding error the doubles can accumulate here, so a
 *   decision taken on doubles is the exact decision; exact values are computed lazily and cached;
 * - the class tree depends only on the winners, so Add1's successive runs reuse the previous run's
 *   histograms and splits for as long as they pick the same winners (mes-classes.ts);
 * - a project's ρ never decreases (budgets only fall), so each round evaluates projects in increasing
 *   order of a lower bound on their ρ and stops once that bound clearly exceeds the round's best; the
 *   bound is the project's ρ in an earlier round or, far tighter, in a richer Add1 run that funded the
 *   same winners so far (see mesFast), which leaves little more than the round's winner to evaluate;
 * - water-filling starts from that lower bound and rescans only a band above it (mes-waterfill.ts).
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
  /** Per group: its voters (an integer, so that the Int32 histogram scan adds integers). */
  weight: Int32Array;
  /** Points are in 1..np; histogram keys are class·np + points − 1 (just the class for approval). */
  np: number;
  candidates: number[];
  /** The class tree of the previous run, shared by the next (Add1); created by the first run. */
  trace: Trace | null;
  /** Exact work counts over every run on this preparation, to explain timings. */
  work: MesWork;
}

/** What the optimised MES did: rounds, projects evaluated, histogram keys visited, supporters scanned. */
export interface MesWork {
  rounds: number;
  evaluations: number;
  keysVisited: number;
  histogramsBuilt: number;
  supportersScanned: number;
}

/**
 * What a run proved about each round: its winner, and after the round's evaluations a lower bound on
 * every project's ρ (Infinity once it is unaffordable). A run from a smaller per-voter budget that has
 * funded the same winners up to round r may use round r's bounds as its own (see mesFast).
 */
export interface RoundBounds {
  winners: number[];
  lower: Float64Array[];
}

/** Precomputes what every MES run on this election and utility shares (Add1 runs MES many times). */
export function prepareMes(e: Election, utility: MesUtility): MesPrepared {
  // Two passes over the ballots (count, then fill) straight into typed arrays: ~10⁵ groups.
  const ptsOf = (grp: (typeof e.groups)[number], k: number): number => (utility === "points" ? (grp.points[k] ?? 0) : 1);
  const count = new Int32Array(e.projects.length);
  let maxPts = 1;
  for (const grp of e.groups) {
    for (let k = 0; k < grp.projects.length; k++) {
      const pts = ptsOf(grp, k);
      if (pts <= 0) continue;
      const j = grp.projects[k] ?? 0;
      count[j] = (count[j] ?? 0) + 1;
      if (pts > maxPts) maxPts = pts;
    }
  }
  const supG = Array.from(count, (c) => new Int32Array(c));
  const supP = Array.from(count, (c) => new Int32Array(c));
  const sumWP = new Float64Array(e.projects.length);
  const fill = new Int32Array(e.projects.length);
  e.groups.forEach((grp, g) => {
    for (let k = 0; k < grp.projects.length; k++) {
      const pts = ptsOf(grp, k);
      if (pts <= 0) continue;
      const j = grp.projects[k] ?? 0;
      const at = fill[j] ?? 0;
      fill[j] = at + 1;
      const gl = supG[j];
      const pl = supP[j];
      if (gl === undefined || pl === undefined) continue;
      gl[at] = g;
      pl[at] = pts;
      sumWP[j] = (sumWP[j] ?? 0) + grp.weight * pts;
    }
  });
  return {
    e,
    supG,
    supP,
    sumWP,
    factor: e.projects.map((p) => (utility === "cost" ? p.cost : 1n)),
    costF: Float64Array.from(e.projects, (p) => Number(p.cost)),
    weight: Int32Array.from(e.groups, (g) => g.weight),
    np: maxPts,
    candidates: e.projects.flatMap((p, j) => (p.cost > 0n && (count[j] ?? 0) > 0 ? [j] : [])),
    trace: null,
    work: { rounds: 0, evaluations: 0, keysVisited: 0, histogramsBuilt: 0, supportersScanned: 0 },
  };
}

/**
 * One MES run from `perVoter` (scaled money units); the outcome equals mesReference's. `richer`: the
 * bounds of runs from larger per-voter budgets.
 *
 * Why a richer run's bounds hold here: while two runs fund the same winners, every voter's budget at
 * each round is a non-decreasing function of the starting per-voter budget (a richer supporter pays at
 * most as much for each winner and keeps at least as much), so each project's ρ at round r is at least
 * its ρ in the richer run, and a project the richer run could not afford is unaffordable here too.
 * Add1 runs its steps in blocks from the richest down (add1.ts): each run then evaluates little more
 * than each round's winner, instead of every project whose ρ from an earlier round is below the winner's.
 */
export function mesFast(
  prep: MesPrepared,
  perVoter: Frac,
  tieBreak: readonly TieCriterion[],
  richer: readonly RoundBounds[] = [],
): Outcome & { bounds: RoundBounds } {
  return new MesRun(prep, perVoter, tieBreak, richer).execute();
}
