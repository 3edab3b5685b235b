/**
 * From the uploaded files to what a draw keeps: the register (people CSV) and the quotas are read and
 * checked by the engine (every problem listed), then split in two. The pool snapshot holds, by 1-based
 * row of the file, each person's categories and a household number (people sharing an address get the
 * same number, by first appearance; nobody else gets one); the contacts hold the id, name, email and
 * whether the person agreed to show their name. The record publishes the snapshot as a CSV file
 * (`anonymisedPoolCsv`) and the draw runs on exactly that file, so the published file replays it.
 */
import { parseCsv } from "../../engines/sortition/csv";
import { csvSha256, drawSeed, PROTOCOL, type DrawInputs } from "../../engines/sortition/draw";
import { buildPool, defaultIdColumn, parseQuotas } from "../../engines/sortition/input";
import type { Pool } from "../../engines/sortition/model";
import { canonicalCsv } from "../../engines/sortition/csv";
import type { DrawAlgorithm, DrawQuota } from "./schema";

/** The engine's version written into each record (replaying needs the same HiGHS build for the LP algorithms). */
export const ENGINE_VERSION = `${PROTOCOL}; pnyx 0.1.0; HiGHS 1.15.3`;
/** LEGACY's Monte-Carlo runs for the probability estimate (part of the published parameters). */
export const LEGACY_RUNS = 10_000;

export interface PoolPerson {
  row: number;
  features: string[];
  household: number | null;
}

export interface PoolContact {
  row: number;
  externalId: string;
  name: string | null;
  email: string | null;
  showName: boolean;
}

export interface PreparedPool {
  quotas: DrawQuota[];
  categories: string[];
  people: PoolPerson[];
  contacts: PoolContact[];
  /** The id column of the file, or null when people are named by row number. */
  idColumn: string | null;
}

const lower = (s: string): string => s.trim().toLowerCase();
const YES = new Set(["1", "yes", "y", "true", "oui", "ja", "x"]);

function column(header: string[], names: string[]): number {
  return header.findIndex((h) => names.includes(lower(h)));
}

/**
 * Reads the quota and people files as `pnyx sortition select` does (throws the engine's
 * SortitionInputError with every problem), and splits the people into the pool snapshot and contacts.
 * Name: a `name` / `full_name` column, else `first_name` + `last_name`; email: `email` / `primary_email`;
 * consent to show the name: `show_name` / `publish_name` / `consent_name` (yes, oui, ja, true, 1, x).
 */
export function preparePool(quotasText: string, peopleText: string, k: number, options: { idColumn?: string; householdColumns?: string[] } = {}): PreparedPool {
  const quotas = parseQuotas(quotasText);
  const householdColumns = options.householdColumns ?? [];
  const pool = buildPool(quotas, peopleText, k, { ...(options.idColumn === undefined ? {} : { idColumn: options.idColumn }), householdColumns });
  const rows = parseCsv(peopleText);
  const header = (rows[0] ?? []).map((h) => h.trim());
  const nameCol = column(header, ["name", "full_name", "fullname", "nom"]);
  const firstCol = column(header, ["first_name", "firstname", "given_name", "prenom", "prénom"]);
  const lastCol = column(header, ["last_name", "lastname", "family_name", "surname"]);
  const emailCol = column(header, ["email", "e-mail", "primary_email", "mail"]);
  const showCol = column(header, ["show_name", "publish_name", "consent_name", "name_public"]);
  const counts = new Map<string, number>();
  for (const p of pool.people) if (p.household !== null) counts.set(p.household, (counts.get(p.household) ?? 0) + 1);
  const numbers = new Map<string, number>();
  const people: PoolPerson[] = [];
  const contacts: PoolContact[] = [];
  pool.people.forEach((p, i) => {
    let household: number | null = null;
    if (p.household !== null && (counts.get(p.household) ?? 0) > 1) {
      household = numbers.get(p.household) ?? numbers.size + 1;
      numbers.set(p.household, household);
    }
    people.push({ row: p.row, features: p.features.map((f) => pool.quotas[f]?.feature ?? ""), household });
    const r = rows[i + 1] ?? [];
    const cell = (c: number): string => (c >= 0 ? (r[c] ?? "").trim() : "");
    const name = cell(nameCol) || [cell(firstCol), cell(lastCol)].filter(Boolean).join(" ");
    contacts.push({ row: p.row, externalId: p.id, name: name || null, email: cell(emailCol) || null, showName: YES.has(lower(cell(showCol))) });
  });
  const idColumn = options.idColumn ?? header[defaultIdColumn(header)] ?? null;
  return { quotas: quotas.map((q) => ({ category: q.category, feature: q.feature, min: q.min, max: q.max })), categories: pool.categories, people, contacts, idColumn };
}

/** The household column's name in the published pool file (never one of the categories). */
export function householdColumnName(categories: readonly string[]): string {
  let name = "household";
  while (categories.includes(name)) name = `_${name}`;
  return name;
}

/** The published pool file: one column per category (and the household number when the rule is on), one row per person in file order. */
export function anonymisedPoolCsv(categories: readonly string[], householdRule: boolean, people: readonly PoolPerson[]): string {
  const header = householdRule ? [...categories, householdColumnName(categories)] : [...categories];
  const sorted = [...people].sort((a, b) => a.row - b.row);
  return canonicalCsv([header, ...sorted.map((p) => (householdRule ? [...p.features, p.household === null ? "" : String(p.household)] : p.features))]);
}

/** The published quota file (category,feature,min,max). */
export function quotasCsv(quotas: readonly DrawQuota[]): string {
  return canonicalCsv([["category", "feature", "min", "max"], ...quotas.map((q) => [q.category, q.feature, String(q.min), String(q.max)])]);
}

export interface DrawFiles {
  categories: string;
  people: string;
  inputs: DrawInputs;
  seed: string;
}

/** The published files, the engine's seed inputs and the seed of a draw (protocol pnyx-sortition-draw/1). */
export function drawFiles(d: { quotas: DrawQuota[]; categories: string[]; householdRule: boolean; people: readonly PoolPerson[]; k: number; algorithm: DrawAlgorithm; randomness: string }): DrawFiles {
  const categories = quotasCsv(d.quotas);
  const people = anonymisedPoolCsv(d.categories, d.householdRule, d.people);
  const inputs: DrawInputs = {
    protocol: PROTOCOL,
    beacon: d.randomness,
    poolSha256: csvSha256(people),
    quotasSha256: csvSha256(categories),
    algorithm: d.algorithm,
    k: d.k,
    householdColumns: d.householdRule ? [householdColumnName(d.categories)] : [],
    idColumn: null,
    runs: d.algorithm === "legacy" ? LEGACY_RUNS : null,
  };
  return { categories, people, inputs, seed: drawSeed(inputs) };
}

/** The engine's pool read from the published files, exactly as `pnyx sortition verify` reads them. */
export function enginePool(files: DrawFiles): Pool {
  return buildPool(parseQuotas(files.categories), files.people, files.inputs.k, { householdColumns: files.inputs.householdColumns });
}
