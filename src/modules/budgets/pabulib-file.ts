/**
 * A budget as a pabulib file (pure: no database; the worker thread uses it too). The platform's figures
 * replace the file's where they are the platform's (counts, budget, vote type, ballot rules, rule), every
 * other META key kept by the import is written back, and pabulib's field order and formats come from the
 * engine's writer (src/engines/budgeting/pb-write.ts).
 *
 * Vote types: pabulib has no knapsack: a knapsack ballot is an approval ballot whose cost fits, written
 * as `approval` with `max_sum_cost` (the total) and `min_sum_cost` (Decidim's minimum %). An imported
 * `choose-1` or `scoring` file stays so when the budget's kind still matches.
 */
import { type MetaEntry, type PbFile, type Row } from "../../engines/budgeting/pb-model";
import { writePb } from "../../engines/budgeting/pb-write";
import type { BallotRules, OutcomeRule, VoteType } from "./schema";

/** What a budget's pabulib file is made of, as loaded from the database (see pabulib-queries.ts). */
export interface BudgetExport {
  budgetId: number;
  /** The budget's title in the organization's default language (META description when none was imported). */
  title: string;
  /** The space's title (META unit when none was imported). */
  unit: string;
  /** The year the budget was created (META instance and dates when none were imported). */
  year: number;
  total: number;
  currency: string;
  voteType: VoteType;
  rules: BallotRules;
  meta: Record<string, string>;
  projects: ExportProject[];
  ballots: ExportBallot[];
}

export interface ExportProject {
  /** The database id. */
  id: number;
  externalId: string | null;
  name: string;
  cost: number;
  /** pabulib's other PROJECTS columns (category, description, latitude...). */
  extra: Record<string, string>;
}

export interface ExportBallot {
  /** The voter's id in the file: an imported vote's own, else the channel and the ballot's id. */
  voterId: string;
  /** Database project ids, in rank order for ordinal ballots. */
  projects: number[];
  /** Points per entry of `projects`. */
  points: number[];
  /** pabulib's other VOTES columns of an imported vote (age, sex, voting_method...). */
  extra: Record<string, string> | null;
}

/** The pabulib name of each outcome rule (pb-rules.md). */
export const PABULIB_RULE: Record<OutcomeRule, string> = { greedy: "greedy", "greedy-threshold": "greedy-threshold", "mes-add1": "equalshares/add1" };

/** The rule the file declares and its options. */
export interface FileRule {
  rule: OutcomeRule;
  /** greedy-threshold: the threshold in votes (written as min_project_score_threshold). */
  threshold?: number;
}

/** Keys the platform derives from the budget's ballot rules: an imported value is replaced by them. */
const RULE_KEYS = ["min_length", "max_length", "min_sum_cost", "max_sum_cost", "max_points", "max_sum_points", "min_project_score_threshold"];

function pabulibVoteType(data: BudgetExport): string {
  const kept = data.meta.vote_type;
  if (data.voteType === "approval" && kept === "choose-1" && data.rules.maxProjects === 1) return "choose-1";
  if (data.voteType === "cumulative" && kept === "scoring") return "scoring";
  return data.voteType === "knapsack" ? "approval" : data.voteType;
}

/** A money amount as pabulib writes it (decimal point, no trailing zeros). */
const money = (n: number): string => String(Math.round(n * 100) / 100);

function metaOf(data: BudgetExport, rule: FileRule, projects: readonly ExportProject[], votes: number): MetaEntry[] {
  const m = new Map<string, string>(Object.entries(data.meta));
  for (const k of RULE_KEYS) m.delete(k);
  const put = (k: string, v: string | undefined) => {
    if (v !== undefined) m.set(k, v);
  };
  put("description", data.meta.description ?? (data.title || "Budget"));
  put("country", data.meta.country ?? "Worldwide");
  put("unit", data.meta.unit ?? (data.unit || "Pnyx"));
  put("instance", data.meta.instance ?? String(data.year));
  m.set("num_projects", String(projects.length));
  m.set("num_votes", String(votes));
  m.set("budget", money(data.total));
  m.set("vote_type", pabulibVoteType(data));
  m.set("rule", PABULIB_RULE[rule.rule]);
  put("date_begin", data.meta.date_begin ?? String(data.year));
  put("date_end", data.meta.date_end ?? String(data.year));
  const r = data.rules;
  const n = (v: number | undefined) => (v === undefined ? undefined : String(v));
  if (data.voteType === "ordinal") {
    put("min_length", n(r.minProjects));
    put("max_length", n(r.maxLength ?? r.maxProjects));
  } else {
    put("min_length", n(r.minProjects));
    put("max_length", n(r.maxProjects));
  }
  if (data.voteType === "knapsack") {
    if (r.minPercent !== undefined && r.minPercent > 0) m.set("min_sum_cost", money((data.total * r.minPercent) / 100));
    m.set("max_sum_cost", data.meta.max_sum_cost ?? money(data.total));
  }
  if (data.voteType === "cumulative") {
    put("max_points", n(r.maxPointsPerProject));
    put("max_sum_points", n(r.maxPoints));
  }
  if (rule.rule === "greedy-threshold" && rule.threshold !== undefined) m.set("min_project_score_threshold", String(rule.threshold));
  m.set("currency", data.currency);
  // pabulib's checker: a budget above the cost of every project needs fully_funded.
  const all = projects.reduce((s, p) => s + p.cost, 0);
  if (data.total >= all) m.set("fully_funded", "1");
  else m.delete("fully_funded");
  return [...m].map(([key, value]) => ({ key, value, line: 0 }));
}

