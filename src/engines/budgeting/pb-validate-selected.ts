import type { Election } from "./election";
import { cell, metaValue, type PbFile, type Problem } from "./pb-model";
import { computeRule, type RuleName } from "./rules";

/** pabulib rule names whose outcome Pnyx can recompute on approval ballots, and the Pnyx rule for each. */
const RECOMPUTABLE: Record<string, RuleName> = {
  greedy: "greedy",
  equalshares: "mes",
  "equalshares/add1": "mes-add1",
};

/**
 * Budget and `selected` consistency: the selected projects fit the budget, the budget does not exceed
 * the cost of everything (unless fully_funded), and where the declared rule can be recomputed on
 * approval ballots, the selected set is that rule's outcome. A greedy outcome also leaves no project
 * that would still fit; MES outcomes legitimately may, so that check is limited to greedy.
 */
export function checkSelected(file: PbFile, e: Election): Problem[] {
  const out: Problem[] = [];
  const budgetLine = file.meta.find((m) => m.key === "budget")?.line ?? 0;
  const total = e.projects.reduce((s, p) => s + p.cost, 0n);
  if (metaValue(file, "fully_funded") !== "1" && e.budget > total) {
    out.push({ line: budgetLine, message: "budget exceeds the cost of all projects (set fully_funded;1 if every project was funded)" });
  }
  if (!file.projects.columns.includes("selected")) return out;
  const rows = file.projects.rows;
  const chosen = new Set(rows.filter((r) => cell(r, "selected") === "1").map((r) => cell(r, "project_id") ?? ""));
  const spent = e.projects.reduce((s, p) => s + (chosen.has(p.id) ? p.cost : 0n), 0n);
  if (spent > e.budget) out.push({ line: budgetLine, message: `selected projects cost more than the budget` });
  const declared = metaValue(file, "rule") ?? "";
  const rule = RECOMPUTABLE[declared];
  if (rule === undefined || e.hasPoints) return out;
  const result = computeRule(e, rule);
  const expected = new Set(result.selected.map((j) => e.projects[j]?.id ?? ""));
  for (const r of rows) {
    const id = cell(r, "project_id") ?? "";
    if (expected.has(id) && !chosen.has(id)) out.push({ line: r.line, message: `PROJECTS: rule ${declared} selects project "${id}" but the file does not` });
    if (!expected.has(id) && chosen.has(id)) out.push({ line: r.line, message: `PROJECTS: the file selects project "${id}" but rule ${declared} does not` });
  }
  if (declared === "greedy") {
    const left = e.budget - spent;
    for (const r of rows) {
      const id = cell(r, "project_id") ?? "";
      const p = e.projects.find((q) => q.id === id);
      if (p && !chosen.has(id) && p.votes > 0 && p.cost <= left) out.push({ line: r.line, message: `PROJECTS: project "${id}" still fits the unused budget but is not selected` });
    }
  }
  return out;
}
