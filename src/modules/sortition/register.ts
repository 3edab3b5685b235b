/**
 * A recruitment's register: the uploaded CSV (comma or semicolon separated, as spreadsheets export it),
 * read with the core's CSV reader, checked (an unterminated quote, a row with the wrong number of
 * cells, a mapped column that does not exist: every problem said, nothing stored), then stored one
 * sealed row per person (the whole CSV row, AES-GCM: sealed.ts), in bulk. The register's columns and
 * which of them make a letter's name, address and language are kept in clear on the recruitment; no
 * cell ever is. Or only a count: a register of N people without data (codes only, letters unnamed).
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import type { Actor } from "../../core/spaces/service";
import { parseCsv } from "../../core/verifications/csv";
import { sortitionRecruitments, sortitionRegisterRows, type RegisterMapping } from "./schema";
import { seal, unseal, type SortitionKeys } from "./sealed";
import { forgetAfter } from "./recruitment-cache";
import { settleBulkWrites } from "./table-upkeep";

/** The largest register (people). */
export const REGISTER_MAX = 2_000_000;
const INSERT_BATCH = 5_000;

export type RegisterProblem =
  | { kind: "empty" }
  | { kind: "quote" }
  | { kind: "width"; lines: number[]; expected: number }
  | { kind: "column"; column: string }
  | { kind: "duplicateHeader"; column: string }
  | { kind: "tooMany"; max: number };

export interface ParsedRegister {
  columns: string[];
  rows: string[][];
  mapping: RegisterMapping;
}

/** What the admin typed for the mapping: column names separated by commas; blank means "guess". */
export interface MappingInput {
  name: string;
  address: string;
  language: string;
}

const norm = (s: string) => s.trim().toLowerCase();
const GUESS = {
  name: [["name"], ["full_name"], ["fullname"], ["nom"], ["naam"], ["first_name", "last_name"], ["firstname", "lastname"], ["prenom", "nom"], ["voornaam", "achternaam"], ["vorname", "nachname"]],
  address: [["address"], ["adresse"], ["adres"], ["street", "postcode", "city"], ["street", "zip", "city"], ["rue", "code_postal", "commune"], ["straat", "postcode", "gemeente"], ["strasse", "plz", "ort"]],
  language: ["language", "lang", "locale", "langue", "taal", "sprache"],
};

function pick(columns: string[], typed: string, guesses: string[][]): string[] | RegisterProblem {
  const lower = columns.map(norm);
  if (typed.trim() !== "") {
    const wanted = typed.split(",").map((s) => s.trim()).filter(Boolean);
    for (const w of wanted) if (!lower.includes(norm(w))) return { kind: "column", column: w };
    return wanted.map((w) => columns[lower.indexOf(norm(w))] ?? w);
  }
  for (const g of guesses) if (g.every((c) => lower.includes(c))) return g.map((c) => columns[lower.indexOf(c)] ?? c);
  return [];
}

/** Reads and checks a register; every row keeps the header's width. */
export function parseRegister(text: string, mappingInput: MappingInput): { ok: true; register: ParsedRegister } | { ok: false; problem: RegisterProblem } {
  // Quotes come in pairs in a well-formed file (an escaped quote is two): an odd count is an unterminated field.
  let quotes = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) quotes++;
  if (quotes % 2 === 1) return { ok: false, problem: { kind: "quote" } };
  const parsed = parseCsv(text);
  const [header, ...body] = parsed;
  if (!header || body.length === 0) return { ok: false, problem: { kind: "empty" } };
  if (body.length > REGISTER_MAX) return { ok: false, problem: { kind: "tooMany", max: REGISTER_MAX } };
  const columns = header.cells;
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(norm(c))) return { ok: false, problem: { kind: "duplicateHeader", column: c } };
    seen.add(norm(c));
  }
  const bad = body.filter((r) => r.cells.length !== columns.length).map((r) => r.line);
  if (bad.length > 0) return { ok: false, problem: { kind: "width", lines: bad.slice(0, 10), expected: columns.length } };
  const name = pick(columns, mappingInput.name, GUESS.name);
  if (!Array.isArray(name)) return { ok: false, problem: name };
  const address = pick(columns, mappingInput.address, GUESS.address);
  if (!Array.isArray(address)) return { ok: false, problem: address };
  const language = pick(
    columns,
    mappingInput.language,
    GUESS.language.map((l) => [l]),
  );
  if (!Array.isArray(language)) return { ok: false, problem: language };
  if (language.length > 1) return { ok: false, problem: { kind: "column", column: mappingInput.language } };
  return { ok: true, register: { columns, rows: body.map((r) => r.cells), mapping: { name, address, language: language[0] ?? null } } };
}

