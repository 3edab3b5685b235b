/**
 * Reading categories and scopes: a space's category tree (or several spaces' in one query), the
 * organization's scope tree, what is filed under them, and the check a component runs before filing
 * a resource, and the choices a component's selects offer. Each is one query whatever the number of
 * categories or scopes.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { FieldErrors } from "../http/result";
import type { Translatable } from "../i18n/locales";

export interface Category {
  id: number;
  spaceId: number;
  parentId: number | null;
  name: Translatable;
  description: Translatable;
  weight: number;
}

/** A top-level category and its sub-categories (one level), each list by weight. */
export interface CategoryNode extends Category {
  children: Category[];
}

export interface Scope {
  id: number;
  parentId: number | null;
  name: Translatable;
  scopeType: Translatable;
  code: string | null;
  weight: number;
}

export interface ScopeNode extends Scope {
  children: ScopeNode[];
  /** 0 for a top-level scope. */
  depth: number;
}

export interface ScopeTree {
  roots: ScopeNode[];
  /** Every scope in tree order (each parent before its children). */
  flat: ScopeNode[];
  byId: Map<number, ScopeNode>;
}

type CategoryRow = { id: string; space_id: string; parent_id: string | null; name: Translatable; description: Translatable; weight: number };

const toCategory = (r: CategoryRow): Category => ({
  id: Number(r.id),
  spaceId: Number(r.space_id),
  parentId: r.parent_id === null ? null : Number(r.parent_id),
  name: r.name,
  description: r.description,
  weight: r.weight,
});

/** One space's categories as a tree, with the space's title (to label it among several spaces'). */
export interface SpaceCategories {
  spaceId: number;
  spaceTitle: Translatable;
  categories: CategoryNode[];
}

/** Rows ordered by weight into a tree; a sub-category whose parent is missing stands at the top. */
export function categoryTree(rows: Category[]): CategoryNode[] {
  const tops = new Map<number, CategoryNode>();
  for (const c of rows) if (c.parentId === null) tops.set(c.id, { ...c, children: [] });
  const out: CategoryNode[] = [];
  for (const c of rows) {
    const top = c.parentId === null ? tops.get(c.id) : undefined;
    const parent = c.parentId === null ? undefined : tops.get(c.parentId);
    if (top) out.push(top);
    else if (parent) parent.children.push(c);
    else out.push({ ...c, children: [] });
  }
  return out;
}

/**
 * The category trees of these spaces (ids, or a subquery selecting space ids), in one query: the
 * spaces that have categories, in the order of their ids, each with its title.
 */
export async function loadCategoryTrees(db: Db, spaces: readonly number[] | SQL): Promise<SpaceCategories[]> {
  if (Array.isArray(spaces) && spaces.length === 0) return [];
  const which = Array.isArray(spaces) ? sql`${sql.param([...spaces])}::bigint[]` : sql`array(${spaces as SQL})`;
  const rows = await db.execute<CategoryRow & { space_title: Translatable }>(sql`
    select c.id, c.space_id, c.parent_id, c.name, c.description, c.weight, s.title as space_title
    from categories c join spaces s on s.id = c.space_id
    where c.space_id = any(${which})
    order by c.space_id, c.weight, c.id
    limit 5000`);
  const bySpace = new Map<number, { title: Translatable; rows: Category[] }>();
  for (const r of rows.rows) {
    const entry = bySpace.get(Number(r.space_id)) ?? { title: r.space_title, rows: [] };
    entry.rows.push(toCategory(r));
    bySpace.set(Number(r.space_id), entry);
  }
  return [...bySpace].map(([spaceId, e]) => ({ spaceId, spaceTitle: e.title, categories: categoryTree(e.rows) }));
}

/** One space's category tree. */
export async function loadCategoryTree(db: Db, spaceId: number): Promise<CategoryNode[]> {
  return (await loadCategoryTrees(db, [spaceId]))[0]?.categories ?? [];
}

/** One category of a space, or null. */
export async function findCategory(db: Db, spaceId: number, id: number): Promise<Category | null> {
  const rows = await db.execute<CategoryRow>(sql`select id, space_id, parent_id, name, description, weight from categories where id = ${id} and space_id = ${spaceId}`);
  const r = rows.rows[0];
  return r ? toCategory(r) : null;
}

type ScopeRow = { id: string; parent_id: string | null; name: Translatable; scope_type: Translatable; code: string | null; weight: number };

