/**
 * The in-memory form of a .pb file. Cells are kept as the file wrote them (so a round trip keeps their
 * meaning), with the line each came from; typed views (costs, ballots) are derived in election.ts.
 */
export interface Problem {
  /** 1-based line in the file, or 0 when the problem concerns the file as a whole. */
  line: number;
  message: string;
}

export interface MetaEntry {
  key: string;
  value: string;
  line: number;
}

export interface Row {
  line: number;
  /** Column name -> raw cell text (`None` already mapped to null). */
  cells: Map<string, string | null>;
}

export interface Section {
  titleLine: number;
  headerLine: number;
  columns: string[];
  rows: Row[];
}

export interface PbFile {
  meta: MetaEntry[];
  metaTitleLine: number;
  projects: Section;
  votes: Section;
  /** Lines that were blank (pabulib forbids them in files it publishes). */
  blankLines: number[];
}

export type VoteType = "approval" | "ordinal" | "cumulative" | "scoring" | "choose-1";
export const VOTE_TYPES: readonly VoteType[] = ["approval", "ordinal", "cumulative", "scoring", "choose-1"];

/** Value of a META key, or undefined when absent or `None`. */
export function metaValue(file: PbFile, key: string): string | undefined {
  const e = file.meta.find((m) => m.key === key);
  return e === undefined || e.value === "None" ? undefined : e.value;
}

/** A cell's text, or undefined when the column is absent or null. */
export function cell(row: Row, column: string): string | undefined {
  const v = row.cells.get(column);
  return v === null ? undefined : v;
}

/** Splits a comma list as pabulib does (empty text is the empty list); trims stray spaces. */
export function splitList(text: string | undefined): string[] {
  if (text === undefined || text.trim() === "") return [];
  return text.split(",").map((s) => s.trim());
}
