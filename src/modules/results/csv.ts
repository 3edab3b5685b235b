/**
 * Results as CSV in the back office: the export of a component's results, and the import that creates
 * or updates them. A row updates the result of its `id` (an export's own rows), else the one with its
 * `external_id`, else creates one; its parent is named by `parent_id` or `parent_external_id` (in the
 * file, in any order, or already stored). All or nothing: any bad row leaves the results as they were,
 * and every error names its line. One audit entry records the import.
 *
 * Columns (a header row, any order; names are case-insensitive):
 *   id, external_id, parent_id, parent_external_id, title_fr, title_nl, title_en, title_de,
 *   description_fr, ..., status (a status's token), progress (0–100), start_date, end_date
 *   (YYYY-MM-DD), category_id, scope_id, links ("proposal:12;proposal:15")
 * A column left out keeps what an updated result has (its parent, its links...); an empty cell of a
 * title or description column removes that language. A new result without parent columns is top-level.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import { LOCALES, type Translatable } from "../../core/i18n/locales";
import type { MessageKey } from "../../core/i18n/catalogues";
import type { Values } from "../../core/i18n/translator";
import { csvLine } from "../../core/open-data/csv";
import { loadManyResourceFacts, type ResourceRef } from "../../core/resources/kinds";
import type { Actor } from "../../core/spaces/service";
import { parseCsv } from "../../engines/sortition/csv";
import { MAX_DEPTH, recomputeProgress } from "./progress";
import { isUniqueViolation, replaceLinks, type Place } from "./service";
import { listStatuses } from "./statuses";

const TEXT_COLUMNS = LOCALES.flatMap((l) => [`title_${l}`, `description_${l}`]);
export const CSV_COLUMNS = ["id", "external_id", "parent_id", "parent_external_id", ...LOCALES.map((l) => `title_${l}`), ...LOCALES.map((l) => `description_${l}`), "status", "progress", "start_date", "end_date", "category_id", "scope_id", "links"];
const KNOWN = new Set(CSV_COLUMNS);

export interface ImportError {
  key: MessageKey;
  values: Values;
}

export interface ImportRow {
  line: number;
  /** The file's columns: an update leaves what a missing column would say as it is. */
  columns: ReadonlySet<string>;
  id: number | null;
  externalId: string | null;
  parentId: number | null;
  parentExternalId: string | null;
  title: Translatable;
  description: Translatable;
  status: string | null;
  progress: number | null;
  startDate: string | null;
  endDate: string | null;
  categoryId: number | null;
  scopeId: number | null;
  links: ResourceRef[];
}

type Row = {
  id: string;
  external_id: string | null;
  parent_id: string | null;
  parent_external_id: string | null;
  title: Translatable;
  description: Translatable;
  status: string | null;
  progress: number | null;
  start_date: string | null;
  end_date: string | null;
  category_id: string | null;
  scope_id: string | null;
  links: string | null;
};

/** The component's results as CSV, parents before their children, every language in its own column. */
export async function exportResultsCsv(db: Db, componentId: number): Promise<string> {
  const rows = await db.execute<Row>(sql`
    with recursive tree as (
      select id, array[weight, id::int] as path from results where component_id = ${componentId} and parent_id is null
      union all select r.id, t.path || array[r.weight, r.id::int] from results r join tree t on r.parent_id = t.id where array_length(t.path, 1) < 20
    )
    select r.id, r.external_id, r.parent_id, p.external_id as parent_external_id, r.title, r.description, st.token as status, r.progress,
      r.start_date::text as start_date, r.end_date::text as end_date, r.category_id, r.scope_id,
      (select string_agg(l.resource_type || ':' || l.resource_id, ';' order by l.resource_type, l.resource_id) from result_links l where l.result_id = r.id) as links
    from tree join results r on r.id = tree.id left join results p on p.id = r.parent_id left join result_statuses st on st.id = r.status_id
    order by tree.path`);
  const lines = [csvLine(CSV_COLUMNS)];
  for (const r of rows.rows) {
    lines.push(
      csvLine([
        r.id,
        r.external_id,
        r.parent_id,
        r.parent_external_id,
        ...LOCALES.map((l) => r.title[l] ?? ""),
        ...LOCALES.map((l) => r.description[l] ?? ""),
        r.status,
        r.progress === null ? "" : Number(r.progress.toFixed(2)),
        r.start_date,
        r.end_date,
        r.category_id,
        r.scope_id,
        r.links,
      ]),
    );
  }
  return lines.join("");
}

