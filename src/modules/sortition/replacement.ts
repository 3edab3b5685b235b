/**
 * Drawing a replacement for a seat left by a refusal or by no answer before the deadline (ADR 19),
 * from the same record's lottery: only the draw's seed, its published pool file and the list of seats
 * already invited go in, so anyone holding the record replays every replacement.
 */
import { Sha256Ctr, sha256Hex } from "../../engines/sortition/prng";

/** The method as published on the record (page and JSON). */
export const REPLACEMENT_METHOD =
  "Each seat left (a refusal, or no answer before the deadline) is filled by round n = 1, 2, ... in the order the seats were left. Candidates: the rows of the published pool file never invited in this draw (neither the panel nor an earlier replacement) and, with the household rule, outside the households of everyone invited so far. Among them, those whose categories all equal the leaving person's; when there are none, those sharing the most categories with them. The replacement is the candidate at index below(count) in row order, with the engine's generator (SHA-256 counter mode) seeded with the hex SHA-256 of `<seed>:replacement:<n>`.";

export interface Candidate {
  row: number;
  features: readonly string[];
  household: number | null;
}

/** The seed of round `round`'s replacement (hex). */
export function replacementSeed(drawSeed: string, round: number): string {
  return sha256Hex(`${drawSeed}:replacement:${round}`);
}

/** How many categories two people share (same position, same value). */
function shared(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) n++;
  return n;
}

/**
 * The replacement of round `round` for a person with `leaving` categories, among `pool` minus the rows
 * in `invited` (and their households); null when nobody is left. Deterministic: same inputs, same row.
 */
export function pickReplacement(drawSeed: string, round: number, leaving: readonly string[], pool: readonly Candidate[], invited: ReadonlySet<number>): Candidate | null {
  const households = new Set<number>();
  for (const p of pool) if (p.household !== null && invited.has(p.row)) households.add(p.household);
  let best = -1;
  let tied: Candidate[] = [];
  for (const p of [...pool].sort((a, b) => a.row - b.row)) {
    if (invited.has(p.row) || (p.household !== null && households.has(p.household))) continue;
    const same = shared(p.features, leaving);
    if (same > best) {
      best = same;
      tied = [p];
    } else if (same === best) tied.push(p);
  }
  if (tied.length === 0) return null;
  return tied[new Sha256Ctr(replacementSeed(drawSeed, round)).below(tied.length)] ?? null;
}

/** One replacement as the record lists it. */
export interface RecordedReplacement {
  round: number;
  /** The pool row whose seat was left. */
  replacesRow: number;
  /** The pool row drawn (null: nobody was left to draw). */
  row: number | null;
}

/**
 * Replays a draw's replacements from its panel and pool, round after round; resolves to the rows drawn,
 * which equal the recorded ones when the record is honest.
 */
export function replayReplacements(drawSeed: string, pool: readonly Candidate[], panel: readonly number[], rounds: ReadonlyArray<Pick<RecordedReplacement, "round" | "replacesRow">>): Array<number | null> {
  const invited = new Set(panel);
  const byRow = new Map(pool.map((p) => [p.row, p]));
  return [...rounds]
    .sort((a, b) => a.round - b.round)
    .map((r) => {
      const picked = pickReplacement(drawSeed, r.round, byRow.get(r.replacesRow)?.features ?? [], pool, invited);
      if (picked) invited.add(picked.row);
      return picked?.row ?? null;
    });
}
