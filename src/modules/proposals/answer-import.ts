/**
 * Answers imported from a CSV file (the back office): one line per proposal with its id, the answer
 * state's token, the answer per language (`answer/fr`, `answer/nl`...), and for an accepted one its
 * cost, cost report and execution period. Every line is checked before anything is written (unknown
 * proposal or state, a rejection without a text, a missing cost when the step asks for one...); one
 * wrong line and nothing is imported. Then all the answers are saved in one transaction through
 * answers.ts, as one by one: audited, published or not per the step, authors and followers told.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import { zodToFieldErrors } from "../../core/http/forms";
import type { MessageKey } from "../../core/i18n/catalogues";
import { LOCALES } from "../../core/i18n/locales";
import type { Values } from "../../core/i18n/translator";
import type { Actor } from "../../core/spaces/service";
import { parseCsv } from "../../core/verifications/csv";
import { answerErrors, saveAnswer, type AnswerRules } from "./answers";
import { answerInput, type AnswerInput } from "./inputs";
import { listStates } from "./states";
import type { Place } from "./workflow";

export const MAX_LINES = 2_000;

/** An error of the file (line 0) or of one line (the header is line 1); `column` when it is one cell's. */
export interface ImportError {
  line: number;
  column?: string;
  key: MessageKey;
  values?: Values;
}

const TEXT_COLUMNS = ["answer", "cost_report", "execution_period"] as const;
export const COLUMNS = ["id", "state", "cost", ...TEXT_COLUMNS.flatMap((c) => LOCALES.map((l) => `${c}/${l}`))];
const KNOWN = new Set(COLUMNS);
/** Where each answer field's errors point in the file. */
const FIELD_COLUMN: Record<string, string> = { stateId: "state", answer: "answer", cost: "cost", costReport: "cost_report", executionPeriod: "execution_period" };

interface Line {
  line: number;
  id: number;
  input: AnswerInput;
  state: { id: number; token: string };
}

/** Reads and checks the file against the component's proposals and states: the lines to save, or every error found. */
export async function checkAnswersCsv(db: Db, place: Place, text: string, rules: AnswerRules): Promise<{ ok: true; lines: Line[] } | { ok: false; errors: ImportError[] }> {
  const [header, ...body] = parseCsv(text);
  if (!header) return { ok: false, errors: [{ line: 0, key: "proposals.import.error.empty" }] };
  const columns = header.cells.map((h) => h.toLowerCase());
  const unknown = columns.filter((c) => !KNOWN.has(c));
  if (unknown.length > 0) return { ok: false, errors: [{ line: header.line, key: "proposals.import.error.columns", values: { columns: unknown.join(", "), known: COLUMNS.join(", ") } }] };
  if (!columns.includes("id") || !columns.includes("state")) return { ok: false, errors: [{ line: header.line, key: "proposals.import.error.required" }] };
  if (body.length === 0) return { ok: false, errors: [{ line: 0, key: "proposals.import.error.noLines" }] };
  if (body.length > MAX_LINES) return { ok: false, errors: [{ line: 0, key: "proposals.import.error.tooMany", values: { max: MAX_LINES } }] };

  const cellOf = (cells: string[], name: string) => {
    const at = columns.indexOf(name);
    return at < 0 ? "" : (cells[at] ?? "");
  };
  const ids = body.map((r) => cellOf(r.cells, "id")).filter((v) => /^\d{1,15}$/.test(v)).map(Number);
  const [states, existing] = await Promise.all([
    listStates(db, place.componentId),
    db.execute<{ id: string }>(sql`select id from proposals where component_id = ${place.componentId} and published_at is not null and id = any(${sql.param(ids)}::bigint[])`),
  ]);
  const published = new Set(existing.rows.map((r) => Number(r.id)));
  const known = states.map((s) => s.token).join(", ");
  const errors: ImportError[] = [];
  const lines: Line[] = [];
  const seen = new Map<number, number>();
  for (const row of body) {
    const line = row.line;
    const rawId = cellOf(row.cells, "id");
    const token = cellOf(row.cells, "state");
    const before = errors.length;
    const id = /^\d{1,15}$/.test(rawId) ? Number(rawId) : null;
    if (id === null) errors.push({ line, column: "id", key: "proposals.import.error.id", values: { id: rawId } });
    else if (seen.has(id)) errors.push({ line, column: "id", key: "proposals.import.error.duplicate", values: { id, first: seen.get(id) ?? 0 } });
    else if (!published.has(id)) errors.push({ line, column: "id", key: "proposals.import.error.unknownId", values: { id } });
    if (id !== null && !seen.has(id)) seen.set(id, line);
    const state = states.find((s) => s.token === token);
    if (!state) errors.push({ line, column: "state", key: "proposals.import.error.unknownState", values: { state: token, known } });
    const texts = (prefix: string) => Object.fromEntries(LOCALES.map((l) => [l, cellOf(row.cells, `${prefix}/${l}`)]));
    const parsed = answerInput.safeParse({ stateId: state?.id ?? 0, answer: texts("answer"), cost: cellOf(row.cells, "cost"), costReport: texts("cost_report"), executionPeriod: texts("execution_period") });
    const fieldErrors = parsed.success ? (state ? answerErrors(state, parsed.data, rules) : {}) : zodToFieldErrors(parsed.error);
    for (const [field, e] of Object.entries(fieldErrors)) {
      if (field === "stateId") continue;
      const [name, locale] = field.split(".");
      const base = FIELD_COLUMN[name ?? ""] ?? name ?? "";
      errors.push({ line, column: locale ? `${base}/${locale}` : base, key: e.key, ...(e.values ? { values: e.values } : {}) });
    }
    if (errors.length === before && id !== null && state && parsed.success) lines.push({ line, id, input: parsed.data, state });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, lines };
}

/**
 * Imports the file's answers, all or none: checked first, then saved in one transaction (a proposal
 * gone in between undoes them all). Returns how many were saved and whether they are public.
 */
export async function importAnswers(db: Db, actor: Actor, place: Place, text: string, rules: AnswerRules): Promise<{ ok: true; count: number; published: boolean } | { ok: false; errors: ImportError[] }> {
  const checked = await checkAnswersCsv(db, place, text, rules);
  if (!checked.ok) return checked;
  const gone = new Error("proposal gone");
  try {
    await db.transaction(async (tx) => {
      for (const l of checked.lines) if (!(await saveAnswer(tx, actor, place, l.id, l.state, l.input, rules))) throw Object.assign(gone, { line: l.line, id: l.id });
      await audit(tx, { actorId: actor.id, action: "proposal.import_answers", resourceType: "component", resourceId: place.componentId, spaceId: place.spaceId, after: { proposals: checked.lines.map((l) => l.id), published: rules.publishNow }, ip: actor.ip });
    });
  } catch (e) {
    if (e !== gone) throw e;
    const { line, id } = gone as Error & { line: number; id: number };
    return { ok: false, errors: [{ line, column: "id", key: "proposals.import.error.unknownId", values: { id } }] };
  }
  return { ok: true, count: checked.lines.length, published: rules.publishNow };
}

/** The file's text, if it is UTF-8 (a BOM is fine). */
export function decodeCsv(file: Buffer): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(file);
  } catch {
    return null;
  }
}
