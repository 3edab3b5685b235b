/**
 * `pnyx budgets import|export`: pabulib files in and out of the platform, on the database of
 * `pnyx start` (the embedded PostgreSQL is started for the run, or joined when a running Pnyx holds it).
 */
import { readFile, writeFile } from "node:fs/promises";
import { withMigratedDatabase } from "../../commands/boot";
import { fail, logLine, parseFlags, printJson, runSubcommand, UsageError } from "../../commands/cli-io";
import { validatePb } from "../../engines/budgeting/pb-validate";
import { computeOutcome } from "./outcome-compute";
import { budgetPbText } from "./pabulib-file";
import { importPabulib } from "./pabulib-import";
import { loadBudgetExport } from "./pabulib-queries";
import { OUTCOME_RULES, type OutcomeRule } from "./schema";

const USAGE = `Usage:
  pnyx budgets import <file.pb> --space <slug> [--json]
  pnyx budgets export <budgetId> --rule <${OUTCOME_RULES.join("|")}> [--threshold <votes>] --out <file.pb> [--json]

import: loads a pabulib election into a new budgets component of the space (published): one budget, its
  projects, every vote as a checked-out ballot (the voter's id kept as an external reference), the whole
  META. A file pabulib's rules reject is refused with its line and rule; nothing is written.
  --json prints {"componentId":..,"budgetId":..,"projects":..,"ballots":..}.
export: writes the budget as a pabulib file, its \`selected\` column computed with the rule
  (greedy-threshold: --threshold, else the file's min_project_score_threshold).`;

async function importFile(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { space: { type: "string" }, json: { type: "boolean" } }, { positionals: 1 });
  const path = positionals[0];
  if (!path) throw new UsageError("a <file.pb> is required");
  if (!values.space) throw new UsageError("--space <slug> is required");
  const json = values.json === true;
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const space = values.space;
  return withMigratedDatabase("budgets import", json, async (db) => {
    const started = performance.now();
    const r = await importPabulib(db, text, space);
    if (!r.ok && r.reason === "space") return fail("budgets import", new Error(`no space has the slug "${space}"; nothing imported`), json);
    if (!r.ok) {
      for (const p of r.problems) logLine(`${path}:${p.line}: ${p.message}`);
      const first = r.problems[0];
      return fail("budgets import", new Error(`${path}:${first?.line ?? 0}: ${first?.message ?? "invalid"} (${r.problems.length} problem(s); nothing imported)`), json);
    }
    logLine(`budgets import: ${r.projects} projects and ${r.ballots} ballots in ${Math.round(performance.now() - started)} ms`);
    const out = { componentId: r.componentId, budgetId: r.budgetId, projects: r.projects, ballots: r.ballots };
    if (json) printJson(out);
    else console.log(JSON.stringify(out));
    return 0;
  });
}

const isRule = (s: string): s is OutcomeRule => (OUTCOME_RULES as readonly string[]).includes(s);

async function exportFile(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { rule: { type: "string" }, out: { type: "string" }, threshold: { type: "string" }, json: { type: "boolean" } }, { positionals: 1 });
  const id = positionals[0] ?? "";
  if (!/^\d{1,15}$/.test(id)) throw new UsageError("a <budgetId> (a number) is required");
  const rule = values.rule ?? "";
  if (!isRule(rule)) throw new UsageError(`--rule must be one of ${OUTCOME_RULES.join(", ")}`);
  const out = values.out;
  if (!out) throw new UsageError("--out <file.pb> is required");
  let threshold: number | undefined;
  if (values.threshold !== undefined) {
    threshold = Number(values.threshold);
    if (values.threshold.trim() === "" || !Number.isFinite(threshold)) throw new UsageError(`--threshold "${values.threshold}" is not a number`);
  }
  const json = values.json === true;
  return withMigratedDatabase("budgets export", json, async (db) => {
    const data = await loadBudgetExport(db, Number(id));
    if (!data) return fail("budgets export", new Error(`no budget has the id ${id}`), json);
    const fileRule = { rule, ...(threshold === undefined ? {} : { threshold }) };
    // The threshold kept from an imported file applies when none is given.
    if (rule === "greedy-threshold" && threshold === undefined && data.meta.min_project_score_threshold !== undefined) fileRule.threshold = Number(data.meta.min_project_score_threshold);
    let selected: string[];
    try {
      selected = computeOutcome(data, fileRule).result.selected;
    } catch (error) {
      return fail("budgets export", error, json);
    }
    const { text, notes } = budgetPbText(data, fileRule, new Set(selected));
    for (const n of notes) logLine(`budgets export: ${n}`);
    const problems = validatePb(text);
    for (const p of problems) logLine(`${out}:${p.line}: ${p.message}`);
    await writeFile(out, text, "utf8");
    if (json) printJson({ ok: problems.length === 0, out, rule, selected, problems });
    return problems.length === 0 ? 0 : 1;
  });
}

export async function run(argv: string[]): Promise<number> {
  return runSubcommand("budgets", USAGE, argv, { import: importFile, export: exportFile });
}
