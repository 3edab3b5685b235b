/** One Pol.is update ("tick"): previous state + new votes and moderation changes -> new state + math. */
import { groupClusters } from "./groups";
import { inConvMask } from "./in-conv";
import { STOP_TOLERANCE, type PcaStats } from "./pca";
import { kmeans, type Points } from "./kmeans";
import { buildMoments, GRAM_MAX_COLS, momentTotals, updateMoments, type GramMoments } from "./gram";
import { applyVotesTracked, emptyMatrix, IndexOf } from "./matrix";
import { PARALLEL_MIN_CELLS, projectComments, projectParticipants, runPca, startVectors } from "./projection";
import { repnessByGroup, selectConsensus } from "./repness";
import { columnTotals, groupAwareConsensus, groupTallies, priorities, summedGroupVotes } from "./tallies";
import type { Cluster, ModerationChange, OpinionState, TickResult, VoteColumns, VoteEvent, VoteMatrix } from "./types";

/** Base clusters: k = 100, at most 100 k-means steps. */
export const BASE_K = 100;
export const BASE_ITERS = 100;

export interface TickInput {
  /** New votes in arrival order (internal sign: agree = −1), as objects or as columns. */
  votes: readonly VoteEvent[] | VoteColumns;
  moderation?: readonly ModerationChange[];
}

/** Engine options; the defaults are what the platform runs. */
export interface TickOptions {
  /** Stop the power iteration only as Pol.is does (bit-identical norm), never on the tolerance. */
  exactIterations?: boolean;
  /** Receives the wall time of each stage of the tick (for benchmarks; no effect on the result). */
  onStage?: (stage: string, ms: number) => void;
  /** Filled with work counters of the tick (for benchmarks). */
  stats?: PcaStats;
  /**
   * Let large loops use a second thread (helper.ts; default true). The results are the same bits
   * either way; `false` keeps the tick on the calling thread.
   */
  threads?: boolean;
}

/** The state before any vote. */
export function initialState(): OpinionState {
  return {
    version: 1,
    matrix: emptyMatrix(),
    modOut: [],
    meta: [],
    inConv: [],
    comps: [],
    baseClusters: [],
    groupClusterings: {},
    smoother: { lastK: null, count: 0, smoothed: null },
    gram: null,
    prevGroupVotes: null,
  };
}

/** Moments for the Gram-form PCA: updated from the previous tick's when they match its matrix. */
function moments(prev: OpinionState, m: VoteMatrix, touched: Int32Array, threads: boolean): GramMoments | null {
  if (m.tids.length > GRAM_MAX_COLS) return null;
  const g = prev.gram;
  if (g && g.layout === 3 && g.n === prev.matrix.tids.length) return m === prev.matrix ? g : updateMoments(g, prev.matrix, m, touched);
  return buildMoments(m, threads && m.rowPtr[m.pids.length]! >= PARALLEL_MIN_CELLS);
}

function applyModeration(prev: OpinionState, changes: readonly ModerationChange[]): { modOut: Set<number>; meta: Set<number> } {
  const rejected = new Set(prev.modOut.filter((t) => !prev.meta.includes(t)));
  const meta = new Set(prev.meta);
  for (const c of changes) {
    if (c.modOut) rejected.add(c.tid);
    else rejected.delete(c.tid);
    if (c.meta) meta.add(c.tid);
    else meta.delete(c.tid);
  }
  return { modOut: new Set([...rejected, ...meta]), meta };
}

/** Base clusters (k = 100) on the projections of in-conv participants, in row order. */
function baseClusters(m: VoteMatrix, mask: Uint8Array, x: Float64Array, y: Float64Array, previous: readonly Cluster[]): Cluster[] {
  let n = 0;
  for (let r = 0; r < mask.length; r++) n += mask[r]!;
  const names = new Array<number>(n);
  const p: Points = { names, x: new Float64Array(n), y: new Float64Array(n), w: new Float64Array(n).fill(1) };
  for (let r = 0, i = 0; r < mask.length; r++) {
    if (!mask[r]) continue;
    names[i] = m.pids[r]!;
    p.x[i] = x[r]!;
    p.y[i++] = y[r]!;
  }
  return kmeans(p, BASE_K, BASE_ITERS, previous).sort((a, b) => a.id - b.id);
}

