import { buildElection } from "./election";
import { META_FIELDS, PROJECT_FIELDS, typeProblem, VOTE_FIELDS, type FieldSpec } from "./pb-fields";
import { cell, metaValue, splitList, type PbFile, type Problem } from "./pb-model";
import { PbParseError, readPb } from "./pb-read";
import { checkSelected } from "./pb-validate-selected";

interface Named {
  name: string;
  line: number;
}

/** Missing obligatory, unknown and misordered fields of one part of the file. */
function checkFieldNames(part: string, fields: Named[], specs: ReadonlyMap<string, FieldSpec>, anchor: number): Problem[] {
  const out: Problem[] = [];
  const names = fields.map((f) => f.name);
  const missing = [...specs].filter(([k, s]) => s.obligatory && !names.includes(k)).map(([k]) => k);
  if (missing.length > 0) out.push({ line: anchor, message: `${part}: missing obligatory field(s): ${missing.join(", ")}` });
  const order = [...specs.keys()];
  let last = -1;
  for (const f of fields) {
    const pos = order.indexOf(f.name);
    if (pos < 0) out.push({ line: f.line, message: `${part}: unknown field "${f.name}"` });
    else if (pos < last) out.push({ line: f.line, message: `${part}: field "${f.name}" is out of order (expected order: ${order.filter((o) => names.includes(o)).join(", ")})` });
    else last = pos;
  }
  return out;
}

function checkValue(part: string, name: string, value: string | null | undefined, line: number, specs: ReadonlyMap<string, FieldSpec>): Problem[] {
  const spec = specs.get(name);
  if (spec === undefined || value === undefined) return [];
  if (value === null || value === "") {
    return spec.nullable || !spec.obligatory ? [] : [{ line, message: `${part}: ${name} is empty` }];
  }
  const msg = typeProblem(spec, value) ?? spec.check?.(value) ?? null;
  return msg === null ? [] : [{ line, message: `${part}: ${name}: ${msg}` }];
}

function checkMeta(file: PbFile): Problem[] {
  const out = checkFieldNames("META", file.meta.map((m) => ({ name: m.key, line: m.line })), META_FIELDS, file.metaTitleLine);
  for (const m of file.meta) out.push(...checkValue("META", m.key, m.value === "None" ? null : m.value, m.line, META_FIELDS));
  const count = (key: string, real: number) => {
    const e = file.meta.find((m) => m.key === key);
    if (e && /^\d+$/.test(e.value) && Number(e.value) !== real) out.push({ line: e.line, message: `META: ${key} is ${e.value} but the file has ${real}` });
  };
  count("num_projects", file.projects.rows.length);
  count("num_votes", file.votes.rows.length);
  return out;
}

function checkProjects(file: PbFile): Problem[] {
  const sec = file.projects;
  const out = checkFieldNames("PROJECTS", sec.columns.map((c) => ({ name: c, line: sec.headerLine })), PROJECT_FIELDS, sec.headerLine);
  const budget = Number((metaValue(file, "budget") ?? "").replace(",", "."));
  const seen = new Set<string>();
  for (const row of sec.rows) {
    for (const c of sec.columns) out.push(...checkValue("PROJECTS", c, row.cells.get(c), row.line, PROJECT_FIELDS));
    const id = cell(row, "project_id") ?? "";
    if (seen.has(id)) out.push({ line: row.line, message: `PROJECTS: duplicate project_id "${id}"` });
    seen.add(id);
    const cost = Number((cell(row, "cost") ?? "").replace(",", "."));
    if (cost === 0) out.push({ line: row.line, message: `PROJECTS: project "${id}" has no cost` });
    else if (Number.isFinite(budget) && cost > budget) out.push({ line: row.line, message: `PROJECTS: project "${id}" costs ${cost}, more than the whole budget ${budget}` });
  }
  if (!sec.columns.includes("votes") && !sec.columns.includes("score")) {
    out.push({ line: sec.headerLine, message: "PROJECTS: needs a votes or a score column" });
  }
  return out;
}