export type StoreOutcome = { ok: true; size: number } | { ok: false; reason: "missing" | "invited" };

/** Replaces the recruitment's register (before any invitation): rows sealed, inserted in bulk, audited. */
export async function storeRegister(db: Db, keys: SortitionKeys, actor: Actor, spaceId: number, recruitmentId: number, register: ParsedRegister | { count: number }): Promise<StoreOutcome> {
  const outcome = await writeRegister(db, keys, actor, spaceId, recruitmentId, register);
  // The rows' vacuum and statistics now, not by autovacuum while the registrations arrive (ADR 0045).
  if (outcome.ok && !("count" in register)) await settleBulkWrites(db, ["register"]);
  return outcome;
}

function writeRegister(db: Db, keys: SortitionKeys, actor: Actor, spaceId: number, recruitmentId: number, register: ParsedRegister | { count: number }): Promise<StoreOutcome> {
  return forgetAfter(recruitmentId, db.transaction(async (tx) => {
    const [r] = await tx.select({ invitedAt: sortitionRecruitments.invitedAt }).from(sortitionRecruitments).where(eq(sortitionRecruitments.id, recruitmentId)).for("update");
    if (!r) return { ok: false, reason: "missing" } as const;
    if (r.invitedAt) return { ok: false, reason: "invited" } as const;
    await tx.delete(sortitionRegisterRows).where(eq(sortitionRegisterRows.recruitmentId, recruitmentId));
    const isCount = "count" in register;
    const size = isCount ? register.count : register.rows.length;
    if (!isCount) {
      for (let i = 0; i < register.rows.length; i += INSERT_BATCH) {
        const part = register.rows.slice(i, i + INSERT_BATCH);
        const rows = part.map((_, j) => i + j + 1);
        const sealed = part.map((cells) => seal(keys, cells));
        await tx.execute(sql`insert into sortition_register_rows (recruitment_id, row, sealed) select ${recruitmentId}, r, s from unnest(${sql.param(rows)}::int[], ${sql.param(sealed)}::bytea[]) as t(r, s)`);
      }
    }
    const mapping: RegisterMapping = isCount ? { name: [], address: [], language: null } : register.mapping;
    const columns = isCount ? [] : register.columns;
    await tx.update(sortitionRecruitments).set({ registerColumns: columns, registerMapping: mapping, registerSize: size }).where(eq(sortitionRecruitments.id, recruitmentId));
    // The audit names the columns and the size, never a cell.
    await audit(tx, { actorId: actor.id || null, action: "sortition.register.upload", resourceType: "sortition_recruitment", resourceId: recruitmentId, spaceId, after: { size, columns, mapping, countOnly: isCount }, ip: actor.ip });
    return { ok: true, size } as const;
  }));
}

/** A letter's person from an unsealed row: the mapped columns joined (name with spaces, address one part per line). */
export interface RegisterPerson {
  name: string;
  address: string[];
  language: string | null;
}

export function personOf(columns: string[], mapping: RegisterMapping, cells: string[]): RegisterPerson {
  const at = (c: string) => (cells[columns.indexOf(c)] ?? "").trim();
  return {
    name: mapping.name.map(at).filter(Boolean).join(" "),
    address: mapping.address.map(at).filter(Boolean),
    language: mapping.language ? at(mapping.language).toLowerCase() || null : null,
  };
}

/** The unsealed rows of a register by row number (one query). */
export async function loadRegisterRows(db: Db, keys: SortitionKeys, recruitmentId: number, rows: number[]): Promise<Map<number, string[]>> {
  if (rows.length === 0) return new Map();
  const found = await db.execute<{ row: number; sealed: Buffer }>(sql`select row, sealed from sortition_register_rows where recruitment_id = ${recruitmentId} and row = any(${sql.param(rows)}::int[])`);
  return new Map(found.rows.map((r) => [r.row, unseal<string[]>(keys, r.sealed)]));
}
