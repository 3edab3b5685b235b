/** Turns a tick's result into Pol.is's math blob (`math-pca2.json`): same keys, shapes and sign. */
import type { ConsensusComment, RepComment, TickResult } from "./types";

/** JSON value of the blob. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The shortest decimal that reads back as the same float32 (how Clojure prints a float). */
export function float32Value(x: number): number {
  const f = Math.fround(x);
  if (!Number.isFinite(f)) return f;
  for (let p = 1; p <= 9; p++) {
    const d = Number(f.toPrecision(p));
    if (Math.fround(d) === f) return d;
  }
  return f;
}

function repComment(r: RepComment): Json {
  const base: { [key: string]: Json } = {
    tid: r.tid,
    "n-success": r.nSuccess,
    "n-trials": r.nTrials,
    "p-success": r.pSuccess,
    "p-test": r.pTest,
    repness: r.repness,
    "repness-test": float32Value(r.repnessTest),
    "repful-for": r.repfulFor,
  };
  if (r.bestAgree) {
    base["best-agree"] = true;
    base["n-agree"] = r.nSuccess;
  }
  return base;
}

function consensusComment(c: ConsensusComment): Json {
  return { tid: c.tid, "n-success": c.nSuccess, "n-trials": c.nTrials, "p-success": c.pSuccess, "p-test": c.pTest };
}

const byTid = (tids: readonly number[], values: ArrayLike<number>): { [key: string]: Json } =>
  Object.fromEntries(tids.map((t, j) => [String(t), values[j]!]));

const ascending = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);

/** The blob for one tick's result. */
export function toPolisBlob(r: TickResult): { [key: string]: Json } {
  const groupVotes: { [key: string]: Json } = {};
  for (const g of r.groupTallies) {
    const votes: { [key: string]: Json } = {};
    r.tids.forEach((t, c) => {
      votes[String(t)] = { A: g.agree[c]!, D: g.disagree[c]!, S: g.seen[c]! };
    });
    groupVotes[String(g.id)] = { "n-members": g.nMembers, votes };
  }
  const repness: { [key: string]: Json } = {};
  for (const [gid, reps] of Object.entries(r.repness)) repness[gid] = reps.map(repComment);
  return {
    pca: {
      center: Array.from(r.center),
      comps: r.comps.map((c) => Array.from(c)),
      "comment-projection": r.commentProjection.map((c) => Array.from(c)),
      "comment-extremity": Array.from(r.commentExtremity),
    },
    "base-clusters": {
      id: r.baseClusters.map((c) => c.id),
      members: r.baseClusters.map((c) => ascending(c.members)),
      x: r.baseClusters.map((c) => c.center[0]),
      y: r.baseClusters.map((c) => c.center[1]),
      count: r.baseClusters.map((c) => c.members.length),
    },
    "group-clusters": r.groupClusters.map((g) => ({ id: g.id, members: ascending(g.members), center: [g.center[0], g.center[1]] })),
    "in-conv": ascending(r.inConv),
    repness,
    consensus: { agree: r.consensus.agree.map(consensusComment), disagree: r.consensus.disagree.map(consensusComment) },
    "group-aware-consensus": byTid(r.tids, r.groupAwareConsensus),
    "comment-priorities": byTid(r.tids, r.priorities),
    "group-votes": groupVotes,
    tids: [...r.tids],
    "mod-out": [...r.modOut],
    "meta-tids": [...r.meta],
    n: r.pids.length,
    "n-cmts": r.tids.length,
    "user-vote-counts": Object.fromEntries(r.pids.map((p, i) => [String(p), r.userVoteCounts[i]!])),
  };
}
