/** Documentation pages of a pages component: read in order, written by space admins (audited). */
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import { translatable } from "../../core/components/form-values";
import type { Actor } from "../../core/spaces/service";
import { pages } from "./schema";

export type PageRecord = typeof pages.$inferSelect;
export type PageSummary = Pick<PageRecord, "id" | "title" | "weight">;

export const pageInput = z.object({
  title: translatable({ required: true, max: 200 }),
  body: translatable({ max: 100_000 }),
  weight: z.preprocess((v) => (v === undefined || v === "" ? 0 : Number(v)), z.number().int().min(-1000).max(1000)),
});
export type PageInput = z.infer<typeof pageInput>;

/** The table of contents: titles only, one query whatever the number of pages. */
export async function listPageSummaries(db: Db, componentId: number): Promise<PageSummary[]> {
  return db.select({ id: pages.id, title: pages.title, weight: pages.weight }).from(pages).where(eq(pages.componentId, componentId)).orderBy(asc(pages.weight), asc(pages.id));
}

export async function findPage(db: Db, componentId: number, pageId: number): Promise<PageRecord | null> {
  const [row] = await db.select().from(pages).where(and(eq(pages.id, pageId), eq(pages.componentId, componentId)));
  return row ?? null;
}

/** The first page in order (the component's landing page). */
export async function firstPage(db: Db, componentId: number): Promise<PageRecord | null> {
  const [row] = await db.select().from(pages).where(eq(pages.componentId, componentId)).orderBy(asc(pages.weight), asc(pages.id)).limit(1);
  return row ?? null;
}

export async function createPage(db: Db, actor: Actor, spaceId: number, componentId: number, input: PageInput): Promise<PageRecord> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(pages).values({ componentId, ...input }).returning();
    if (!row) throw new Error("page insert returned nothing");
    await audit(tx, { actorId: actor.id, action: "page.create", resourceType: "page", resourceId: row.id, spaceId, after: row, ip: actor.ip });
    return row;
  });
}

export async function updatePage(db: Db, actor: Actor, spaceId: number, componentId: number, pageId: number, input: PageInput): Promise<boolean> {
  return db.transaction(async (tx) => {
    const where = and(eq(pages.id, pageId), eq(pages.componentId, componentId));
    const [before] = await tx.select().from(pages).where(where).for("update");
    if (!before) return false;
    const [after] = await tx
      .update(pages)
      .set({ ...input, updatedAt: new Date() })
      .where(where)
      .returning();
    await audit(tx, { actorId: actor.id, action: "page.update", resourceType: "page", resourceId: pageId, spaceId, before, after, ip: actor.ip });
    return true;
  });
}

export async function deletePage(db: Db, actor: Actor, spaceId: number, componentId: number, pageId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [gone] = await tx.delete(pages).where(and(eq(pages.id, pageId), eq(pages.componentId, componentId))).returning();
    if (gone) await audit(tx, { actorId: actor.id, action: "page.delete", resourceType: "page", resourceId: pageId, spaceId, before: gone, ip: actor.ip });
  });
}
