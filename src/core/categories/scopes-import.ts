/**
 * Importing scopes from a CSV file (`pnyx scopes import <file>`): one scope a row, matched by its code
 * (created when new, updated when the code exists), its parent named by code (in the file, in any
 * order, or already in the database). All or nothing: any bad row, or a parent chain that would loop,
 * leaves the scopes as they were. One audit entry records the import.
 *
 * Columns (a header row; names are case-insensitive, any order, only `code` and one name required):
 *   code, parent, name_fr, name_nl, name_en, name_de, type_fr, type_nl, type_en, type_de, weight
 * A column left out keeps what an existing scope has; an empty cell in a name or type column removes
 * that language, an empty parent makes it a top-level scope.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { parseCsv } from "../../engines/sortition/csv";
import { audit } from "../audit/audit";
import { LOCALES, type Locale, type Translatable } from "../i18n/locales";
import { scopes } from "./schema";
import { forgetSharedScopes } from "./taxonomy";

const CODE = /^[A-Za-z0-9._-]{1,40}$/;
const KNOWN = new Set(["code", "parent", "weight", ...LOCALES.flatMap((l) => [`name_${l}`, `type_${l}`])]);

export interface ScopeImportRow {
  /** The row's line in the file (the header is line 1). */
  line: number;
  code: string;
  parent?: string | null | undefined;
  name: Partial<Record<Locale, string | null>>;
  scopeType: Partial<Record<Locale, string | null>>;
  weight?: number | undefined;
}

export type Parsed = { ok: true; rows: ScopeImportRow[] } | { ok: false; errors: string[] };

