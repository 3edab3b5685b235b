/**
 * Replacements of a seated draw (a refusal, no answer in time), from the same record's lottery: each
 * round n draws among the pool rows never invited (nor in an invited person's household) those closest
 * to the person leaving (most categories equal), one of them by the generator seeded with the hex
 * SHA-256 of `<seed>:replacement:<n>`. Pure: the record's seed, pool file and rounds are all it needs
 * (`pnyx sortition verify` replays a record's `replacements` with it).
 */
import { Sha256Ctr, sha256Hex } from "./prng";

export interface Candidate {
  row: number;
  /** One value per category (names or quota indices: only equality matters). */
  features: ReadonlyArray<string | number>;
  household: string | number | null;
}

/** The seed of round `round`'s replacement (hex). */
export function replacementSeed(drawSeed: string, round: number): string {
  return sha256Hex(`${drawSeed}:replacement:${round}`);
}

/** How many categories two people share (same position, same value). */
function shared(a: ReadonlyArray<string | number>, b: ReadonlyArray<string | number>): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) n++;
  return n;
}

/**
 * The replacement of round `round` for a person with `leaving` categories, among `pool` minus the rows
 * in `invited` (and their households); null when nobody is left. Deterministic: same inputs, same row.
 */
export function pickReplacement(drawSeed: string, round: number, leaving: ReadonlyArray<string | number>, pool: readonly Candidate[], invited: ReadonlySet<number>): Candidate | null {
  const households = new Set<string | number>();
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

/**
 * Replays a draw's replacements from its panel and pool, round after round; resolves to the rows drawn,
 * which equal the recorded ones when the record is honest.
 */
export function replayReplacements(drawSeed: string, pool: readonly Candidate[], panel: readonly number[], rounds: ReadonlyArray<{ round: number; replacesRow: number }>): Array<number | null> {
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
