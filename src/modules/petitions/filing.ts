/**
 * The categories petitions are filed under: their space's (a component's list and forms), or every
 * space listing public petitions (the site-wide list), loaded once per request through the core's
 * taxonomy (src/core/categories). The site-wide form, which offers several components' types, offers
 * the categories of those components' spaces; the workflow checks the choice against the chosen type's.
 */
import { sql } from "drizzle-orm";
import { categoriesFor, sharedCategoriesFor } from "../../core/categories/taxonomy";
import type { SpaceCategories } from "../../core/categories/queries";
import { publicSpaceSql } from "../../core/permissions/access";
import type { Db } from "../../db/client";

/** The spaces whose published petitions components list public petitions (a handful of ids, read once). */
const LISTING_SPACES = sql`select c.space_id from components c join spaces s on s.id = c.space_id where c.manifest = 'petitions' and c.published_at is not null and ${publicSpaceSql("s")}`;

/**
 * The category filter's choices on /petitions: every listing space's categories (shared by the
 * instance's requests for two seconds: with fifty spaces listing petitions, reading and parsing their
 * categories on each view cost more than the rest of the page).
 */
export function listedCategories(req: object, db: Db): Promise<SpaceCategories[]> {
  return sharedCategoriesFor(req, db, { key: "petitions:listed", sql: LISTING_SPACES });
}

/** The categories offered with these components' petition types (the spaces they sit in). */
export function categoriesOfComponents(req: object, db: Db, componentIds: number[]): Promise<SpaceCategories[]> {
  const ids = [...new Set(componentIds)].sort((a, b) => a - b);
  if (ids.length === 0) return Promise.resolve([]);
  return categoriesFor(req, db, { key: `petitions:components:${ids.join(",")}`, sql: sql`select space_id from components where id = any(${sql.param(ids)}::bigint[])` });
}

/** The space a component sits in, or null. */
export async function spaceOfComponent(db: Db, componentId: number): Promise<number | null> {
  const rows = await db.execute<{ space_id: string }>(sql`select space_id from components where id = ${componentId}`);
  const r = rows.rows[0];
  return r ? Number(r.space_id) : null;
}
