/**
 * Filtering a component's list by category or scope: the SQL conditions on its `category_id` /
 * `scope_id` column. Each reads the matching ids once (an InitPlan over the small categories or
 * scopes table), so a list's index carrying the column is filtered without a join per row.
 * Choosing a category also matches its sub-categories; a scope, every scope it contains.
 */
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";

/** An id in a list's query string, lenient as the HTML lists are (a mangled value is no filter). */
export const filterIdParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined);

/** `column` is the category or one of its sub-categories. */
export function inCategory(column: SQL, categoryId: number): SQL {
  return sql`${column} = any(array(select c.id from categories c where c.id = ${categoryId} or c.parent_id = ${categoryId}))`;
}

/**
 * `column` is a category named `name` in any language (case aside), or one of its sub-categories: the
 * petitions API's `theme` filter, kept from the days of free-text themes.
 */
export function inCategoryNamed(column: SQL, name: string): SQL {
  const named = sql`select n.id from categories n where exists (select 1 from jsonb_each_text(n.name) e where lower(e.value) = lower(${name}))`;
  return sql`${column} = any(array(select c.id from categories c where c.id in (${named}) or c.parent_id in (${named})))`;
}

/** `column` is the scope or one it contains, at any depth. */
export function inScope(column: SQL, scopeId: number): SQL {
  // `union` (not `union all`) ends the walk even if a cycle slipped in.
  return sql`${column} = any(array(with recursive d(id) as (select s.id from scopes s where s.id = ${scopeId} union select s.id from scopes s join d on s.parent_id = d.id) select id from d))`;
}
