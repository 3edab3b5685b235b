import type { BallotGroup, Election, Project } from "./election";
import type { VoteType } from "./pb-model";

export interface BallotInput {
  /** Project ids (approval) or id -> points. */
  projects: readonly string[] | Readonly<Record<string, number>>;
  /** How many voters cast this ballot (default 1). */
  count?: number;
}

export interface ElectionInput {
  budget: number | bigint;
  projects: readonly { id: string; cost: number | bigint }[];
  ballots: readonly BallotInput[];
  voteType?: VoteType;
  threshold?: number;
}

// Array.isArray does not narrow a readonly array union; this guard does.
function isList(p: BallotInput["projects"]): p is readonly string[] {
  return Array.isArray(p);
}

/**
 * Builds an election in code (tests, benchmarks, the budgets component) without a .pb file.
 * Costs and budget are whole currency units; identical ballots are merged as the reader does.
 */
export function makeElection(input: ElectionInput): Election {
  const index = new Map(input.projects.map((p, i) => [p.id, i]));
  const votes = new Array<number>(input.projects.length).fill(0);
  const score = new Array<number>(input.projects.length).fill(0);
  const groups = new Map<string, BallotGroup>();
  let voterCount = 0;
  let hasPoints = false;
  for (const b of input.ballots) {
    const count = b.count ?? 1;
    voterCount += count;
    const p = b.projects;
    const entries: [string, number][] = isList(p) ? p.map((id) => [id, 1]) : Object.entries(p);
    if (!isList(p)) hasPoints = true;
    const pairs = entries
      .filter(([, pts]) => pts > 0)
      .map(([id, pts]): [number, number] => {
        const j = index.get(id);
        if (j === undefined) throw new Error(`ballot names unknown project "${id}"`);
        return [j, pts];
      })
      .sort((a, b) => a[0] - b[0]);
    for (const [j, pts] of pairs) {
      votes[j] = (votes[j] ?? 0) + count;
      score[j] = (score[j] ?? 0) + pts * count;
    }
    const key = pairs.map(([j, pts]) => `${j}:${pts}`).join(",");
    const g = groups.get(key);
    if (g) g.weight += count;
    else groups.set(key, { projects: Int32Array.from(pairs, ([j]) => j), points: Int32Array.from(pairs, ([, p]) => p), weight: count });
  }
  const projects: Project[] = input.projects.map((p, i) => ({ id: p.id, cost: BigInt(p.cost), votes: votes[i] ?? 0, score: score[i] ?? 0 }));
  const voteType = input.voteType ?? (hasPoints ? "cumulative" : "approval");
  return {
    voteType,
    hasPoints: voteType === "cumulative" || voteType === "scoring" || voteType === "ordinal",
    budget: BigInt(input.budget),
    moneyScale: 1n,
    projects,
    groups: [...groups.values()],
    voterCount,
    threshold: input.threshold,
  };
}
