/**
 * Reading the two quota formats and the people file into a validated Pool, collecting every problem
 * (unknown feature values, missing categories, bad numbers) instead of stopping at the first.
 */
import { parseCsv } from "./csv";
import { SortitionInputError, type Person, type Pool, type Problem, type Quota } from "./model";

export interface PeopleOptions {
  /** Column holding the person's id; default: first column named `id` or ending in `_id`, else the row number. */
  idColumn?: string;
  /** Address columns; people equal on all of them form one household (at most one of them is selected). */
  householdColumns?: string[];
}

const lower = (s: string): string => s.trim().toLowerCase();

function toInt(raw: string | undefined): number | null {
  const t = (raw ?? "").trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}

/**
 * Parses `category,feature,min,max` (replication format), `category,name,min,max` (stratification app)
 * or `feature,value,min,max[,min_flex,max_flex]` (Sortition Foundation); throws SortitionInputError.
 */
export function parseQuotas(text: string): Quota[] {
  const rows = parseCsv(text);
  const header = (rows[0] ?? []).map(lower);
  const col = (name: string): number => header.indexOf(name);
  let catCol: number;
  let featCol: number;
  if (col("category") >= 0 && (col("feature") >= 0 || col("name") >= 0)) {
    catCol = col("category");
    featCol = col("feature") >= 0 ? col("feature") : col("name");
  } else if (col("feature") >= 0 && col("value") >= 0) {
    catCol = col("feature");
    featCol = col("value");
  } else {
    const found = header.join(",");
    throw new SortitionInputError([
      { kind: "quota-format", message: `quota file: header "${found}" is neither category,feature,min,max nor feature,value,min,max[,min_flex,max_flex]` },
    ]);
  }
  const [minCol, maxCol, minFlexCol, maxFlexCol] = [col("min"), col("max"), col("min_flex"), col("max_flex")];
  const problems: Problem[] = [];
  if (minCol < 0 || maxCol < 0) problems.push({ kind: "quota-format", message: "quota file: the header needs both min and max columns" });
  const quotas: Quota[] = [];
  const seen = new Set<string>();
  rows.slice(1).forEach((r, idx) => {
    const line = idx + 2;
    const category = (r[catCol] ?? "").trim();
    const feature = (r[featCol] ?? "").trim();
    const min = toInt(r[minCol]);
    const max = toInt(r[maxCol]);
    if (!category || !feature) problems.push({ kind: "quota-format", message: `quota file line ${line}: empty category or feature` });
    else if (min === null || max === null) problems.push({ kind: "quota-format", message: `quota file line ${line} (${category}/${feature}): min and max must be whole numbers >= 0` });
    else if (min > max) problems.push({ kind: "quota-format", message: `quota file line ${line} (${category}/${feature}): min ${min} is above max ${max}` });
    else if (seen.has(`${category}\u0000${feature}`)) problems.push({ kind: "quota-format", message: `quota file line ${line}: ${category}/${feature} is listed twice` });
    else {
      seen.add(`${category}\u0000${feature}`);
      const q: Quota = { category, feature, min, max };
      const minFlex = minFlexCol >= 0 ? toInt(r[minFlexCol]) : null;
      const maxFlex = maxFlexCol >= 0 ? toInt(r[maxFlexCol]) : null;
      if (minFlex !== null) q.minFlex = minFlex;
      if (maxFlex !== null) q.maxFlex = maxFlex;
      quotas.push(q);
    }
  });
  if (quotas.length === 0 && problems.length === 0) problems.push({ kind: "quota-format", message: "quota file: no quotas" });
  if (problems.length > 0) throw new SortitionInputError(problems);
  return quotas;
}

/** The id column by the documented default rule: first column `id` or ending in `_id`, else none (row numbers). */
export function defaultIdColumn(header: readonly string[]): number {
  return header.findIndex((h) => lower(h) === "id" || lower(h).endsWith("_id"));
}

