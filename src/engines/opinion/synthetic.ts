/**
 * A synthetic conversation with planted opinion groups, for benchmarks and scale tests: participants
 * belong to one of `groups` camps, each camp has a stance per comment, and votes follow the stance
 * with noise. Activity is skewed (a few heavy voters, many light ones), early comments are seen more,
 * some comments are moderated out and some votes are re-votes. Deterministic for a given seed; votes
 * come as columns so that Pol.is's caps (20M votes) fit in memory.
 */
import { mulberry32 } from "../random";
import type { ModerationChange, VoteColumns } from "./types";

/** A deterministic pseudo-random generator for reproducible synthetic data. */
export const rng = mulberry32;

export interface SyntheticSpec {
  participants: number;
  comments: number;
  votes: number;
  groups: number;
  seed: number;
  /** Share of comments moderated out (half of them as meta). */
  modOutShare?: number;
  /** Share of votes that are re-votes of an earlier cell. */
  revoteShare?: number;
}

export interface SyntheticConversation {
  /** Votes in arrival order (internal sign). */
  votes: VoteColumns & { pid: Int32Array; tid: Int32Array; vote: Int8Array };
  moderation: ModerationChange[];
  /** Planted camp of each pid (pids are 0..participants−1). */
  planted: Int32Array;
  /** `count` further votes from the same model (new cells and re-votes alike). */
  next: (count: number) => VoteColumns;
}

/** Builds the conversation. */
export function syntheticConversation(spec: SyntheticSpec): SyntheticConversation {
  const rand = rng(spec.seed);
  const { participants: n, comments: m, groups } = spec;
  const planted = Int32Array.from({ length: n }, () => Math.floor(rand() * groups));
  const stance = Int8Array.from({ length: groups * m }, () => (rand() < 0.5 ? -1 : 1));
  // Heavy-tailed activity: weight ∝ (rank + 10)^−0.6 over a scrambled rank.
  const weights = Float64Array.from({ length: n }, (_, i) => 1 / (((i * 7919) % n) + 10) ** 0.6);
  const wSum = weights.reduce((a, b) => a + b, 0);
  const total = spec.votes;
  const fresh = Math.round(total * (1 - (spec.revoteShare ?? 0.01)));
  const voteOf = (pid: number, tid: number): number => {
    const s = stance[planted[pid]! * m + tid]!;
    const r = rand();
    return r < 0.75 ? s : r < 0.9 ? 0 : -s;
  };
  const pickComment = (): number => Math.min(m - 1, Math.floor(m * rand() ** 1.5));
  const pid = new Int32Array(total);
  const tid = new Int32Array(total);
  const vote = new Int8Array(total);
  let len = 0;
  const mark = new Uint8Array(m);
  for (let p = 0; p < n && len < fresh; p++) {
    const want = Math.max(1, Math.min(m, Math.round((weights[p]! / wSum) * fresh), fresh - len));
    const mine: number[] = [];
    for (let tries = 0; mine.length < want && tries < want * 20; tries++) {
      const t = pickComment();
      if (mark[t]) continue;
      mark[t] = 1;
      mine.push(t);
    }
    for (const t of mine) {
      mark[t] = 0;
      pid[len] = p;
      tid[len] = t;
      vote[len++] = voteOf(p, t);
    }
  }
  // Interleave participants as in a live conversation (a deterministic shuffle), then add re-votes.
  for (let i = len - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const [a, b, c] = [pid[i]!, tid[i]!, vote[i]!];
    pid[i] = pid[j]!;
    tid[i] = tid[j]!;
    vote[i] = vote[j]!;
    pid[j] = a;
    tid[j] = b;
    vote[j] = c;
  }
  const firstVotes = len;
  while (len < total && firstVotes > 0) {
    const j = Math.floor(rand() * firstVotes);
    pid[len] = pid[j]!;
    tid[len] = tid[j]!;
    vote[len++] = voteOf(pid[j]!, tid[j]!);
  }
  const share = spec.modOutShare ?? 0.03;
  const moderation: ModerationChange[] = [];
  for (let t = 0; t < m; t++) if (rand() < share) moderation.push({ tid: t, modOut: true, meta: rand() < 0.5 });
  const next = (count: number): VoteColumns => {
    const out = { pid: new Int32Array(count), tid: new Int32Array(count), vote: new Int8Array(count) };
    for (let i = 0; i < count; i++) {
      out.pid[i] = Math.floor(rand() * n);
      out.tid[i] = pickComment();
      out.vote[i] = voteOf(out.pid[i]!, out.tid[i]!);
    }
    return out;
  };
  return { votes: { pid: pid.subarray(0, len), tid: tid.subarray(0, len), vote: vote.subarray(0, len) }, moderation, planted, next };
}
