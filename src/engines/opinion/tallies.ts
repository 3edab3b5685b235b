/** Vote tallies per group and overall, group-aware consensus and comment priorities (spec 1.10, 1.13-1.14). */
import type { Counts } from "./repness";
import type { GroupTally, VoteMatrix } from "./types";

/** Raw tallies (mod-out not zeroed) of the rows in each group; `groupOfRow` is −1 outside any group. */
export function groupTallies(m: VoteMatrix, groupOfRow: Int32Array, groupIds: readonly number[]): GroupTally[] {
  const nCols = m.tids.length;
  const nGroups = groupIds.length;
  // One flat table [group][column][kind], kind = vote + 1 (agree, pass, disagree): one increment per
  // vote at the row's group offset + col·3 + kind.
  const counts = new Int32Array(nGroups * 3 * nCols);
  const members = new Int32Array(nGroups);
  const { rowPtr, cols, vals } = m;
  for (let r = 0; r < m.pids.length; r++) {
    const g = groupOfRow[r]!;
    if (g < 0 || g >= nGroups) continue;
    members[g]!++;
    const base = g * 3 * nCols + 1;
    const end = rowPtr[r + 1]!;
    for (let i = rowPtr[r]!; i < end; i++) counts[base + cols[i]! * 3 + vals[i]!]!++;
  }
  return groupIds.map((id, g) => {
    const base = g * 3 * nCols;
    const agree = new Int32Array(nCols);
    const disagree = new Int32Array(nCols);
    const seen = new Int32Array(nCols);
    for (let c = 0, t = base; c < nCols; c++, t += 3) {
      agree[c] = counts[t]!;
      disagree[c] = counts[t + 2]!;
      seen[c] = counts[t]! + counts[t + 1]! + counts[t + 2]!;
    }
    return { id, nMembers: members[g]!, agree, disagree, seen };
  });
}

/** Counts over every row of `rating` for one column (consensus uses all participants). */
export function columnTotals(m: VoteMatrix): Counts[] {
  const nCols = m.tids.length;
  // kind = vote + 1: one increment per vote in a flat [column][kind] table, objects only at the end.
  const counts = new Int32Array(nCols * 3);
  const nnz = m.rowPtr[m.pids.length]!;
  const { cols, vals } = m;
  for (let i = 0; i < nnz; i++) counts[cols[i]! * 3 + vals[i]! + 1]!++;
  return Array.from({ length: nCols }, (_, c) => {
    const na = counts[c * 3]!;
    const nd = counts[c * 3 + 2]!;
    return { na, nd, ns: na + counts[c * 3 + 1]! + nd };
  });
}

/** gac[tid] = Π_g (A_g + 1)/(S_g + 2), per column. */
export function groupAwareConsensus(tallies: readonly GroupTally[], nCols: number): Float64Array {
  const out = new Float64Array(nCols).fill(1);
  for (const g of tallies) for (let c = 0; c < nCols; c++) out[c]! *= (g.agree[c]! + 1) / (g.seen[c]! + 2);
  return out;
}

/** Sums of A, D, S over groups keyed by tid: what the next tick's priorities read (Q2). */
export function summedGroupVotes(tallies: readonly GroupTally[], tids: readonly number[]): Record<number, { A: number; D: number; S: number }> {
  const out: Record<number, { A: number; D: number; S: number }> = {};
  tids.forEach((tid, c) => {
    let A = 0;
    let D = 0;
    let S = 0;
    for (const g of tallies) {
      A += g.agree[c]!;
      D += g.disagree[c]!;
      S += g.seen[c]!;
    }
    out[tid] = { A, D, S };
  });
  return out;
}

/** Meta comments are always shown first-ish: priority 7². */
export const META_PRIORITY = 49;

/** priority = ((1 − p)(E + 1)·a·(1 + 8·2^(−S/5)))², with p the pass and a the agree rate; meta gets 49. */
export function priority(A: number, D: number, S: number, extremity: number): number {
  const P = S - A - D;
  const p = (P + 1) / (S + 2);
  const a = (A + 1) / (S + 2);
  const v = (1 - p) * (extremity + 1) * a * (1 + 8 * 2 ** (-S / 5));
  return v * v;
}

/** Priorities per column from summed group votes (missing tids count as unvoted). */
export function priorities(
  tids: readonly number[],
  votes: Record<number, { A: number; D: number; S: number }>,
  extremity: Float64Array,
  meta: ReadonlySet<number>,
): Float64Array {
  return Float64Array.from(tids, (tid, c) => {
    if (meta.has(tid)) return META_PRIORITY;
    const v = votes[tid] ?? { A: 0, D: 0, S: 0 };
    return priority(v.A, v.D, v.S, extremity[c]!);
  });
}
