import type { Election } from "./election";
import { cmp, div, frac, mul, toNumber, type Frac } from "./fraction";
import type { Outcome } from "./greedy";
import { RunBudgets, Trace, type Histogram, type RoundRecord } from "./mes-classes";
import type { MesUtility } from "./mes-reference";
import { TOL, waterFillF, type Eval } from "./mes-waterfill";
import { breakTie, type TieCriterion } from "./tie-break";

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
  const weight = Int32Array.from(e.groups, (g) => g.weight);
  const sumWP = Float64Array.from(gs, (list, j) => list.reduce((s, g, k) => s + (weight[g] ?? 0) * (ps[j]?.[k] ?? 0), 0));
  return {
    e,
    supG: gs.map((l) => Int32Array.from(l)),
    supP: ps.map((l) => Int32Array.from(l)),
    sumWP,
    factor: e.projects.map((p) => (utility === "cost" ? p.cost : 1n)),
    costF: Float64Array.from(e.projects, (p) => Number(p.cost)),
    weight,
    np: maxPts,
    candidates: e.projects.flatMap((p, j) => (p.cost > 0n && (gs[j]?.length ?? 0) > 0 ? [j] : [])),
    trace: null,
    work: { rounds: 0, evaluations: 0, keysVisited: 0, histogramsBuilt: 0, supportersScanned: 0 },
  };
}