function checkVotes(file: PbFile): Problem[] {
  const sec = file.votes;
  const out = checkFieldNames("VOTES", sec.columns.map((c) => ({ name: c, line: sec.headerLine })), VOTE_FIELDS, sec.headerLine);
  const projectIds = new Set(file.projects.rows.map((r) => cell(r, "project_id") ?? ""));
  const voteType = metaValue(file, "vote_type");
  const usesPoints = voteType === "cumulative" || voteType === "scoring";
  const num = (k: string): number | undefined => {
    const v = metaValue(file, k);
    return v === undefined || !/^\d+$/.test(v) ? undefined : Number(v);
  };
  const [minLen, maxLen, minPts, maxPts, minSum, maxSum] = ["min_length", "max_length", "min_points", "max_points", "min_sum_points", "max_sum_points"].map(num);
  const voters = new Set<string>();
  const votes = new Map<string, number>();
  const scores = new Map<string, number>();
  for (const row of sec.rows) {
    const at = (message: string) => out.push({ line: row.line, message: `VOTES: ${message}` });
    for (const c of sec.columns) if (c !== "vote" && c !== "points") out.push(...checkValue("VOTES", c, row.cells.get(c), row.line, VOTE_FIELDS));
    const voter = cell(row, "voter_id") ?? "";
    if (voters.has(voter)) at(`duplicate voter_id "${voter}"`);
    voters.add(voter);
    const rawVote = cell(row, "vote") ?? "";
    if (/,\s|\s,/.test(rawVote)) at(`voter "${voter}": spaces in the vote list`);
    const vote = splitList(rawVote);
    const points = splitList(cell(row, "points"));
    if (new Set(vote).size !== vote.length) at(`voter "${voter}": a project appears twice in the vote`);
    for (const p of vote) if (!projectIds.has(p)) at(`voter "${voter}": vote names unknown project "${p}"`);
    if (maxLen !== undefined && vote.length > maxLen) at(`voter "${voter}": ${vote.length} projects, more than max_length ${maxLen}`);
    if (minLen !== undefined && vote.length < minLen) at(`voter "${voter}": ${vote.length} projects, fewer than min_length ${minLen}`);
    if (usesPoints) {
      if (points.length !== vote.length) at(`voter "${voter}": ${points.length} points for ${vote.length} projects`);
      if (points.some((p) => !/^\d+$/.test(p))) at(`voter "${voter}": points must be non-negative integers`);
      const pts = points.map(Number);
      const sum = pts.reduce((a, b) => a + b, 0);
      if (maxPts !== undefined && pts.some((p) => p > maxPts)) at(`voter "${voter}": a project gets more than max_points ${maxPts}`);
      if (minPts !== undefined && pts.some((p) => p < minPts)) at(`voter "${voter}": a project gets fewer than min_points ${minPts}`);
      if (maxSum !== undefined && sum > maxSum) at(`voter "${voter}": ${sum} points in all, more than max_sum_points ${maxSum}`);
      if (minSum !== undefined && sum < minSum) at(`voter "${voter}": ${sum} points in all, fewer than min_sum_points ${minSum}`);
    }
    vote.forEach((p, i) => {
      votes.set(p, (votes.get(p) ?? 0) + 1);
      const s = voteType === "ordinal" ? (maxLen ?? vote.length) - i : usesPoints ? Number(points[i] ?? 0) : 1;
      scores.set(p, (scores.get(p) ?? 0) + s);
    });
  }
  for (const row of file.projects.rows) {
    const id = cell(row, "project_id") ?? "";
    const v = cell(row, "votes");
    const counted = votes.get(id) ?? 0;
    if (counted === 0) out.push({ line: row.line, message: `PROJECTS: project "${id}" has no votes` });
    if (v !== undefined && Number(v) !== counted) out.push({ line: row.line, message: `PROJECTS: project "${id}" has votes ${v} but the ballots give ${counted}` });
    const s = cell(row, "score");
    if (s !== undefined && Number(s) !== (scores.get(id) ?? 0)) out.push({ line: row.line, message: `PROJECTS: project "${id}" has score ${s} but the ballots give ${scores.get(id) ?? 0}` });
  }
  return out;
}

/**
 * Every problem of a .pb file, each with its line (0 for the file as a whole), as pabulib's checker
 * would report them; the empty list means valid.
 */
export function validatePb(text: string): Problem[] {
  let parsed: ReturnType<typeof readPb>;
  try {
    parsed = readPb(text);
  } catch (err) {
    if (err instanceof PbParseError) return err.problems;
    throw err;
  }
  const { file, problems } = parsed;
  const out = [...problems];
  for (const line of file.blankLines) out.push({ line, message: "empty line" });
  out.push(...checkMeta(file), ...checkProjects(file), ...checkVotes(file));
  const { election } = buildElection(file);
  out.push(...checkSelected(file, election));
  return out.sort((a, b) => a.line - b.line);
}
