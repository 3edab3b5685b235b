/** Representative comments and consensus (spec 1.11-1.12), from per-group vote counts. */
import type { ConsensusComment, GroupTally, RepComment } from "./types";

/** One-sided 90% z threshold used throughout repness and consensus. */
export const Z90 = 1.2816;

/** Counts of one comment within a set of participants: agrees (−1), disagrees (+1), non-null. */
export interface Counts {
  na: number;
  nd: number;
  ns: number;
}

/** prop(s, n) = 2·sqrt(n+1)·((s+1)/(n+1) − 0.5): one-proportion z-test with a pseudocount. */
export function propTest(s: number, n: number): number {
  return 2 * Math.sqrt(n + 1) * ((s + 1) / (n + 1) - 0.5);
}

/** Two-proportion z-test with 1 added to all four arguments; 0 when the pooled proportion is 1. */
export function twoPropTest(s1: number, s2: number, n1: number, n2: number): number {
  const a1 = s1 + 1;
  const a2 = s2 + 1;
  const m1 = n1 + 1;
  const m2 = n2 + 1;
  const ph = (a1 + a2) / (m1 + m2);
  if (ph === 1) return 0;
  return (a1 / m1 - a2 / m2) / Math.sqrt(ph * (1 - ph) * (1 / m1 + 1 / m2));
}

interface Stats extends Counts {
  tid: number;
  pa: number;
  pd: number;
  pat: number;
  pdt: number;
  ra: number;
  rd: number;
  rat: number;
  rdt: number;
}

function stats(tid: number, g: Counts, rest: Counts): Stats {
  const pa = (g.na + 1) / (g.ns + 2);
  const pd = (g.nd + 1) / (g.ns + 2);
  return {
    tid,
    ...g,
    pa,
    pd,
    pat: propTest(g.na, g.ns),
    pdt: propTest(g.nd, g.ns),
    ra: pa / ((rest.na + 1) / (rest.ns + 2)),
    rd: pd / ((rest.nd + 1) / (rest.ns + 2)),
    rat: twoPropTest(g.na, rest.na, g.ns, rest.ns),
    rdt: twoPropTest(g.nd, rest.nd, g.ns, rest.ns),
  };
}

function finalize(s: Stats, agree: boolean, bestAgree = false): RepComment {
  return agree
    ? { tid: s.tid, nSuccess: s.na, nTrials: s.ns, pSuccess: s.pa, pTest: s.pat, repness: s.ra, repnessTest: Math.fround(s.rat), repfulFor: "agree", bestAgree }
    : { tid: s.tid, nSuccess: s.nd, nTrials: s.ns, pSuccess: s.pd, pTest: s.pdt, repness: s.rd, repnessTest: Math.fround(s.rdt), repfulFor: "disagree", bestAgree };
}

const passes = (s: Stats): boolean => (s.rat > Z90 && s.pat > Z90) || (s.rdt > Z90 && s.pdt > Z90);

/** Whether `c` replaces the current best-agree candidate `cur` (spec 1.11, in order). */
function beatsBestAgree(c: Stats, cur: Stats | null): boolean {
  if (c.na === 0 && c.nd === 0) return false;
  if (cur && cur.ra > 1) return c.ra * c.rat * c.pa * c.pat > cur.ra * cur.rat * cur.pa * cur.pat;
  if (cur) return c.pa * c.pat > cur.pa * cur.pat;
  return c.pat > Z90 || (c.ra > 1 && c.pa > 0.5);
}

/**
 * The representative comments of one group: `group` and `rest` give counts per candidate tid, in
 * column order (mod-out already excluded). At most five, best-agree first, agrees before disagrees.
 */
export function selectRepComments(tids: readonly number[], group: readonly Counts[], rest: readonly Counts[]): RepComment[] {
  const passed: RepComment[] = [];
  let best: Stats | null = null;
  let bestAgree: Stats | null = null;
  for (let i = 0; i < tids.length; i++) {
    const s = stats(tids[i]!, group[i]!, rest[i]!);
    if (passes(s)) passed.push(finalize(s, s.rat > s.rdt));
    else if (passed.length === 0 && (!best || Math.max(s.rat, s.rdt) > Math.max(best.rat, best.rdt))) best = s;
    if (beatsBestAgree(s, bestAgree)) bestAgree = s;
  }
  const bestAgreeRep = bestAgree ? finalize(bestAgree, true, true) : null;
  if (passed.length === 0) {
    if (bestAgreeRep) return [bestAgreeRep];
    return best ? [finalize(best, best.rat > best.rdt)] : [];
  }
  const key = (r: RepComment): number => r.repness * r.repnessTest * r.pSuccess * r.pTest;
  let sorted = [...passed].sort((a, b) => key(b) - key(a));
  if (bestAgreeRep) sorted = [bestAgreeRep, ...sorted.filter((r) => r.tid !== bestAgreeRep.tid)];
  const top = sorted.slice(0, 5);
  return [...top.filter((r) => r.repfulFor === "agree"), ...top.filter((r) => r.repfulFor === "disagree")];
}

/** Consensus over all participants: comments with p > 0.5 and z > 1.2816, by p·z, top five each way. */
export function selectConsensus(tids: readonly number[], all: readonly Counts[]): { agree: ConsensusComment[]; disagree: ConsensusComment[] } {
  const agree: Array<ConsensusComment & { key: number }> = [];
  const disagree: Array<ConsensusComment & { key: number }> = [];
  tids.forEach((tid, i) => {
    const c = all[i]!;
    const pa = (c.na + 1) / (c.ns + 2);
    const pd = (c.nd + 1) / (c.ns + 2);
    const pat = propTest(c.na, c.ns);
    const pdt = propTest(c.nd, c.ns);
    if (pa > 0.5 && pat > Z90) agree.push({ tid, nSuccess: c.na, nTrials: c.ns, pSuccess: pa, pTest: pat, key: pa * pat });
    if (pd > 0.5 && pdt > Z90) disagree.push({ tid, nSuccess: c.nd, nTrials: c.ns, pSuccess: pd, pTest: pdt, key: pd * pdt });
  });
  const top = (xs: Array<ConsensusComment & { key: number }>): ConsensusComment[] =>
    xs.sort((a, b) => b.key - a.key).slice(0, 5).map(({ key: _key, ...c }) => c);
  return { agree: top(agree), disagree: top(disagree) };
}

/**
 * Representative comments of every group (keyed by group id) from the groups' tallies, over the
 * candidate columns (mod-out excluded); a group's "rest" is the sum over all other groups.
 */
export function repnessByGroup(tallies: readonly GroupTally[], tids: readonly number[], candidates: readonly number[]): Record<number, RepComment[]> {
  const all = candidates.map((c) => {
    const out = { na: 0, nd: 0, ns: 0 };
    for (const t of tallies) {
      out.na += t.agree[c]!;
      out.nd += t.disagree[c]!;
      out.ns += t.seen[c]!;
    }
    return out;
  });
  const candidateTids = candidates.map((c) => tids[c]!);
  const out: Record<number, RepComment[]> = {};
  for (const t of tallies) {
    const own = candidates.map((c) => ({ na: t.agree[c]!, nd: t.disagree[c]!, ns: t.seen[c]! }));
    const rest = own.map((o, i) => ({ na: all[i]!.na - o.na, nd: all[i]!.nd - o.nd, ns: all[i]!.ns - o.ns }));
    out[t.id] = selectRepComments(candidateTids, own, rest);
  }
  return out;
}
