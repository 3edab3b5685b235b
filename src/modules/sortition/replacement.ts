/**
 * Drawing a replacement for a seat left by a refusal or by no answer before the deadline (ADR 19),
 * from the same record's lottery: only the draw's seed, its published pool file and the list of seats
 * already invited go in, so anyone holding the record replays every replacement.
 */
export { pickReplacement, replacementSeed, replayReplacements, type Candidate } from "../../engines/sortition/replacement";

/** The method as published on the record (page and JSON). */
export const REPLACEMENT_METHOD =
  "Each seat left (a refusal, or no answer before the deadline) is filled by round n = 1, 2, ... in the order the seats were left. Candidates: the rows of the published pool file never invited in this draw (neither the panel nor an earlier replacement) and, with the household rule, outside the households of everyone invited so far. Among them, those whose categories all equal the leaving person's; when there are none, those sharing the most categories with them. The replacement is the candidate at index below(count) in row order, with the engine's generator (SHA-256 counter mode) seeded with the hex SHA-256 of `<seed>:replacement:<n>`.";

