import type { Project } from "./election";

export type TieCriterion = "cost" | "votes" | "id";

export interface Tie {
  candidates: string[];
  chosen: string;
  by: TieCriterion;
}

export const DEFAULT_TIE_BREAK: readonly TieCriterion[] = ["cost", "votes", "id"];

/** Parses `cost,votes,id`-style lists; `id` is always appended last because only it is total. */
export function parseTieBreak(text: string): TieCriterion[] {
  const out: TieCriterion[] = [];
  for (const part of text.split(",").map((s) => s.trim())) {
    if (part !== "cost" && part !== "votes" && part !== "id") throw new Error(`unknown tie-break criterion "${part}" (use cost, votes, id)`);
    if (!out.includes(part)) out.push(part);
  }
  if (!out.includes("id")) out.push("id");
  return out;
}

const INT = /^-?\d+$/;

/** Compares ids numerically when both are integers, otherwise as strings. */
export function compareIds(a: string, b: string): number {
  if (INT.test(a) && INT.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function byCriterion(c: TieCriterion, a: Project, b: Project): number {
  if (c === "cost") return a.cost < b.cost ? -1 : a.cost > b.cost ? 1 : 0;
  if (c === "votes") return b.votes - a.votes;
  return compareIds(a.id, b.id);
}

/** Total order: negative when `a` wins the tie against `b` under `order`. */
export function compareForTie(order: readonly TieCriterion[], a: Project, b: Project): number {
  for (const c of order) {
    const r = byCriterion(c, a, b);
    if (r !== 0) return r;
  }
  return 0;
}

/**
 * Picks the winner among tied projects (≥ 2) and names the criterion that finally singled it out:
 * the first criterion on which the winner beats every candidate still level with it.
 */
export function breakTie(order: readonly TieCriterion[], tied: readonly Project[]): { winner: Project; tie: Tie } {
  const sorted = [...tied].sort((a, b) => compareForTie(order, a, b));
  const winner = sorted[0];
  if (winner === undefined) throw new Error("breakTie on no candidates");
  let level = sorted;
  let by: TieCriterion = "id";
  for (const c of order) {
    const still = level.filter((p) => byCriterion(c, p, winner) === 0);
    if (still.length === 1) {
      by = c;
      break;
    }
    level = still;
  }
  return { winner, tie: { candidates: sorted.map((p) => p.id), chosen: winner.id, by } };
}
