/** Placing components in spaces, configuring them, publishing them, setting their permissions; all audited. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../audit/audit";
import type { Translatable } from "../i18n/locales";
import { components, type ComponentPermissionsValue, type ComponentSettingsValue } from "../spaces/schema";
import type { Actor } from "../spaces/service";
import type { ComponentRecord } from "../spaces/types";
import type { ComponentManifest } from "./define";
import { participationIn } from "./participation";

/** Adds a component with its settings' defaults; unpublished until the admin publishes it. */
export async function addComponent(db: Db, actor: Actor, spaceId: number, manifest: Pick<ComponentManifest, "name" | "settings" | "stepSettings">, name: Translatable, opts: { published?: boolean } = {}): Promise<ComponentRecord> {
  return db.transaction(async (tx) => {
    const [agg] = await tx.select({ next: sql<number>`coalesce(max(${components.weight}), -1) + 1`.mapWith(Number) }).from(components).where(eq(components.spaceId, spaceId));
    const settings: ComponentSettingsValue = { global: manifest.settings.parse({}), defaultStep: manifest.stepSettings.parse({}), steps: {} };
    const [row] = await tx
      .insert(components)
      .values({ spaceId, manifest: manifest.name, name, weight: agg?.next ?? 0, settings, publishedAt: opts.published ? new Date() : null })
      .returning();
    if (!row) throw new Error("component insert returned nothing");
    await audit(tx, { actorId: actor.id, action: "component.create", resourceType: "component", resourceId: row.id, spaceId, after: row, ip: actor.ip });
    return row;
  });
}

export async function updateComponentSettings(db: Db, actor: Actor, spaceId: number, componentId: number, name: Translatable, settings: ComponentSettingsValue): Promise<boolean> {
  return db.transaction(async (tx) => {
    const where = and(eq(components.id, componentId), eq(components.spaceId, spaceId));
    const [before] = await tx.select().from(components).where(where).for("update");
    if (!before) return false;
    await tx.update(components).set({ name, settings, updatedAt: new Date() }).where(where);
    await audit(tx, { actorId: actor.id, action: "component.update", resourceType: "component", resourceId: componentId, spaceId, before: { name: before.name, settings: before.settings }, after: { name, settings }, ip: actor.ip });
    return true;
  });
}

export async function setComponentPublished(db: Db, actor: Actor, spaceId: number, componentId: number, published: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(components)
      .set({ publishedAt: published ? new Date() : null, updatedAt: new Date() })
      .where(and(eq(components.id, componentId), eq(components.spaceId, spaceId)))
      .returning({ id: components.id });
    if (row) await audit(tx, { actorId: actor.id, action: published ? "component.publish" : "component.unpublish", resourceType: "component", resourceId: componentId, spaceId, ip: actor.ip });
  });
}

export async function updateComponentPermissions(db: Db, actor: Actor, spaceId: number, componentId: number, permissions: ComponentPermissionsValue): Promise<boolean> {
  return db.transaction(async (tx) => {
    const where = and(eq(components.id, componentId), eq(components.spaceId, spaceId));
    const [before] = await tx.select({ permissions: components.permissions }).from(components).where(where).for("update");
    if (!before) return false;
    await tx.update(components).set({ permissions, updatedAt: new Date() }).where(where);
    await audit(tx, { actorId: actor.id, action: "component.permissions", resourceType: "component", resourceId: componentId, spaceId, before: before.permissions, after: permissions, ip: actor.ip });
    return true;
  });
}

export type DeletionOutcome = { deleted: true; participation: number } | { deleted: false; participation: number; missing?: true };

/**
 * Deletes a component with everything it holds. Its participation is counted again under a lock on the
 * row: one that holds any is kept unless `allowParticipation` (a forced deletion, audited with the count).
 */
export async function deleteComponent(db: Db, actor: Actor, spaceId: number, componentId: number, opts: { allowParticipation?: boolean } = {}): Promise<DeletionOutcome> {
  return db.transaction(async (tx) => {
    const where = and(eq(components.id, componentId), eq(components.spaceId, spaceId));
    const [row] = await tx.select({ id: components.id, manifest: components.manifest }).from(components).where(where).for("update");
    if (!row) return { deleted: false, participation: 0, missing: true };
    const participation = await participationIn(tx, [row]);
    if (participation > 0 && !opts.allowParticipation) return { deleted: false, participation };
    const [gone] = await tx.delete(components).where(where).returning();
    const forced = participation > 0;
    await audit(tx, { actorId: actor.id, action: forced ? "component.delete_forced" : "component.delete", resourceType: "component", resourceId: componentId, spaceId, before: gone, after: forced ? { participation } : null, ip: actor.ip });
    return { deleted: true, participation };
  });
}

/** Swaps a component with its neighbour in the space's order (up: -1, down: +1). */
export async function moveComponent(db: Db, actor: Actor, spaceId: number, componentId: number, direction: -1 | 1): Promise<boolean> {
  return db.transaction(async (tx) => {
    const all = await tx.select({ id: components.id }).from(components).where(eq(components.spaceId, spaceId)).orderBy(asc(components.weight), asc(components.id)).for("update");
    const i = all.findIndex((c) => c.id === componentId);
    const a = all[i];
    const b = all[i + direction];
    if (!a || !b) return false;
    const order = all.map((c) => c.id);
    order[i] = b.id;
    order[i + direction] = a.id;
    for (const [weight, id] of order.entries()) await tx.update(components).set({ weight }).where(eq(components.id, id));
    await audit(tx, { actorId: actor.id, action: "component.move", resourceType: "component", resourceId: componentId, spaceId, before: { position: i }, after: { position: i + direction }, ip: actor.ip });
    return true;
  });
}
