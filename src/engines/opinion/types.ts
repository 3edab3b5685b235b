/**
 * Shared types of the opinion-mapping engine (Pol.is math). Votes use Pol.is's internal sign:
 * agree = -1, disagree = +1, pass = 0 (exports flip it; adapters convert at the edge).
 */

import type { GramMoments } from "./gram";

/** One vote as it arrives; `vote` already uses the internal sign (agree = -1). */
export interface VoteEvent {
  pid: number;
  tid: number;
  vote: number;
}

/** Votes as parallel columns: the fast path for large batches (no object per vote). */
export interface VoteColumns {
  pid: ArrayLike<number>;
  tid: ArrayLike<number>;
  vote: ArrayLike<number>;
}

/** A moderation change for one comment: `modOut` (rejected) and `meta` both remove it from the math. */
export interface ModerationChange {
  tid: number;
  modOut: boolean;
  meta: boolean;
}

/** Raw votes, participants x comments, compressed by row; column indices sorted within a row. */
export interface VoteMatrix {
  /** Row order: participants in the order first seen. */
  pids: number[];
  /** Column order: comments in the order first voted on. */
  tids: number[];
  rowPtr: Int32Array;
  cols: Int32Array;
  vals: Int8Array;
}

/** A cluster of named points: base clusters name participants, group clusters name base clusters. */
export interface Cluster {
  id: number;
  members: number[];
  center: [number, number];
}

/** The k-smoother of Pol.is (spec 1.9). */
export interface SmootherState {
  lastK: number | null;
  count: number;
  smoothed: number | null;
}

/** Per-group tallies over raw votes, aligned with the matrix's columns. */
export interface GroupTally {
  id: number;
  nMembers: number;
  agree: Int32Array;
  disagree: Int32Array;
  seen: Int32Array;
}

/**
 * Everything carried from one tick to the next. Plain data (arrays, typed arrays, numbers): it
 * survives structuredClone / v8.serialize, which is how the platform stores it and ships it to workers.
 */
export interface OpinionState {
  version: 1;
  matrix: VoteMatrix;
  modOut: number[];
  meta: number[];
  inConv: number[];
  /** PCA components keyed by tid (components are aligned with columns, which may grow). */
  comps: Array<Record<number, number>>;
  baseClusters: Cluster[];
  /** Group clusterings for each k, the warm start of the next tick. */
  groupClusterings: Record<number, Cluster[]>;
  smoother: SmootherState;
  /** Vote moments for the Gram-form PCA (a cache: null is valid and means "rebuild"). */
  gram: GramMoments | null;
  /** Previous tick's group vote tallies keyed by tid; Pol.is computes priorities from them (Q2). */
  prevGroupVotes: Record<number, { A: number; D: number; S: number }> | null;
}

/** A representative comment of a group (Pol.is field names are applied by the presenter). */
export interface RepComment {
  tid: number;
  nSuccess: number;
  nTrials: number;
  pSuccess: number;
  pTest: number;
  repness: number;
  repnessTest: number;
  repfulFor: "agree" | "disagree";
  bestAgree: boolean;
}

/** A consensus comment (spec 1.12). */
export interface ConsensusComment {
  tid: number;
  nSuccess: number;
  nTrials: number;
  pSuccess: number;
  pTest: number;
}

/** The outcome of one tick, in engine terms; `presenter.ts` turns it into Pol.is's math blob. */
export interface TickResult {
  tids: number[];
  pids: number[];
  center: Float64Array;
  comps: Float64Array[];
  commentProjection: [Float64Array, Float64Array];
  commentExtremity: Float64Array;
  inConv: number[];
  baseClusters: Cluster[];
  groupClusters: Cluster[];
  groupTallies: GroupTally[];
  repness: Record<number, RepComment[]>;
  consensus: { agree: ConsensusComment[]; disagree: ConsensusComment[] };
  groupAwareConsensus: Float64Array;
  priorities: Float64Array;
  modOut: number[];
  meta: number[];
  userVoteCounts: Int32Array;
  /** Participant projections aligned with `pids` (for maps and for tests). */
  projX: Float64Array;
  projY: Float64Array;
}
