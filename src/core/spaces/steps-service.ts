/**
 * A process's steps. Exactly one step is active once a process has steps: the first step created
 * becomes active, activating one deactivates the others (under a lock on the space row), and the
 * partial unique index `steps_one_active_per_space` makes two active steps impossible.
 */
import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../audit/audit";
import type { StepInput } from "./inputs";
import { spaces, steps } from "./schema";
import type { Actor } from "./service";
import type { StepRecord } from "./types";

const lockSpace = (tx: Db, spaceId: number) => tx.select({ id: spaces.id }).from(spaces).where(eq(spaces.id, spaceId)).for("update");

/** A step as services take it: the call to action is optional for callers other than the form. */
export type StepFields = Omit<StepInput, "ctaText" | "ctaPath"> & Partial<Pick<StepInput, "ctaText" | "ctaPath">>;

const fields = (input: StepFields) => ({
  title: input.title,
  description: input.description,
  startDate: input.startDate ?? null,
  endDate: input.endDate ?? null,
  ctaText: input.ctaText ?? {},
  ctaPath: input.ctaPath ?? null,
});

export async function createStep(db: Db, actor: Actor, spaceId: number, input: StepFields): Promise<StepRecord> {
  return db.transaction(async (tx) => {
    await lockSpace(tx, spaceId);
    const [agg] = await tx
      .select({ next: sql<number>`coalesce(max(${steps.position}), -1) + 1`.mapWith(Number), active: sql<number>`count(*) filter (where ${steps.active})`.mapWith(Number) })
      .from(steps)
      .where(eq(steps.spaceId, spaceId));
    const [row] = await tx
      .insert(steps)
      .values({ spaceId, position: agg?.next ?? 0, active: (agg?.active ?? 0) === 0, ...fields(input) })
      .returning();
    if (!row) throw new Error("step insert returned nothing");
    await audit(tx, { actorId: actor.id, action: "step.create", resourceType: "step", resourceId: row.id, spaceId, after: row, ip: actor.ip });
    return row;
  });
}

export async function updateStep(db: Db, actor: Actor, spaceId: number, stepId: number, input: StepFields): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(steps).where(and(eq(steps.id, stepId), eq(steps.spaceId, spaceId))).for("update");
    if (!before) return false;
    const [after] = await tx.update(steps).set(fields(input)).where(eq(steps.id, stepId)).returning();
    await audit(tx, { actorId: actor.id, action: "step.update", resourceType: "step", resourceId: stepId, spaceId, before, after, ip: actor.ip });
    return true;
  });
}

/** Makes `stepId` the one active step of its process. */
export async function activateStep(db: Db, actor: Actor, spaceId: number, stepId: number): Promise<boolean> {
  return db.transaction((tx) => makeActive(tx, { actorId: actor.id, ip: actor.ip }, spaceId, stepId));
}

/**
 * Inside a transaction: activates `stepId` under a lock on its space and audits it (`actorId` null: the
 * system, with `why` in the entry). False if the step is not the space's.
 */
export async function makeActive(tx: Db, by: { actorId: number | null; ip: string | null; why?: Record<string, unknown> }, spaceId: number, stepId: number): Promise<boolean> {
  await lockSpace(tx, spaceId);
  const [target] = await tx.select().from(steps).where(and(eq(steps.id, stepId), eq(steps.spaceId, spaceId)));
  if (!target) return false;
  const [previous] = await tx.select({ id: steps.id }).from(steps).where(and(eq(steps.spaceId, spaceId), eq(steps.active, true)));
  await tx.update(steps).set({ active: false }).where(and(eq(steps.spaceId, spaceId), ne(steps.id, stepId)));
  await tx.update(steps).set({ active: true }).where(eq(steps.id, stepId));
  await audit(tx, { actorId: by.actorId, action: "step.activate", resourceType: "step", resourceId: stepId, spaceId, before: { activeStepId: previous?.id ?? null }, after: { activeStepId: stepId, ...by.why }, ip: by.ip });
  return true;
}

/** Deletes a step; if it was the active one, the first remaining step becomes active. */
export async function deleteStep(db: Db, actor: Actor, spaceId: number, stepId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockSpace(tx, spaceId);
    const [gone] = await tx.delete(steps).where(and(eq(steps.id, stepId), eq(steps.spaceId, spaceId))).returning();
    if (!gone) return false;
    if (gone.active) {
      const [first] = await tx.select({ id: steps.id }).from(steps).where(eq(steps.spaceId, spaceId)).orderBy(asc(steps.position)).limit(1);
      if (first) await tx.update(steps).set({ active: true }).where(eq(steps.id, first.id));
    }
    await audit(tx, { actorId: actor.id, action: "step.delete", resourceType: "step", resourceId: stepId, spaceId, before: gone, ip: actor.ip });
    return true;
  });
}

/** Swaps a step with its neighbour (up: -1, down: +1). */
export async function moveStep(db: Db, actor: Actor, spaceId: number, stepId: number, direction: -1 | 1): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockSpace(tx, spaceId);
    const all = await tx.select().from(steps).where(eq(steps.spaceId, spaceId)).orderBy(asc(steps.position), asc(steps.id));
    const i = all.findIndex((s) => s.id === stepId);
    const j = i + direction;
    const a = all[i];
    const b = all[j];
    if (!a || !b) return false;
    // Renumber densely so equal positions never make the order ambiguous.
    const order = all.map((s) => s.id);
    order[i] = b.id;
    order[j] = a.id;
    for (const [position, id] of order.entries()) await tx.update(steps).set({ position }).where(eq(steps.id, id));
    await audit(tx, { actorId: actor.id, action: "step.move", resourceType: "step", resourceId: stepId, spaceId, before: { position: i }, after: { position: j }, ip: actor.ip });
    return true;
  });
}