/** Scopes ordered by weight into a tree; one whose parent is missing (or in a cycle) stands at the top. */
export function scopeTree(scopes: Scope[]): ScopeTree {
  const nodes = new Map<number, ScopeNode>(scopes.map((s) => [s.id, { ...s, children: [], depth: 0 }]));
  const roots: ScopeNode[] = [];
  for (const s of scopes) {
    const node = nodes.get(s.id) as ScopeNode;
    const parent = s.parentId === null ? undefined : nodes.get(s.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const flat: ScopeNode[] = [];
  const seen = new Set<number>();
  const walk = (node: ScopeNode, depth: number) => {
    if (seen.has(node.id)) return;
    seen.add(node.id);
    node.depth = depth;
    flat.push(node);
    for (const child of node.children) walk(child, depth + 1);
  };
  for (const root of roots) walk(root, 0);
  return { roots, flat, byId: new Map(flat.map((n) => [n.id, n])) };
}

/** The organization's scopes as a tree (one query). */
export async function loadScopeTree(db: Db): Promise<ScopeTree> {
  const rows = await db.execute<ScopeRow>(sql`select id, parent_id, name, scope_type, code, weight from scopes order by weight, id limit 5000`);
  return scopeTree(
    rows.rows.map((r) => ({ id: Number(r.id), parentId: r.parent_id === null ? null : Number(r.parent_id), name: r.name, scopeType: r.scope_type, code: r.code, weight: r.weight })),
  );
}

/** The columns of other tables referencing `categories` or `scopes` (the components' resources). */
const referencing = new Map<string, Promise<Array<{ tbl: string; col: string }>>>();

function referencingColumns(db: Db, table: "categories" | "scopes"): Promise<Array<{ tbl: string; col: string }>> {
  let found = referencing.get(table);
  if (!found) {
    // Read from the catalogue, so a component's table that files resources under categories or scopes
    // is counted without telling the core; the schema does not change while the server runs.
    found = db
      .execute<{ tbl: string; col: string }>(
        sql`select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as tbl, quote_ident(a.attname) as col
          from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
          where k.contype = 'f' and k.confrelid = to_regclass(${table}) and k.conrelid <> k.confrelid
          order by 1, 2`,
      )
      .then((r) => r.rows);
    found.catch(() => referencing.delete(table));
    referencing.set(table, found);
  }
  return found;
}

/**
 * How many resources (of any component) are filed under these categories or scopes: what deleting
 * them leaves without one (their references are set to null). Two queries at most.
 */
export async function countFiledUnder(db: Db, table: "categories" | "scopes", ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const columns = await referencingColumns(db, table);
  if (columns.length === 0) return 0;
  // Identifiers from quote_ident in the catalogue query above, never from input.
  const counts = columns.map(({ tbl, col }) => sql`(select count(*) from ${sql.raw(tbl)} where ${sql.raw(col)} = any(${sql.param(ids)}::bigint[]))`);
  const rows = await db.execute<{ n: string }>(sql`select (${sql.join(counts, sql` + `)})::bigint as n`);
  return Number(rows.rows[0]?.n ?? 0);
}

/**
 * Checks what a participant chose before a resource is filed: the category must be one of the
 * space's, the scope one of the organization's. One query; errors are keyed by the form's field names.
 */
export async function checkFiling(
  db: Db,
  input: { spaceId: number; categoryId?: number | null | undefined; scopeId?: number | null | undefined },
  fields: { category: string; scope: string } = { category: "categoryId", scope: "scopeId" },
): Promise<FieldErrors | null> {
  const { categoryId, scopeId } = input;
  if (!categoryId && !scopeId) return null;
  const rows = await db.execute<{ category: boolean; scope: boolean }>(sql`
    select exists (select 1 from categories where id = ${categoryId ?? 0} and space_id = ${input.spaceId}) as category,
      exists (select 1 from scopes where id = ${scopeId ?? 0}) as scope`);
  const r = rows.rows[0];
  const errors: FieldErrors = {};
  if (categoryId && !r?.category) errors[fields.category] = { key: "categories.validation.category" };
  if (scopeId && !r?.scope) errors[fields.scope] = { key: "categories.validation.scope" };
  return Object.keys(errors).length ? errors : null;
}

/** A category or scope as a select offers it. */
export interface Choice {
  id: number;
  name: Translatable;
  /** 0 for a top-level entry, 1 for a sub-category or sub-scope, and so on. */
  depth: number;
}

/**
 * The space's categories (parents then their sub-categories) and the organization's scopes (each
 * under its parent), for a component's selects and filters: two short queries.
 */
export async function listPlacements(db: Db, spaceId: number): Promise<{ categories: Choice[]; scopes: Choice[] }> {
  const [cats, scopes] = await Promise.all([
    db.execute<{ id: string; name: Translatable; depth: number }>(sql`
      select c.id, c.name, case when c.parent_id is null then 0 else 1 end as depth
      from categories c left join categories parent on parent.id = c.parent_id
      where c.space_id = ${spaceId}
      order by coalesce(parent.weight, c.weight), coalesce(parent.id, c.id), c.parent_id is not null, c.weight, c.id`),
    db.execute<{ id: string; name: Translatable; depth: number }>(sql`
      with recursive tree as (
        select id, name, 0 as depth, array[weight, id::int] as path from scopes where parent_id is null
        union all
        select s.id, s.name, t.depth + 1, t.path || array[s.weight, s.id::int] from scopes s join tree t on s.parent_id = t.id where t.depth < 5
      )
      select id, name, depth from tree order by path`),
  ]);
  const toChoice = (r: { id: string; name: Translatable; depth: number }): Choice => ({ id: Number(r.id), name: r.name, depth: r.depth });
  return { categories: cats.rows.map(toChoice), scopes: scopes.rows.map(toChoice) };
}
