/**
 * Changing a space's categories. Sub-categories go one level deep: a parent is a top-level category
 * of the same space, and a category with sub-categories stays at the top. Changes lock the space row
 * (two admins moving categories at once cannot build a deeper tree) and are audited in their
 * transaction. Deleting a category leaves what was filed under it without a category (the components'
 * references are `ON DELETE SET NULL`); one with sub-categories is refused until they are gone.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../audit/audit";
import { fail, ok, type Result } from "../http/result";
import { spaces } from "../spaces/schema";
import type { CategoryInput } from "./inputs";
import { countFiledUnder } from "./queries";
import { categories } from "./schema";
import { forgetSharedCategories } from "./taxonomy";

export interface Actor {
  id: number;
  ip: string | null;
}

export type CategoryRow = typeof categories.$inferSelect;

const lockSpace = (tx: Db, spaceId: number) => tx.select({ id: spaces.id }).from(spaces).where(eq(spaces.id, spaceId)).for("update");

const childCount = async (tx: Db, id: number) =>
  Number((await tx.execute<{ n: number }>(sql`select count(*)::int as n from categories where parent_id = ${id}`)).rows[0]?.n ?? 0);

/** The parent rules, inside the transaction: null when `parentId` may be the parent of `id` (null for a new one). */
async function checkParent(tx: Db, spaceId: number, id: number | null, parentId: number | undefined): Promise<Result<null>> {
  if (parentId === undefined) return ok(null);
  if (parentId === id) return fail({ parentId: { key: "categories.validation.ownParent" } });
  const [parent] = await tx.select().from(categories).where(and(eq(categories.id, parentId), eq(categories.spaceId, spaceId)));
  if (!parent) return fail({ parentId: { key: "categories.validation.parentNotFound" } });
  if (parent.parentId !== null) return fail({ parentId: { key: "categories.validation.tooDeep" } });
  if (id !== null && (await childCount(tx, id)) > 0) return fail({ parentId: { key: "categories.validation.hasChildren" } });
  return ok(null);
}

const columns = (input: CategoryInput) => ({ name: input.name, description: input.description, parentId: input.parentId ?? null, weight: input.weight });

export async function createCategory(db: Db, actor: Actor, spaceId: number, input: CategoryInput): Promise<Result<CategoryRow>> {
  const result = await db.transaction(async (tx) => {
    await lockSpace(tx, spaceId);
    const parent = await checkParent(tx, spaceId, null, input.parentId);
    if (!parent.ok) return parent;
    const [row] = await tx
      .insert(categories)
      .values({ spaceId, ...columns(input) })
      .returning();
    if (!row) throw new Error("category insert returned nothing");
    await audit(tx, { actorId: actor.id, action: "category.create", resourceType: "category", resourceId: row.id, spaceId, after: row, ip: actor.ip });
    return ok(row);
  });
  forgetSharedCategories(db);
  return result;
}

/** Null when the space has no such category. */
export async function updateCategory(db: Db, actor: Actor, spaceId: number, id: number, input: CategoryInput): Promise<Result<CategoryRow> | null> {
  const result = await db.transaction(async (tx) => {
    await lockSpace(tx, spaceId);
    const [before] = await tx.select().from(categories).where(and(eq(categories.id, id), eq(categories.spaceId, spaceId)));
    if (!before) return null;
    const parent = await checkParent(tx, spaceId, id, input.parentId);
    if (!parent.ok) return parent;
    const [after] = await tx.update(categories).set(columns(input)).where(eq(categories.id, id)).returning();
    if (!after) throw new Error("category update returned nothing");
    await audit(tx, { actorId: actor.id, action: "category.update", resourceType: "category", resourceId: id, spaceId, before, after, ip: actor.ip });
    return ok(after);
  });
  forgetSharedCategories(db);
  return result;
}

/** What deleting a category would do: its sub-categories (which refuse it) and what is filed under it. */
export async function categoryDeletion(db: Db, id: number): Promise<{ children: number; filed: number }> {
  const [children, filed] = await Promise.all([childCount(db, id), countFiledUnder(db, "categories", [id])]);
  return { children, filed };
}

/** Null when the space has no such category; refused while it has sub-categories. */
export async function deleteCategory(db: Db, actor: Actor, spaceId: number, id: number): Promise<Result<{ filed: number }> | null> {
  const result = await db.transaction(async (tx) => {
    await lockSpace(tx, spaceId);
    const [before] = await tx.select().from(categories).where(and(eq(categories.id, id), eq(categories.spaceId, spaceId)));
    if (!before) return null;
    const children = await childCount(tx, id);
    if (children > 0) return fail({ _form: { key: "categories.delete.hasChildren", values: { count: children } } });
    const filed = await countFiledUnder(tx, "categories", [id]);
    await tx.delete(categories).where(eq(categories.id, id));
    await audit(tx, { actorId: actor.id, action: "category.delete", resourceType: "category", resourceId: id, spaceId, before, after: { leftWithoutCategory: filed }, ip: actor.ip });
    return ok({ filed });
  });
  forgetSharedCategories(db);
  return result;
}
