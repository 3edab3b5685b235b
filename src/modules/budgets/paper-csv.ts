/**
 * The paper ballots of one polling place as a CSV file: one line per ballot, the sheet number first,
 * then the projects marked, one per cell, by the number the sheet gives them (approval and knapsack:
 * any order; ordinal: first choice first; cumulative: `project:points`). A first line whose first cell
 * is "sheet" is a header. Every line is checked (sheet, projects, the ballot's rules, sheets already
 * entered) before anything is written; one wrong line and nothing is entered.
 */
import type { Db } from "../../db/client";
import type { Values } from "../../core/i18n/translator";
import { parseCsv } from "../../core/verifications/csv";
import { entryErrors, takenSheets, type EntryError, type PaperBudget, type PaperEntry } from "./paper-ballots";

export const MAX_LINES = 5_000;

/** A line's error (line 0: the whole file); `error` is an entry error, else `key` is the file's own. */
export type CsvError = { line: number; error: EntryError } | { line: number; key: "budgets.paper.import.error.empty" | "budgets.paper.import.error.tooMany" | "budgets.paper.import.error.duplicate" | "budgets.paper.import.error.points"; values?: Values };

/** The entries of the file for this polling place, or every error found (nothing is written here). */
export async function checkPaperCsv(db: Db, budget: PaperBudget, pollingPlace: string, text: string): Promise<{ ok: true; entries: PaperEntry[] } | { ok: false; errors: CsvError[] }> {
  let rows = parseCsv(text).filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (rows[0] && /^sheet/i.test(rows[0].cells[0]?.trim() ?? "")) rows = rows.slice(1);
  if (rows.length === 0) return { ok: false, errors: [{ line: 0, key: "budgets.paper.import.error.empty" }] };
  if (rows.length > MAX_LINES) return { ok: false, errors: [{ line: 0, key: "budgets.paper.import.error.tooMany", values: { max: MAX_LINES } }] };
  const byRef = new Map(budget.projects.map((p) => [p.ref, p.id]));
  const errors: CsvError[] = [];
  const entries: Array<PaperEntry & { line: number }> = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const [rawSheet = "", ...cells] = row.cells.map((c) => c.trim());
    const marks = cells.filter((c) => c !== "");
    const items: PaperEntry["items"] = [];
    let bad = false;
    for (const [k, mark] of marks.entries()) {
      const [ref = "", rawPoints] = budget.voteType === "cumulative" ? mark.split(/[:=]/, 2).map((s) => s.trim()) : [mark, undefined];
      const points = rawPoints === undefined ? 1 : /^\d{1,6}$/.test(rawPoints) ? Number(rawPoints) : NaN;
      if (Number.isNaN(points)) {
        errors.push({ line: row.line, key: "budgets.paper.import.error.points", values: { value: mark } });
        bad = true;
        continue;
      }
      // An unknown project keeps its number, so entryErrors names it.
      items.push({ projectId: byRef.get(ref) ?? -1, points, rank: budget.voteType === "ordinal" ? k + 1 : null });
      if (!byRef.has(ref)) {
        errors.push({ line: row.line, error: { field: "projects", key: "budgets.paper.error.project", values: { value: ref } } });
        bad = true;
      }
    }
    const entry: PaperEntry = { pollingPlace, sheet: rawSheet, items };
    const first = seen.get(rawSheet);
    if (first !== undefined) errors.push({ line: row.line, key: "budgets.paper.import.error.duplicate", values: { sheet: rawSheet, first } });
    else seen.set(rawSheet, row.line);
    if (!bad) for (const error of entryErrors(budget, entry)) errors.push({ line: row.line, error });
    entries.push({ ...entry, line: row.line });
  }
  const taken = await takenSheets(db, budget.id, [...seen.keys()]);
  for (const e of entries) if (taken.has(e.sheet) && seen.get(e.sheet) === e.line) errors.push({ line: e.line, error: { field: "sheet", key: "budgets.paper.error.sheetTaken", values: { sheet: e.sheet } } });
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  return { ok: true, entries: entries.map(({ line: _line, ...e }) => e) };
}