/** Reads the file's rows; errors name their line. */
export function parseScopesCsv(text: string): Parsed {
  const [header, ...body] = parseCsv(text);
  if (!header) return { ok: false, errors: ["the file is empty: a header row is expected (code, name_fr, ...)"] };
  const columns = header.map((h) => h.trim().toLowerCase());
  const unknown = columns.filter((c) => !KNOWN.has(c));
  if (unknown.length) return { ok: false, errors: [`unknown columns: ${unknown.join(", ")} (known: ${[...KNOWN].join(", ")})`] };
  if (!columns.includes("code")) return { ok: false, errors: ["a code column is required"] };
  if (!LOCALES.some((l) => columns.includes(`name_${l}`))) return { ok: false, errors: ["a name column is required (name_fr, name_nl, name_en or name_de)"] };
  const errors: string[] = [];
  const rows: ScopeImportRow[] = [];
  const seen = new Map<string, number>();
  body.forEach((cells, i) => {
    const line = i + 2;
    const cell = (c: string) => {
      const at = columns.indexOf(c);
      return at < 0 ? undefined : (cells[at] ?? "").trim();
    };
    const code = cell("code") ?? "";
    if (!CODE.test(code)) return void errors.push(`line ${line}: the code "${code}" is missing or not made of letters, digits, dots, hyphens and underscores (40 at most)`);
    if (seen.has(code)) return void errors.push(`line ${line}: the code ${code} is already on line ${seen.get(code)}`);
    seen.set(code, line);
    const texts = (prefix: "name" | "type") => {
      const out: Partial<Record<Locale, string | null>> = {};
      for (const l of LOCALES) {
        const v = cell(`${prefix}_${l}`);
        if (v !== undefined) out[l] = v === "" ? null : v;
      }
      return out;
    };
    const name = texts("name");
    const scopeType = texts("type");
    if (!Object.values(name).some(Boolean)) return void errors.push(`line ${line}: a name is required in at least one language`);
    if ([...Object.values(name), ...Object.values(scopeType)].some((v) => v && v.length > 120)) return void errors.push(`line ${line}: a name or type is longer than 120 characters`);
    const parent = cell("parent");
    if (parent === code) return void errors.push(`line ${line}: the scope ${code} cannot be part of itself`);
    const rawWeight = cell("weight");
    const weight = rawWeight === undefined || rawWeight === "" ? undefined : Number(rawWeight);
    if (weight !== undefined && !(Number.isInteger(weight) && Math.abs(weight) <= 1000)) return void errors.push(`line ${line}: the weight "${rawWeight}" is not a whole number between -1000 and 1000`);
    rows.push({ line, code, parent: parent === undefined ? undefined : parent === "" ? null : parent, name, scopeType, weight });
  });
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

/** The stored text with the file's languages applied (null removes a language). */
function merge(before: Translatable, changes: Partial<Record<Locale, string | null>>): Translatable {
  const out: Translatable = { ...before };
  for (const [l, v] of Object.entries(changes) as Array<[Locale, string | null]>) {
    if (v) out[l] = v;
    else delete out[l];
  }
  return out;
}

const LOCK_ID = 7_370_012; // the scope tree's lock (scopes-service.ts)

/** Creates or updates the rows' scopes in one transaction; refuses (nothing changed) on a bad parent or a loop. */
export async function importScopes(db: Db, rows: ScopeImportRow[], actor: { id: number | null; ip: string | null }): Promise<{ ok: true; created: number; updated: number } | { ok: false; errors: string[] }> {
  const refused = new Error("refused");
  let errors: string[] = [];
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_ID})`);
      const existing = await tx.select().from(scopes).where(sql`${scopes.code} = any(${sql.param(rows.map((r) => r.code))}::text[])`);
      const byCode = new Map(existing.map((s) => [s.code as string, s]));
      let created = 0;
      const ids = new Map<string, number>();
      for (const [position, r] of rows.entries()) {
        const before = byCode.get(r.code);
        const values = { name: merge(before?.name ?? {}, r.name), scopeType: merge(before?.scopeType ?? {}, r.scopeType), weight: r.weight ?? before?.weight ?? position };
        if (before) {
          await tx.update(scopes).set(values).where(sql`${scopes.id} = ${before.id}`);
          ids.set(r.code, before.id);
        } else {
          const [row] = await tx.insert(scopes).values({ ...values, code: r.code }).returning({ id: scopes.id });
          if (!row) throw new Error("scope insert returned nothing");
          ids.set(r.code, row.id);
          created += 1;
        }
      }
      // Parents by code, once every scope of the file exists.
      const named = rows.flatMap((r) => (r.parent ? [r.parent] : [])).filter((c) => !ids.has(c));
      if (named.length) {
        const found = await tx.execute<{ id: string; code: string }>(sql`select id, code from scopes where code = any(${sql.param([...new Set(named)])}::text[])`);
        for (const f of found.rows) ids.set(f.code, Number(f.id));
      }
      for (const r of rows) {
        if (r.parent === undefined) continue;
        const parentId = r.parent === null ? null : ids.get(r.parent);
        if (parentId === undefined) errors.push(`line ${r.line}: no scope has the code ${r.parent}`);
        else await tx.update(scopes).set({ parentId }).where(sql`${scopes.id} = ${ids.get(r.code) ?? 0}`);
      }
      if (errors.length) throw refused;
      // A scope that reaches itself through its parents.
      const loops = await tx.execute<{ code: string | null }>(sql`
        with recursive up(start, id, depth) as (
          select id, parent_id, 1 from scopes where parent_id is not null
          union all select up.start, s.parent_id, up.depth + 1 from up join scopes s on s.id = up.id where s.parent_id is not null and up.depth < 1000 and up.id <> up.start
        )
        select distinct s.code from up join scopes s on s.id = up.start where up.id = up.start`);
      if (loops.rows.length) {
        errors = [`these scopes would be part of themselves: ${loops.rows.map((l) => l.code ?? "(no code)").join(", ")}`];
        throw refused;
      }
      const updated = rows.length - created;
      await audit(tx, { actorId: actor.id, action: "scope.import", resourceType: "scope", after: { created, updated, codes: rows.map((r) => r.code) }, ip: actor.ip });
      return { ok: true as const, created, updated };
    });
  } catch (error) {
    if (error === refused) return { ok: false, errors };
    throw error;
  } finally {
    // This process's pages (an import run by `pnyx scopes import` reaches the servers' within two seconds).
    forgetSharedScopes(db);
  }
}
