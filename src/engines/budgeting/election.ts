import { frac, parseDecimal, type Frac } from "./fraction";
import { cell, metaValue, splitList, VOTE_TYPES, type PbFile, type Problem, type VoteType } from "./pb-model";

export interface Project {
  id: string;
  /** Cost in integral money units (the file's cost times Election.moneyScale). */
  cost: bigint;
  /** Voters giving the project a positive utility (the "initial votes" of tie-breaking). */
  votes: number;
  /** Sum of points (equals votes for approval ballots). */
  score: number;
}

/** Voters with identical ballots, merged: rules treat them alike, so they are computed once. */
export interface BallotGroup {
  /** Project indices, ascending. */
  projects: Int32Array;
  /** Points per entry of `projects` (all 1 for approval ballots). */
  points: Int32Array;
  weight: number;
}

export interface Election {
  voteType: VoteType;
  /** True when ballots carry points (cumulative, scoring, ordinal): MES then uses points as utility. */
  hasPoints: boolean;
  budget: bigint;
  /** Money is multiplied by this power of ten so that every cost and the budget are integers. */
  moneyScale: bigint;
  projects: Project[];
  groups: BallotGroup[];
  voterCount: number;
  threshold: number | undefined;
}

function decimal(text: string | undefined): Frac | null {
  return text === undefined ? null : parseDecimal(text.replace(",", "."));
}

function scaleOf(values: Frac[]): bigint {
  let s = 1n;
  for (const v of values) while ((v.n * s) % v.d !== 0n) s *= 10n;
  return s;
}

/**
 * Derives the typed election that rules compute on. Never reads the `selected` column (it is the answer).
 * Problems (unknown projects in votes, unreadable numbers) are returned; offending entries are skipped.
 */
export function buildElection(file: PbFile): { election: Election; problems: Problem[] } {
  const problems: Problem[] = [];
  const vt = metaValue(file, "vote_type") ?? "approval";
  const voteType: VoteType = VOTE_TYPES.find((t) => t === vt) ?? "approval";
  const hasPoints = voteType === "cumulative" || voteType === "scoring" || voteType === "ordinal";
  const budgetLine = file.meta.find((m) => m.key === "budget")?.line ?? 0;
  const budgetF = decimal(metaValue(file, "budget")) ?? (problems.push({ line: budgetLine, message: "budget is not a number" }), frac(0n));
  const costs: Frac[] = [];
  const ids: string[] = [];
  const index = new Map<string, number>();
  for (const row of file.projects.rows) {
    const id = cell(row, "project_id") ?? "";
    const c = decimal(cell(row, "cost"));
    if (index.has(id)) {
      problems.push({ line: row.line, message: `duplicate project_id "${id}"` });
      continue;
    }
    if (c === null || c.n < 0n) {
      problems.push({ line: row.line, message: `project "${id}": cost "${cell(row, "cost") ?? ""}" is not a non-negative number` });
      continue;
    }
    index.set(id, ids.length);
    ids.push(id);
    costs.push(c);
  }
  const moneyScale = scaleOf([budgetF, ...costs]);
  const maxLength = Number(metaValue(file, "max_length") ?? "0");
  const groupsByKey = new Map<string, BallotGroup>();
  const votes = new Array<number>(ids.length).fill(0);
  const score = new Array<number>(ids.length).fill(0);
  let voterCount = 0;
  for (const row of file.votes.rows) {
    voterCount++;
    const vote = splitList(cell(row, "vote"));
    const pointsText = splitList(cell(row, "points"));
    const pairs: [number, number][] = [];
    const ordinalTop = Number.isInteger(maxLength) && maxLength > 0 ? maxLength : vote.length;
    vote.forEach((pid, r) => {
      const p = index.get(pid);
      if (p === undefined) {
        problems.push({ line: row.line, message: `vote names unknown project "${pid}"` });
        return;
      }
      let pts = 1;
      if (voteType === "ordinal") pts = ordinalTop - r;
      else if (hasPoints) {
        pts = Number(pointsText[r] ?? "NaN");
        if (!Number.isInteger(pts)) {
          problems.push({ line: row.line, message: `points for project "${pid}" missing or not an integer` });
          return;
        }
      }
      if (pts > 0 && !pairs.some(([q]) => q === p)) pairs.push([p, pts]);
    });
    pairs.sort((a, b) => a[0] - b[0]);
    for (const [p, pts] of pairs) {
      votes[p] = (votes[p] ?? 0) + 1;
      score[p] = (score[p] ?? 0) + pts;
    }
    const key = pairs.map(([p, pts]) => `${p}:${pts}`).join(",");
    const g = groupsByKey.get(key);
    if (g) g.weight++;
    else groupsByKey.set(key, { projects: Int32Array.from(pairs, ([p]) => p), points: Int32Array.from(pairs, ([, pts]) => pts), weight: 1 });
  }
  const projects: Project[] = ids.map((id, i) => {
    const c = costs[i] ?? frac(0n);
    return { id, cost: (c.n * moneyScale) / c.d, votes: votes[i] ?? 0, score: score[i] ?? 0 };
  });
  const th = metaValue(file, "min_project_score_threshold");
  return {
    election: {
      voteType,
      hasPoints,
      budget: (budgetF.n * moneyScale) / budgetF.d,
      moneyScale,
      projects,
      groups: [...groupsByKey.values()],
      voterCount,
      threshold: th === undefined || !Number.isFinite(Number(th)) ? undefined : Number(th),
    },
    problems,
  };
}