/** Group index (position in `groups`) of every row; −1 for rows outside the base clusters. */
function groupOfRows(m: VoteMatrix, base: readonly Cluster[], groups: readonly Cluster[]): Int32Array {
  const rowOf = new IndexOf(m.pids);
  const baseById = new Map(base.map((b) => [b.id, b]));
  const out = new Int32Array(m.pids.length).fill(-1);
  groups.forEach((g, gi) => {
    for (const bid of g.members) for (const pid of baseById.get(bid)?.members ?? []) out[rowOf.get(pid)] = gi;
  });
  return out;
}

/**
 * Runs one tick. Pure: the previous state is not modified. Cold start when `prev` is the initial state
 * (all-ones power-iteration start, first-k-distinct clusters).
 */
export function computeTick(prev: OpinionState, input: TickInput, options: TickOptions = {}): { state: OpinionState; result: TickResult } {
  const onStage = options.onStage;
  let t0 = onStage ? performance.now() : 0;
  const lap = (stage: string): void => {
    if (!onStage) return;
    const t = performance.now();
    onStage(stage, t - t0);
    t0 = t;
  };
  const { matrix: m, touchedRows } = applyVotesTracked(prev.matrix, input.votes);
  lap("matrix");
  const threads = options.threads ?? true;
  const gram = moments(prev, m, touchedRows, threads);
  lap("moments");
  const { modOut, meta } = applyModeration(prev, input.moderation ?? []);
  const nCols = m.tids.length;
  const modOutCol = Uint8Array.from(m.tids, (t) => (modOut.has(t) ? 1 : 0));
  const mask = inConvMask(m, prev.inConv);
  lap("inConv");
  const { center, comps } = runPca(m, modOutCol, startVectors(m.tids, prev.comps), gram, options.exactIterations ? 0 : STOP_TOLERANCE, options.stats, threads);
  lap("pca");
  const proj = projectParticipants(m, center, comps, modOutCol);
  const cproj = projectComments(center, comps);
  lap("projection");
  const base = baseClusters(m, mask, proj.x, proj.y, prev.baseClusters);
  lap("baseClusters");
  const grouping = groupClusters(base, prev.groupClusterings, prev.smoother);
  const groups = grouping.groups.map((g) => ({ ...g, members: [...g.members].sort((a, b) => a - b) }));
  lap("groupClusters");
  const groupOfRow = groupOfRows(m, base, groups);
  const tallies = groupTallies(m, groupOfRow, groups.map((g) => g.id));
  lap("tallies");

  const candidates: number[] = [];
  for (let c = 0; c < nCols; c++) if (!modOutCol[c]) candidates.push(c);
  const repness = repnessByGroup(tallies, m.tids, candidates);
  const totals = gram ? momentTotals(gram) : columnTotals(m);
  const consensus = selectConsensus(candidates.map((c) => m.tids[c]!), candidates.map((c) => totals[c]!));
  const currentVotes = summedGroupVotes(tallies, m.tids);
  const prio = priorities(m.tids, prev.prevGroupVotes ?? currentVotes, cproj.extremity, meta);
  lap("repness");

  const inConv: number[] = [];
  for (let r = 0; r < mask.length; r++) if (mask[r]) inConv.push(m.pids[r]!);
  const userVoteCounts = new Int32Array(m.pids.length);
  for (let r = 0; r < m.pids.length; r++) userVoteCounts[r] = m.rowPtr[r + 1]! - m.rowPtr[r]!;
  const state: OpinionState = {
    version: 1,
    matrix: m,
    modOut: [...modOut].sort((a, b) => a - b),
    meta: [...meta].sort((a, b) => a - b),
    inConv,
    comps: comps.map((pc) => Object.fromEntries(m.tids.map((t, j) => [t, pc[j]!]))),
    baseClusters: base,
    groupClusterings: grouping.clusterings,
    smoother: grouping.smoother,
    gram,
    prevGroupVotes: currentVotes,
  };
  const result: TickResult = {
    tids: m.tids,
    pids: m.pids,
    center,
    comps,
    commentProjection: cproj.projection,
    commentExtremity: cproj.extremity,
    inConv,
    baseClusters: base,
    groupClusters: groups,
    groupTallies: tallies,
    repness,
    consensus,
    groupAwareConsensus: groupAwareConsensus(tallies, nCols),
    priorities: prio,
    modOut: state.modOut,
    meta: state.meta,
    userVoteCounts,
    projX: proj.x,
    projY: proj.y,
  };
  lap("state");
  return { state, result };
}
