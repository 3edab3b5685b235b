/** The petition types a person may submit under now (component published, creation open, `can()`). */
import { inArray } from "drizzle-orm";
import type { CurrentUser } from "../../core/http/context";
import { can } from "../../core/permissions/can";
import { findComponent, findSpaceById } from "../../core/spaces/queries";
import type { Db } from "../../db/client";
import { components } from "../../core/spaces/schema";
import { petitionTypes, type PetitionTypeRow } from "./schema";

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
