/** Builders shared by the engine's tests (small hand-made conversations, never real data). */
import { rng } from "./synthetic";
import type { VoteEvent } from "./types";

/** Votes of a dense grid (null = no vote), in full-reload order: by tid, then pid. */
export function denseVotes(rows: ReadonlyArray<ReadonlyArray<number | null>>): VoteEvent[] {
  const nCols = Math.max(0, ...rows.map((r) => r.length));
  const votes: VoteEvent[] = [];
  for (let tid = 0; tid < nCols; tid++)
    rows.forEach((r, pid) => {
      const v = r[tid];
      if (v !== null && v !== undefined) votes.push({ pid, tid, vote: v });
    });
  return votes;
}

/** Two (or more) opinion camps: each participant agrees with their camp's side of each statement. */
export function campVotes(nPeople: number, nComments: number, camps: number, density: number, seed: number): VoteEvent[] {
  const rand = rng(seed);
  const votes: VoteEvent[] = [];
  const stance = Array.from({ length: camps * nComments }, () => (rand() < 0.5 ? -1 : 1));
  for (let pid = 0; pid < nPeople; pid++) {
    const camp = pid % camps;
    for (let tid = 0; tid < nComments; tid++) {
      if (rand() > density) continue;
      const r = rand();
      const vote = r < 0.8 ? stance[camp * nComments + tid]! : r < 0.9 ? 0 : -stance[camp * nComments + tid]!;
      votes.push({ pid, tid, vote });
    }
  }
  return votes;
}