/** The project id each project gets in the file: its pabulib id when it has one, unique in the file. */
export function fileIds(projects: readonly ExportProject[]): Map<number, string> {
  const taken = new Set(projects.flatMap((p) => (p.externalId === null ? [] : [p.externalId])));
  const out = new Map<number, string>();
  for (const p of projects) {
    let id = p.externalId ?? String(p.id);
    if (p.externalId === null && taken.has(id)) id = `p${p.id}`;
    taken.add(id);
    out.set(p.id, id);
  }
  return out;
}

/** The ids of the projects somebody voted for (the others are left out of the file). */
function votedIds(data: BudgetExport): Set<number> {
  const voted = new Set<number>();
  for (const b of data.ballots) for (const p of b.projects) voted.add(p);
  return voted;
}

/** The projects nobody voted for, as `budgetPbFile` leaves them out (without building the file). */
export function unvotedProjects(data: BudgetExport): ExportProject[] {
  const voted = votedIds(data);
  return data.projects.filter((p) => !voted.has(p.id));
}

/**
 * The budget as a pabulib PbFile, declaring `rule`; with `selected` (file ids), a `selected` column.
 * Projects nobody voted for are left out (pabulib's checker rejects them; no rule funds them); they are
 * returned in `unvoted`.
 */
export function budgetPbFile(data: BudgetExport, rule: FileRule, selected?: ReadonlySet<string>): { file: PbFile; ids: Map<number, string>; unvoted: ExportProject[] } {
  const ids = fileIds(data.projects);
  const voted = votedIds(data);
  const projects = data.projects.filter((p) => voted.has(p.id));
  const unvoted = data.projects.filter((p) => !voted.has(p.id));
  const extraColumns = [...new Set(projects.flatMap((p) => Object.keys(p.extra)))].filter((c) => !["project_id", "cost", "votes", "score", "name", "selected"].includes(c));
  const pcols = ["project_id", "cost", "name", ...extraColumns, ...(selected ? ["selected"] : [])];
  const projectRows: Row[] = projects.map((p) => {
    const id = ids.get(p.id) ?? String(p.id);
    const cells = new Map<string, string | null>([
      ["project_id", id],
      ["cost", money(p.cost)],
      ["name", p.name.replace(/[\r\n]+/g, " ").trim()],
    ]);
    for (const c of extraColumns) cells.set(c, p.extra[c] ?? null);
    if (selected) cells.set("selected", selected.has(id) ? "1" : "0");
    return { line: 0, cells };
  });
  const usesPoints = data.voteType === "cumulative";
  const voteExtra = [...new Set(data.ballots.flatMap((b) => Object.keys(b.extra ?? {})))].filter((c) => !["voter_id", "vote", "points"].includes(c));
  const vcols = ["voter_id", "vote", ...(usesPoints ? ["points"] : []), ...voteExtra];
  const voteRows: Row[] = data.ballots.map((b) => {
    const cells = new Map<string, string | null>([
      ["voter_id", b.voterId],
      ["vote", b.projects.map((p) => ids.get(p) ?? String(p)).join(",")],
    ]);
    if (usesPoints) cells.set("points", b.points.join(","));
    for (const c of voteExtra) cells.set(c, b.extra?.[c] ?? null);
    return { line: 0, cells };
  });
  const file: PbFile = {
    meta: metaOf(data, rule, projects, voteRows.length),
    metaTitleLine: 0,
    projects: { titleLine: 0, headerLine: 0, columns: pcols, rows: projectRows },
    votes: { titleLine: 0, headerLine: 0, columns: vcols, rows: voteRows },
    blankLines: [],
  };
  return { file, ids, unvoted };
}

/** The budget's pabulib text (pabulib's order and formats), and the writer's notes (dropped fields). */
export function budgetPbText(data: BudgetExport, rule: FileRule, selected?: ReadonlySet<string>): { text: string; notes: string[]; ids: Map<number, string>; unvoted: ExportProject[] } {
  const { file, ids, unvoted } = budgetPbFile(data, rule, selected);
  const { text, notes } = writePb(file);
  if (unvoted.length > 0) notes.push(`left out ${unvoted.length} project(s) nobody voted for (pabulib rejects them): ${unvoted.map((p) => ids.get(p.id)).join(", ")}`);
  return { text, notes, ids, unvoted };
}