const err = (key: MessageKey, values: Values): ImportError => ({ key, values });
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^\d{1,15}$/;
const EXTERNAL = /^[^\s]{1,100}$/;
const LINK = /^([a-z][a-z_]{0,39}):(\d{1,15})$/;
/** The export quotes a text that looks like a formula ("'=…"): the import takes the quote away. */
const unquote = (v: string) => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);

/** Reads the file's rows; every error names its line (the header is line 1). */
export function parseResultsCsv(text: string): { ok: true; rows: ImportRow[] } | { ok: false; errors: ImportError[] } {
  const [header, ...body] = parseCsv(text);
  if (!header) return { ok: false, errors: [err("results.import.error.empty", {})] };
  const columns = header.map((h) => h.trim().toLowerCase());
  const unknown = columns.filter((c) => !KNOWN.has(c));
  if (unknown.length) return { ok: false, errors: [err("results.import.error.unknownColumns", { columns: unknown.join(", "), known: CSV_COLUMNS.join(", ") })] };
  if (!TEXT_COLUMNS.some((c) => c.startsWith("title_") && columns.includes(c))) return { ok: false, errors: [err("results.import.error.noTitleColumn", {})] };
  if (body.length > 5_000) return { ok: false, errors: [err("results.import.error.tooMany", { max: 5_000 })] };
  const errors: ImportError[] = [];
  const rows: ImportRow[] = [];
  const present: ReadonlySet<string> = new Set(columns);
  const seenExternal = new Map<string, number>();
  const seenId = new Map<number, number>();
  body.forEach((cells, i) => {
    const line = i + 2;
    const cell = (c: string) => {
      const at = columns.indexOf(c);
      return at < 0 ? "" : unquote((cells[at] ?? "").trim());
    };
    const texts = (prefix: string, max: number) => {
      const out: Translatable = {};
      for (const l of LOCALES) {
        const v = cell(`${prefix}_${l}`);
        if (v) out[l] = v.slice(0, max + 1);
      }
      return out;
    };
    const before = errors.length;
    const rawId = cell("id");
    if (rawId && !ID.test(rawId)) errors.push(err("results.import.error.id", { line, value: rawId }));
    const externalId = cell("external_id") || null;
    if (externalId && !EXTERNAL.test(externalId)) errors.push(err("results.import.error.externalId", { line, value: externalId }));
    const rawParent = cell("parent_id");
    if (rawParent && !ID.test(rawParent)) errors.push(err("results.import.error.id", { line, value: rawParent }));
    const title = texts("title", 300);
    if (!Object.values(title).some(Boolean)) errors.push(err("results.import.error.title", { line }));
    if (Object.values(title).some((v) => v && v.length > 300)) errors.push(err("results.import.error.titleLength", { line, max: 300 }));
    const description = texts("description", 20_000);
    const rawProgress = cell("progress").replace(",", ".").replace(/\s*%$/, "");
    const progress = rawProgress === "" ? null : Number(rawProgress);
    if (progress !== null && !(Number.isFinite(progress) && progress >= 0 && progress <= 100)) errors.push(err("results.import.error.progress", { line, value: cell("progress") }));
    const dates = ["start_date", "end_date"].map((c) => cell(c) || null);
    for (const d of dates) if (d && !(DATE.test(d) && !Number.isNaN(Date.parse(d)))) errors.push(err("results.import.error.date", { line, value: d }));
    if (dates[0] && dates[1] && dates[1] < dates[0]) errors.push(err("results.import.error.endBeforeStart", { line }));
    const category = cell("category_id");
    const scope = cell("scope_id");
    for (const v of [category, scope]) if (v && !ID.test(v)) errors.push(err("results.import.error.id", { line, value: v }));
    const links: ResourceRef[] = [];
    for (const token of cell("links").split(/[;\s]+/).filter(Boolean)) {
      const m = LINK.exec(token);
      if (!m) errors.push(err("results.import.error.linkFormat", { line, value: token }));
      else links.push({ type: m[1] ?? "", id: Number(m[2]) });
    }
    const id = rawId && ID.test(rawId) ? Number(rawId) : null;
    if (id !== null && seenId.has(id)) errors.push(err("results.import.error.duplicate", { line, value: rawId, other: seenId.get(id) ?? 0 }));
    if (externalId && seenExternal.has(externalId)) errors.push(err("results.import.error.duplicate", { line, value: externalId, other: seenExternal.get(externalId) ?? 0 }));
    if (id !== null) seenId.set(id, line);
    if (externalId) seenExternal.set(externalId, line);
    if (errors.length > before) return;
    rows.push({
      line,
      columns: present,
      id,
      externalId,
      parentId: rawParent ? Number(rawParent) : null,
      parentExternalId: cell("parent_external_id") || null,
      title,
      description,
      status: cell("status") || null,
      progress,
      startDate: dates[0] ?? null,
      endDate: dates[1] ?? null,
      categoryId: category ? Number(category) : null,
      scopeId: scope ? Number(scope) : null,
      links,
    });
  });
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

/**
 * What an update changes: the languages of the title and description columns the file has (an empty
 * cell removes that language, a missing column keeps it), and every other column the file has.
 */
function updateSet(r: ImportRow, status: { id: number; progress: number | null } | undefined, progress: number | null): SQL {
  const sets: SQL[] = [];
  const langs = (prefix: string) => LOCALES.filter((l) => r.columns.has(`${prefix}_${l}`));
  for (const [column, prefix, value] of [
    ["title", "title", r.title],
    ["description", "description", r.description],
  ] as const) {
    const named = langs(prefix);
    if (named.length) sets.push(sql`${sql.identifier(column)} = (${sql.identifier(column)} - ${sql.param(named)}::text[]) || ${JSON.stringify(value)}::jsonb`);
  }
  if (r.columns.has("external_id") && r.externalId) sets.push(sql`external_id = ${r.externalId}`);
  if (r.columns.has("category_id")) sets.push(sql`category_id = ${r.categoryId}::bigint`);
  if (r.columns.has("scope_id")) sets.push(sql`scope_id = ${r.scopeId}::bigint`);
  if (r.columns.has("start_date")) sets.push(sql`start_date = ${r.startDate}::date`);
  if (r.columns.has("end_date")) sets.push(sql`end_date = ${r.endDate}::date`);
  if (r.columns.has("status")) sets.push(sql`status_id = ${status?.id ?? null}::bigint`);
  // The progress: the file's, else the new status's, else what the result had.
  if (r.columns.has("progress") || r.columns.has("status")) sets.push(sql`progress = coalesce(${progress}::float8, ${r.columns.has("progress") && r.progress === null && !status ? sql`null` : sql`progress`})`);
  return sql.join(sets, sql`, `);
}

class Refused extends Error {
  constructor(readonly errors: ImportError[]) {
    super("refused");
  }
}

/** Creates or updates the rows' results in one transaction; nothing is kept when any row is refused. */
export async function importResults(db: Db, actor: Actor, place: Place, rows: ImportRow[]): Promise<{ ok: true; created: number; updated: number } | { ok: false; errors: ImportError[] }> {
  const statuses = await listStatuses(db, place.componentId);
  const byToken = new Map(statuses.map((s) => [s.token, s]));
  const errors: ImportError[] = [];
  // What every row names, checked at once: statuses, categories, scopes, linked resources.
  const categoryIds = [...new Set(rows.flatMap((r) => (r.categoryId ? [r.categoryId] : [])))];
  const scopeIds = [...new Set(rows.flatMap((r) => (r.scopeId ? [r.scopeId] : [])))];
  const [known, facts] = await Promise.all([
    db.execute<{ kind: string; id: string }>(sql`
      select 'category' as kind, id from categories where space_id = ${place.spaceId} and id = any(${sql.param(categoryIds)}::bigint[])
      union all select 'scope', id from scopes where id = any(${sql.param(scopeIds)}::bigint[])`),
    loadManyResourceFacts(db, rows.flatMap((r) => r.links)),
  ]);
  const has = (kind: string, id: number) => known.rows.some((k) => k.kind === kind && Number(k.id) === id);
  for (const r of rows) {
    if (r.status && !byToken.has(r.status)) errors.push(err("results.import.error.status", { line: r.line, value: r.status, known: statuses.map((s) => s.token).join(", ") }));
    if (r.categoryId && !has("category", r.categoryId)) errors.push(err("results.import.error.category", { line: r.line, value: r.categoryId }));
    if (r.scopeId && !has("scope", r.scopeId)) errors.push(err("results.import.error.scope", { line: r.line, value: r.scopeId }));
    for (const l of r.links) if (!facts.some((f) => f.type === l.type && f.id === l.id && f.spaceId === place.spaceId)) errors.push(err("results.import.error.link", { line: r.line, value: `${l.type}:${l.id}` }));
  }
  if (errors.length) return { ok: false, errors };
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select id from components where id = ${place.componentId} for update`);
      const stored = await tx.execute<{ id: string; external_id: string | null }>(sql`select id, external_id from results where component_id = ${place.componentId}`);
      const ids = new Set(stored.rows.map((s) => Number(s.id)));
      const byExternal = new Map(stored.rows.flatMap((s) => (s.external_id ? [[s.external_id, Number(s.id)] as const] : [])));
      let created = 0;
      const rowIds = new Map<number, number>();
      const updatedIds = new Set<number>();
      for (const [position, r] of rows.entries()) {
        const status = r.status ? byToken.get(r.status) : undefined;
        const progress = r.progress ?? status?.progress ?? null;
        const values = sql`${JSON.stringify(r.title)}::jsonb, ${JSON.stringify(r.description)}::jsonb, ${r.externalId}::text, ${r.categoryId}::bigint, ${r.scopeId}::bigint,
          ${r.startDate}::date, ${r.endDate}::date, ${status?.id ?? null}::bigint, ${progress}::float8`;
        const target = r.id !== null ? r.id : r.externalId ? byExternal.get(r.externalId) : undefined;
        if (r.id !== null && !ids.has(r.id)) {
          errors.push(err("results.import.error.unknownId", { line: r.line, value: r.id }));
          continue;
        }
        if (target !== undefined) {
          await tx.execute(sql`update results set ${updateSet(r, status, progress)}, updated_at = now() where id = ${target}`);
          rowIds.set(r.line, target);
          updatedIds.add(target);
        } else {
          const inserted = await tx.execute<{ id: string }>(sql`
            insert into results (component_id, title, description, external_id, category_id, scope_id, start_date, end_date, status_id, progress, weight)
            values (${place.componentId}, ${values}, ${position}) returning id`);
          const id = Number(inserted.rows[0]?.id);
          rowIds.set(r.line, id);
          if (r.externalId) byExternal.set(r.externalId, id);
          created += 1;
        }
      }
      if (errors.length) throw new Refused(errors);
      for (const r of rows) {
        const id = rowIds.get(r.line) ?? 0;
        let parentId: number | null = null;
        if (r.parentId !== null) {
          if (!ids.has(r.parentId)) errors.push(err("results.import.error.parent", { line: r.line, value: r.parentId }));
          parentId = r.parentId;
        } else if (r.parentExternalId) {
          const found = byExternal.get(r.parentExternalId);
          if (found === undefined) errors.push(err("results.import.error.parent", { line: r.line, value: r.parentExternalId }));
          parentId = found ?? null;
        }
        if (parentId === id) errors.push(err("results.import.error.loop", { line: r.line }));
        const hasParent = r.columns.has("parent_id") || r.columns.has("parent_external_id");
        // A new result without parent columns is a top-level one; an updated one stays where it was.
        if (hasParent || !updatedIds.has(id)) await tx.execute(sql`update results set parent_id = ${parentId === id ? null : parentId}::bigint where id = ${id}`);
        if (r.columns.has("links") || !updatedIds.has(id)) await replaceLinks(tx, id, r.links);
      }
      if (errors.length) throw new Refused(errors);
      // The tree as the file leaves it: no loop, no deeper than MAX_DEPTH levels.
      const deep = await tx.execute<{ id: string; depth: number }>(sql`
        with recursive up(start, id, depth) as (
          select id, parent_id, 1 from results where component_id = ${place.componentId}
          union all select up.start, r.parent_id, up.depth + 1 from up join results r on r.id = up.id where up.id is not null and up.depth <= ${MAX_DEPTH}
        ) select start as id, max(depth) as depth from up where up.id is null or up.depth > ${MAX_DEPTH} group by start having max(depth) > ${MAX_DEPTH}`);
      const lineOf = new Map([...rowIds.entries()].map(([line, id]) => [id, line]));
      for (const d of deep.rows) {
        const line = lineOf.get(Number(d.id));
        if (line !== undefined) errors.push(err("results.import.error.tooDeep", { line, max: MAX_DEPTH }));
      }
      if (deep.rows.length && errors.length === 0) errors.push(err("results.import.error.tooDeep", { line: rows[0]?.line ?? 2, max: MAX_DEPTH }));
      if (errors.length) throw new Refused(errors);
      await recomputeProgress(tx, place.componentId);
      const updated = rows.length - created;
      await audit(tx, { actorId: actor.id, action: "result.import", resourceType: "component", resourceId: place.componentId, spaceId: place.spaceId, after: { created, updated, results: [...rowIds.values()] }, ip: actor.ip });
      return { ok: true as const, created, updated };
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, errors: error.errors };
    if (isUniqueViolation(error)) return { ok: false, errors: [err("results.import.error.externalIdTaken", {})] };
    throw error;
  }
}
