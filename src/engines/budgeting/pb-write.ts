import { parseDecimal, toDecimalString } from "./fraction";
import { writeCsv } from "./pb-csv";
import { META_FIELDS, PROJECT_FIELDS, VOTE_FIELDS, type FieldSpec } from "./pb-fields";
import { cell, metaValue, splitList, type PbFile, type Row } from "./pb-model";

/** A number in pabulib's format: decimal point, no trailing zeros, integers without a fraction. */
function number(v: string): string {
  const f = parseDecimal(v.replace(",", "."));
  return f === null ? v : toDecimalString(f);
}

/** A list in pabulib's format: comma-separated, no spaces. */
function list(v: string): string {
  return splitList(v).join(",");
}

function format(spec: FieldSpec | undefined, v: string | null | undefined): string {
  if (v === null) return "None";
  if (v === undefined) return "";
  if (spec?.type === "float" || spec?.type === "int") return number(v);
  if (spec?.type === "list") return list(v);
  return v;
}

function ordered(columns: readonly string[], specs: ReadonlyMap<string, FieldSpec>): { keep: string[]; dropped: string[] } {
  const keep = [...specs.keys()].filter((k) => columns.includes(k));
  return { keep, dropped: columns.filter((c) => !specs.has(c)) };
}

/**
 * Writes a file the way pabulib publishes them and its checker demands: sections META, PROJECTS,
 * VOTES; fields in pabulib's order; decimal points; lists without spaces; num_projects, num_votes and
 * the votes/score columns recomputed from the ballots; CRLF rows and no empty line. Fields pabulib
 * does not know cannot be written (its checker rejects them): they are dropped and listed in `notes`.
 */
export function writePb(file: PbFile): { text: string; notes: string[] } {
  const notes: string[] = [];
  const rows: string[][] = [["META"], ["key", "value"]];
  const voteType = metaValue(file, "vote_type");
  const counts = tally(file, voteType);
  const metaKeys = ordered(file.meta.map((m) => m.key), META_FIELDS);
  if (metaKeys.dropped.length > 0) notes.push(`dropped unknown META key(s): ${metaKeys.dropped.join(", ")}`);
  const missing = [...META_FIELDS].filter(([k, s]) => s.obligatory && !metaKeys.keep.includes(k)).map(([k]) => k);
  if (missing.length > 0) notes.push(`META lacks obligatory key(s) ${missing.join(", ")}; pabulib will reject the file`);
  for (const key of metaKeys.keep) {
    let value = file.meta.find((m) => m.key === key)?.value ?? "";
    if (key === "num_projects") value = String(file.projects.rows.length);
    else if (key === "num_votes") value = String(file.votes.rows.length);
    else if (key === "comment" && !value.startsWith("#1: ")) value = "#1: " + value;
    else value = format(META_FIELDS.get(key), value === "None" ? null : value);
    rows.push([key, value]);
  }
  const pcols = ordered(file.projects.columns, PROJECT_FIELDS);
  if (pcols.dropped.length > 0) notes.push(`dropped unknown PROJECTS column(s): ${pcols.dropped.join(", ")}`);
  if (!pcols.keep.includes("votes") && !pcols.keep.includes("score")) pcols.keep.splice(2, 0, "votes");
  rows.push(["PROJECTS"], pcols.keep);
  for (const row of file.projects.rows) {
    const id = cell(row, "project_id") ?? "";
    rows.push(
      pcols.keep.map((c) => {
        if (c === "votes") return String(counts.votes.get(id) ?? 0);
        if (c === "score") return String(counts.score.get(id) ?? 0);
        return format(PROJECT_FIELDS.get(c), row.cells.get(c));
      }),
    );
  }
  const vcols = ordered(file.votes.columns, VOTE_FIELDS);
  if (vcols.dropped.length > 0) notes.push(`dropped unknown VOTES column(s): ${vcols.dropped.join(", ")}`);
  rows.push(["VOTES"], vcols.keep);
  for (const row of file.votes.rows) rows.push(vcols.keep.map((c) => format(VOTE_FIELDS.get(c), row.cells.get(c))));
  return { text: writeCsv(rows), notes };
}

/** Supporters and points per project id, counted from the ballots (ordinal: max_length − rank). */
function tally(file: PbFile, voteType: string | undefined): { votes: Map<string, number>; score: Map<string, number> } {
  const votes = new Map<string, number>();
  const score = new Map<string, number>();
  const maxLength = Number(metaValue(file, "max_length") ?? "0");
  const add = (row: Row) => {
    const vote = splitList(cell(row, "vote"));
    const points = splitList(cell(row, "points"));
    vote.forEach((p, i) => {
      const pts = voteType === "ordinal" ? (maxLength > 0 ? maxLength : vote.length) - i : voteType === "cumulative" || voteType === "scoring" ? Number(points[i] ?? 0) : 1;
      votes.set(p, (votes.get(p) ?? 0) + 1);
      score.set(p, (score.get(p) ?? 0) + pts);
    });
  };
  file.votes.rows.forEach(add);
  return { votes, score };
}
