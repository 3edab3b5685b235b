/** The petition types a person may submit under now (component published, creation open, `can()`). */
import { and, count, eq, inArray } from "drizzle-orm";
import type { Translatable } from "../../core/i18n/locales";
import type { CurrentUser } from "../../core/http/context";
import { can } from "../../core/permissions/can";
import { findComponent, findSpaceById } from "../../core/spaces/queries";
import type { Db } from "../../db/client";
import { components, spaces } from "../../core/spaces/schema";
import { componentPath } from "../../core/spaces/types";
import { petitionSignatures, petitionTypes, type PetitionTypeRow } from "./schema";

export async function listCreatableTypes(db: Db, user: CurrentUser, componentId: number | undefined): Promise<PetitionTypeRow[]> {
  const rows = await db.select({ id: components.id, spaceId: components.spaceId }).from(components).where(inArray(components.manifest, ["petitions"]));
  const allowed: number[] = [];
  for (const c of rows.filter((r) => componentId === undefined || r.id === componentId)) {
    const [space, component] = await Promise.all([findSpaceById(db, c.spaceId), findComponent(db, c.spaceId, c.id)]);
    if (!space || !component) continue;
    const perm = await can(user, "create", { space, component }, { db, returnTo: "/petitions/new" });
    if (perm.status === "ok") allowed.push(c.id);
  }
  if (allowed.length === 0) return [];
  return db.select().from(petitionTypes).where(inArray(petitionTypes.componentId, allowed)).orderBy(petitionTypes.id);
}

/** Every petitions component, for the back office's type lists. */
export async function listPetitionComponents(db: Db): Promise<Array<{ id: number; name: Translatable }>> {
  const rows = await db.select({ id: components.id, name: components.name }).from(components).where(eq(components.manifest, "petitions")).orderBy(components.id);
  return rows.map((r) => ({ id: r.id, name: r.name as Translatable }));
}

export async function isPetitionComponent(db: Db, componentId: number): Promise<boolean> {
  const rows = await db.select({ id: components.id }).from(components).where(and(eq(components.id, componentId), eq(components.manifest, "petitions")));
  return rows.length > 0;
}

/** The component a petition type belongs to, or null when there is no such type. */
export async function typeComponentId(db: Db, typeId: number): Promise<number | null> {
  const [row] = await db.select({ componentId: petitionTypes.componentId }).from(petitionTypes).where(eq(petitionTypes.id, typeId));
  return row?.componentId ?? null;
}

/** How many signature rows a petition has (what an export holds). */
export async function countSignatureRows(db: Db, petitionId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(petitionSignatures).where(eq(petitionSignatures.petitionId, petitionId));
  return row?.n ?? 0;
}

/** A petitions component's address under its space (`/spaces/:slug/c/:id`), or null. */
export async function componentHome(db: Db, componentId: number): Promise<string | null> {
  const [row] = await db
    .select({ slug: spaces.slug })
    .from(components)
    .innerJoin(spaces, eq(spaces.id, components.spaceId))
    .where(and(eq(components.id, componentId), eq(components.manifest, "petitions")));
  return row ? componentPath(row, componentId) : null;
}
