import { readCsv, type CsvRecord } from "./pb-csv";
import type { PbFile, Problem, Row, Section } from "./pb-model";

export class PbParseError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `line ${p.line}: ${p.message}`).join("\n"));
    this.name = "PbParseError";
  }
}

type SectionName = "META" | "PROJECTS" | "VOTES";

function sectionTitle(rec: CsvRecord): SectionName | null {
  if (rec.cells.length !== 1) return null;
  const t = (rec.cells[0] ?? "").trim().toUpperCase();
  return t === "META" || t === "PROJECTS" || t === "VOTES" ? t : null;
}

function emptySection(): Section {
  return { titleLine: 0, headerLine: 0, columns: [], rows: [] };
}

/**
 * Reads a .pb file leniently: every structural problem (missing section, bad header, column-count
 * mismatch) is collected with its line instead of stopping at the first, so `validate` can list them all.
 * Throws PbParseError only when a section is missing, since nothing can be computed then.
 */
export function readPb(text: string): { file: PbFile; problems: Problem[] } {
  const problems: Problem[] = [];
  const file: PbFile = { meta: [], metaTitleLine: 0, projects: emptySection(), votes: emptySection(), blankLines: [] };
  const seen: SectionName[] = [];
  let current: SectionName | null = null;
  let needHeader = false;
  for (const rec of readCsv(text)) {
    if (rec.cells.length === 0 || (rec.cells.length === 1 && (rec.cells[0] ?? "").trim() === "")) {
      file.blankLines.push(rec.line);
      continue;
    }
    const title = sectionTitle(rec);
    if (title !== null) {
      if (seen.includes(title)) problems.push({ line: rec.line, message: `section ${title} appears twice` });
      seen.push(title);
      current = title;
      needHeader = true;
      if (title === "META") file.metaTitleLine = rec.line;
      else (title === "PROJECTS" ? file.projects : file.votes).titleLine = rec.line;
      continue;
    }
    if (current === null) {
      problems.push({ line: rec.line, message: "content before the first section title (META, PROJECTS or VOTES)" });
      continue;
    }
    if (needHeader) {
      needHeader = false;
      const header = rec.cells.map((c) => c.trim());
      if (current === "META") {
        if (header.join(";") !== "key;value") problems.push({ line: rec.line, message: `META header must be "key;value", found "${header.join(";")}"` });
      } else {
        const sec = current === "PROJECTS" ? file.projects : file.votes;
        sec.headerLine = rec.line;
        sec.columns = header;
        const dup = header.filter((h, i) => header.indexOf(h) !== i);
        if (dup.length > 0) problems.push({ line: rec.line, message: `duplicate column(s): ${dup.join(", ")}` });
      }
      continue;
    }
    if (current === "META") {
      if (rec.cells.length !== 2) problems.push({ line: rec.line, message: `META line must have 2 cells (key;value), found ${rec.cells.length}` });
      const key = (rec.cells[0] ?? "").trim();
      if (file.meta.some((m) => m.key === key)) problems.push({ line: rec.line, message: `META key "${key}" appears twice` });
      file.meta.push({ key, value: (rec.cells[1] ?? "").trim(), line: rec.line });
      continue;
    }
    const sec = current === "PROJECTS" ? file.projects : file.votes;
    if (rec.cells.length !== sec.columns.length) {
      problems.push({ line: rec.line, message: `${current} row has ${rec.cells.length} cells but the header has ${sec.columns.length} columns` });
    }
    const cells = new Map<string, string | null>();
    sec.columns.forEach((c, i) => {
      const v = (rec.cells[i] ?? "").trim();
      cells.set(c, v === "None" ? null : v);
    });
    const row: Row = { line: rec.line, cells };
    sec.rows.push(row);
  }
  const expected: SectionName[] = ["META", "PROJECTS", "VOTES"];
  const missing = expected.filter((s) => !seen.includes(s));
  for (const s of missing) problems.push({ line: 0, message: `missing section ${s}` });
  if (missing.length === 0 && seen.slice(0, 3).join() !== expected.join()) {
    problems.push({ line: 0, message: `sections must come in the order META, PROJECTS, VOTES (found ${seen.join(", ")})` });
  }
  if (!file.projects.columns.includes("project_id") || !file.projects.columns.includes("cost")) {
    problems.push({ line: file.projects.headerLine, message: "PROJECTS must have the columns project_id and cost" });
  }
  if (!file.votes.columns.includes("voter_id") || !file.votes.columns.includes("vote")) {
    problems.push({ line: file.votes.headerLine, message: "VOTES must have the columns voter_id and vote" });
  }
  if (missing.length > 0) throw new PbParseError(problems);
  return { file, problems };
}
