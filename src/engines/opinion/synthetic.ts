/**
 * A synthetic conversation with planted opinion groups, for benchmarks and scale tests: participants
 * belong to one of `groups` camps, each camp has a stance per comment, and votes follow the stance
 * with noise. Activity is skewed (a few heavy voters, many light ones), early comments are seen more,
 * some comments are moderated out and some votes are re-votes. Deterministic for a given seed.
 */
import { rng } from "./test-helpers";
import type { ModerationChange, VoteEvent } from "./types";

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
  votes: VoteEvent[];
  moderation: ModerationChange[];
  /** Planted camp of each pid (pids are 0..participants−1). */
  planted: Int32Array;
  stance: Int8Array;
  next: (count: number) => VoteEvent[];
}

/** Builds the conversation; `next(n)` draws n further votes from the same model. */
export function syntheticConversation(spec: SyntheticSpec): SyntheticConversation {
  const rand = rng(spec.seed);
  const { participants: n, comments: m, groups } = spec;
  const planted = Int32Array.from({ length: n }, () => Math.floor(rand() * groups));
  const stance = Int8Array.from({ length: groups * m }, () => (rand() < 0.5 ? -1 : 1));
  // Heavy-tailed activity: weight ∝ 1/(rank+10), normalised to the requested total.
  const weights = Float64Array.from({ length: n }, (_, i) => 1 / (((i * 7919) % n) + 10) ** 0.6);
  const wSum = weights.reduce((a, b) => a + b, 0);
  const fresh = Math.round(spec.votes * (1 - (spec.revoteShare ?? 0.01)));
  const voteOf = (pid: number, tid: number): number => {
    const s = stance[planted[pid]! * m + tid]!;
    const r = rand();
    return r < 0.75 ? s : r < 0.9 ? 0 : -s;
  };
  const pickComment = (): number => Math.min(m - 1, Math.floor(m * rand() ** 1.5));
  const votes: VoteEvent[] = [];
  const seen = new Set<number>();
  for (let pid = 0; pid < n; pid++) {
    const want = Math.max(1, Math.min(m, Math.round((weights[pid]! / wSum) * fresh)));
    for (let k = 0, tries = 0; k < want && tries < want * 20; tries++) {
      const tid = pickComment();
      const key = pid * m + tid;
      if (seen.has(key)) continue;
      seen.add(key);
      votes.push({ pid, tid, vote: voteOf(pid, tid) });
      k++;
    }
  }
  // Interleave participants as in a live conversation (a deterministic shuffle), then add re-votes.
  for (let i = votes.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [votes[i], votes[j]] = [votes[j]!, votes[i]!];
  }
  const revotes = spec.votes - votes.length;
  for (let i = 0; i < revotes && votes.length > 0; i++) {
    const v = votes[Math.floor(rand() * votes.length)]!;
    votes.push({ pid: v.pid, tid: v.tid, vote: voteOf(v.pid, v.tid) });
  }
  const share = spec.modOutShare ?? 0.03;
  const moderation: ModerationChange[] = [];
  for (let tid = 0; tid < m; tid++) if (rand() < share) moderation.push({ tid, modOut: true, meta: rand() < 0.5 });
  const next = (count: number): VoteEvent[] =>
    Array.from({ length: count }, () => {
      const pid = Math.floor(rand() * n);
      const tid = pickComment();
      return { pid, tid, vote: voteOf(pid, tid) };
    });
  return { votes, moderation, planted, stance, next };
}