/** The pts of every approval histogram (points are all 1): shared, grown on demand, never written. */
let ones = new Int32Array(1024).fill(1);
/** Budgets are differences of ~40 doubles at most: their error is far below this share of B/n. */
const ZERO_TOL = 1e-11;


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
  const { e, supG, supP, weight, np, work } = prep;
  const trace = (prep.trace ??= new Trace(e.groups.length));
  const scaleF = toNumber(perVoter);
  const run = new RunBudgets(trace, perVoter, scaleF);
  let { hist, touched } = trace.scratch;
  const lastQF = new Float64Array(e.projects.length);
  /** While true, this run has picked the same winners as the trace so far and reuses its rounds. */
  let onPath = true;
  let live: Int32Array | null = null;
  const roundAt = (r: number): RoundRecord => {
    const x = trace.rounds[r];
    if (x === undefined) throw new Error(`MES trace has no round ${r}`);
    return x;
  };
  let rec = roundAt(0);

  /** Project j's supporters by (class, points) at the current round: cached, or one scan. */
  function histogram(j: number): Histogram {
    const cached = rec.hist.get(j);
    if (cached !== undefined) return cached;
    if (hist.length < trace.size * np) hist = new Int32Array(trace.size * np * 2);
    const gl = supG[j] ?? new Int32Array(0);
    const pl = supP[j] ?? new Int32Array(0);
    const cls = rec.cls;
    work.histogramsBuilt++;
    work.supportersScanned += gl.length;
    if (touched.length < gl.length) touched = new Int32Array(gl.length * 2);
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

  function evaluateF(j: number, q0: number): Eval {
    return waterFillF(histogram(j), run.budgetF, prep.costF[j] ?? 0, prep.sumWP[j] ?? 0, q0, work);
  }

  function exactRho(j: number): Frac | null {
    const q = run.waterFill(e.projects[j]?.cost ?? 0n, histogram(j), prep.sumWP[j] ?? 0);
    return q === null ? null : div(q, frac(prep.factor[j] ?? 1n));
  }

  const active = [...prep.candidates];
  const lastRhoF = new Float64Array(e.projects.length);
  const selected: number[] = [];
  const ties: Outcome["ties"] = [];
  const bounds: RoundBounds = { winners: [], lower: [] };
  /** The richer runs that have funded the same winners as this one so far: their bounds apply. */
  let alike = [...richer];
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
    active.sort((a, b) => (lastRhoF[a] ?? 0) - (lastRhoF[b] ?? 0));
    let bestF = Infinity;
    const evaluated: number[] = [];
    const dropped: number[] = [];
    for (const j of active) {
      if ((lastRhoF[j] ?? 0) > bestF * (1 + 2 * TOL)) break;
      // lastRhoF is a lower bound on ρ_j; the margin keeps q0 below the answer despite rounding.
      let res = evaluateF(j, (lastRhoF[j] ?? 0) * Number(prep.factor[j] ?? 1n) * (1 - 1e-6));
      if (res === "uncertain") {
        const rho = exactRho(j);
        res = rho === null ? "unaffordable" : { q: toNumber(mul(rho, frac(prep.factor[j] ?? 1n))) };
      }
      if (res === "unaffordable") {
        dropped.push(j);
        continue;
      }
      lastQF[j] = res.q;
      const rho = res.q / Number(prep.factor[j] ?? 1n);
      lastRhoF[j] = rho;
      evaluated.push(j);
      if (rho < bestF) bestF = rho;
    }
    for (const j of dropped) active.splice(active.indexOf(j), 1);
    if (evaluated.length === 0) {
      // Nothing affordable is left: a poorer run on the same winners can stop here without looking.
      bounds.lower.push(new Float64Array(e.projects.length).fill(Infinity));
      break;
    }
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
        const t = breakTie(tieBreak, tied.map((j) => e.projects[j]).filter((p) => p !== undefined));
        ties.push(t.tie);
        w = e.projects.indexOf(t.winner);
      }
    }
    // lastRhoF is a lower bound on every active project's ρ this round (evaluated now, in an earlier
    // round, or by the richer run): ρ never decreases within a run.
    const lower = new Float64Array(e.projects.length).fill(Infinity);
    for (const j of active) lower[j] = lastRhoF[j] ?? 0;
    bounds.lower.push(lower);
    bounds.winners.push(w);
    alike = alike.filter((rb) => rb.winners[r] === w);
    selected.push(w);
    active.splice(active.indexOf(w), 1);
    fund(r, w);
  }
  if (live !== null) trace.recycle(live);
  trace.scratch = { hist, touched };
  return { selected, ties, bounds };

  /** Funds w in round r: splits classes (or replays the trace's split) and sets the new budgets. */
  function fund(r: number, w: number): void {
    run.fundings.push({ cost: e.projects[w]?.cost ?? 0n, hist: histogram(w), sumWP: prep.sumWP[w] ?? 0 });
    if (!onPath || rec.winner !== w || rec.splits === null) {
      if (onPath) {
        // The first round where this run leaves the trace: forget the old run's later rounds.
        onPath = false;
        trace.truncate(r);
      }
      live ??= trace.snapshot(rec.cls);
      rec.winner = w;
      rec.splits = split(w, live);
      trace.rounds.push({ cls: trace.snapshot(live), classCount: trace.size, hist: new Map(), winner: -1, splits: null });
    }
    const qF = lastQF[w] ?? 0;
    const s = rec.splits;
    // Every child is a class of the tree: growing once to its size lets the loop write directly.
    run.ensure(trace.size);
    const budgetF = run.budgetF;
    const zero = -ZERO_TOL * scaleF;
    for (let k = 0; k < s.length; k += 3) {
      const left = (budgetF[s[k] ?? 0] ?? 0) - qF * (s[k + 2] ?? 0);
      // Clearly negative: capped, spent exactly everything. Near zero: the exact value decides later.
      budgetF[s[k + 1] ?? 0] = left < zero ? 0 : Math.max(left, 0);
    }
    rec = roundAt(r + 1);
  }

  /** Moves every supporter of w into the child class of (its class, its points); returns the triples. */
  function split(w: number, cls: Int32Array): Int32Array {
    const r = trace.rounds.length - 1;
    const gl = supG[w] ?? new Int32Array(0);
    const pl = supP[w] ?? new Int32Array(0);
    work.supportersScanned += gl.length;
    // hist doubles as the (class, points) -> child map: it is all zeros between uses.
    if (hist.length < trace.size * np) hist = new Int32Array(trace.size * np * 2);
    if (touched.length < 3 * gl.length) touched = new Int32Array(3 * gl.length);
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