function listRows(rows: number[]): string {
  const shown = rows.slice(0, 10).join(", ");
  return rows.length > 10 ? `${shown} and ${rows.length - 10} more` : shown;
}

/** Reads the people file against the quotas and returns the validated Pool; throws SortitionInputError. */
export function buildPool(quotas: Quota[], peopleText: string, k: number, options: PeopleOptions = {}): Pool {
  const rows = parseCsv(peopleText);
  const header = (rows[0] ?? []).map((h) => h.trim());
  const problems: Problem[] = [];
  const categories = [...new Set(quotas.map((q) => q.category))];
  const catCols = categories.map((c) => header.indexOf(c));
  categories.forEach((c, i) => {
    if (catCols[i] === -1) problems.push({ kind: "unknown-category", message: `people file: no column named "${c}" (a category of the quota file); columns are ${header.join(", ")}` });
  });
  let idCol = -1;
  if (options.idColumn !== undefined) {
    idCol = header.indexOf(options.idColumn);
    if (idCol < 0) problems.push({ kind: "argument", message: `people file: no id column "${options.idColumn}"` });
  } else idCol = defaultIdColumn(header);
  const hhCols = (options.householdColumns ?? []).map((c) => {
    const at = header.indexOf(c);
    if (at < 0) problems.push({ kind: "argument", message: `people file: no address column "${c}" for the household rule` });
    return at;
  });
  if (problems.length > 0) throw new SortitionInputError(problems);

  const featureIndex = new Map(quotas.map((q, i) => [`${q.category}\u0000${q.feature}`, i]));
  const unknown = new Map<string, number[]>();
  const missing = new Map<string, number[]>();
  const ids = new Map<string, number[]>();
  const people: Person[] = [];
  rows.slice(1).forEach((r, idx) => {
    const row = idx + 1;
    const id = idCol >= 0 ? (r[idCol] ?? "").trim() : String(row);
    const features: number[] = [];
    categories.forEach((c, ci) => {
      const value = (r[catCols[ci] ?? -1] ?? "").trim();
      const at = featureIndex.get(`${c}\u0000${value}`);
      if (value === "") missing.set(c, [...(missing.get(c) ?? []), row]);
      else if (at === undefined) unknown.set(`${c}\u0000${value}`, [...(unknown.get(`${c}\u0000${value}`) ?? []), row]);
      else features.push(at);
    });
    const address = hhCols.map((c) => lower(r[c] ?? ""));
    const household = hhCols.length > 0 && address.some((a) => a !== "") ? address.join("\u0000") : null;
    ids.set(id, [...(ids.get(id) ?? []), row]);
    people.push({ id, row, features, household });
  });
  for (const [key, at] of unknown) {
    const [c = "", v = ""] = key.split("\u0000");
    const known = quotas.filter((q) => q.category === c).map((q) => q.feature);
    problems.push({ kind: "unknown-feature", message: `category "${c}": value "${v}" (people rows ${listRows(at)}) is not in the quota file (known values: ${known.join(", ")})` });
  }
  for (const [c, at] of missing) problems.push({ kind: "missing-category", message: `category "${c}": no value for people rows ${listRows(at)}` });
  for (const [id, at] of ids) {
    if (id === "") problems.push({ kind: "duplicate-id", message: `people rows ${listRows(at)}: empty id` });
    else if (at.length > 1) problems.push({ kind: "duplicate-id", message: `id "${id}" is used by people rows ${listRows(at)}` });
  }
  if (!Number.isInteger(k) || k < 1) problems.push({ kind: "argument", message: `panel size k must be a whole number >= 1 (got ${k})` });
  else if (k > people.length) problems.push({ kind: "infeasible", message: `panel size k = ${k} is larger than the pool (${people.length} people)` });
  if (problems.length > 0) throw new SortitionInputError(problems);
  return { categories, quotas, people, k };
}
