/**
 * The categories and scopes a page needs, loaded once per request however many parts of the page ask
 * (a filter, a form, labels): `categoriesFor(req, db, spaceIds)` and `scopesFor(req, db)`. A site-wide
 * list's filter, which offers the categories of every space it lists (hundreds on a large platform),
 * takes `sharedCategoriesFor`, and the scopes are shared too: read once per two seconds per instance
 * (src/core/cache/shared-reads.ts), not once per view. Neither is ever changed by a page.
 */
import type { SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { sharedReads } from "../cache/shared-reads";
import { loadCategoryTrees, loadScopeTree, type ScopeTree, type SpaceCategories } from "./queries";

const perRequest = new WeakMap<object, Map<string, Promise<unknown>>>();

function once<T>(owner: object, key: string, load: () => Promise<T>): Promise<T> {
  let cache = perRequest.get(owner);
  if (!cache) {
    cache = new Map();
    perRequest.set(owner, cache);
  }
  let found = cache.get(key) as Promise<T> | undefined;
  if (!found) {
    found = load();
    cache.set(key, found);
  }
  return found;
}

/**
 * The category trees of these spaces (those that have categories), for this request (`owner`: the
 * request). A subquery of space ids is keyed by `key`, which the caller names.
 */
export function categoriesFor(owner: object, db: Db, spaces: readonly number[] | { key: string; sql: SQL }): Promise<SpaceCategories[]> {
  if (Array.isArray(spaces)) return once(owner, `categories:${[...spaces].sort().join(",")}`, () => loadCategoryTrees(db, spaces));
  const sub = spaces as { key: string; sql: SQL };
  return once(owner, `categories:${sub.key}`, () => loadCategoryTrees(db, sub.sql));
}

const shared = sharedReads<SpaceCategories[]>(2_000, 100);

/**
 * The category trees of the spaces a subquery selects (keyed by `key`), shared by this instance's
 * requests for two seconds: a category written here shows at once (the service forgets them), one
 * written on another instance within the two seconds.
 */
export function sharedCategoriesFor(owner: object, db: Db, spaces: { key: string; sql: SQL }): Promise<SpaceCategories[]> {
  return once(owner, `shared-categories:${spaces.key}`, () => shared.read(db, spaces.key, () => loadCategoryTrees(db, spaces.sql)));
}

/** Forgets the shared category trees of this instance (after a category changed). */
export function forgetSharedCategories(db: Db): void {
  shared.forget(db);
}

const sharedScopes = sharedReads<ScopeTree>(2_000, 1);

/**
 * The organization's scopes, for this request, shared by this instance's requests for two seconds (a
 * country's municipalities are hundreds: read on every petitions page otherwise); a scope written here
 * shows at once, one written on another instance or by `pnyx scopes import` within the two seconds.
 */
export function scopesFor(owner: object, db: Db): Promise<ScopeTree> {
  return once(owner, "scopes", () => sharedScopes.read(db, "scopes", () => loadScopeTree(db)));
}

/** Forgets the shared scopes of this instance (after a scope changed). */
export function forgetSharedScopes(db: Db): void {
  sharedScopes.forget(db);
}
