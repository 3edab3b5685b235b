/**
 * Rotation (ADR 19): "replace a third of the members every N months by a new draw from the remaining
 * pool". Starting one on a seated draw that has no rotation yet: the leavers are chosen
 * (rotation-plan.ts), their seats become "ceased" and their memberships end today; a new draft draw
 * (parentDrawId = the draw rotated) is created over the remaining pool (the draw's pool less everyone
 * ever invited in it, renumbered from 1, contacts carried over) with k = the leavers and the quotas
 * adjusted to the staying members. It then runs, is published and invites its panel as any draw does.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import type { Translatable } from "../../core/i18n/locales";
import { assemblyMembers } from "../../core/spaces/schema";
import type { Actor } from "../../core/spaces/service";
import { createDraw } from "./draw-service";
import type { PoolContact, PoolPerson, PreparedPool } from "./pool";
import { adjustQuotas, chooseLeavers, rotationCount } from "./rotation-plan";
import { sortitionDraws, sortitionPoolContacts, sortitionPoolPeople, sortitionSeats, type DrawRow } from "./schema";

const MONTH_MS = 30.44 * 86_400_000;

/** Whether a seated draw is due for its rotation (every `months` months since it was published; 0: never). */
export function rotationDue(d: Pick<DrawRow, "status" | "publishedAt">, seated: boolean, rotated: boolean, months: number, now = new Date()): boolean {
  if (months <= 0 || !seated || rotated || d.status !== "published" || !d.publishedAt) return false;
  return now.getTime() - d.publishedAt.getTime() >= months * MONTH_MS;
}

/** The draws of a chain of rotations, from the root down (the component's draws, one query). */
async function chainOf(tx: Db, d: DrawRow): Promise<{ ids: number[]; depth: number; rotated: boolean }> {
  const all = await tx.select({ id: sortitionDraws.id, parent: sortitionDraws.parentDrawId }).from(sortitionDraws).where(eq(sortitionDraws.componentId, d.componentId));
  const parent = new Map(all.map((x) => [x.id, x.parent]));
  let root = d.id;
  let depth = 0;
  for (let p = parent.get(root); p !== null && p !== undefined && parent.has(p); p = parent.get(root)) {
    root = p;
    depth += 1;
  }
  const ids = [root];
  for (let i = 0; i < ids.length; i++) for (const x of all) if (x.parent === ids[i]) ids.push(x.id);
  return { ids, depth, rotated: all.some((x) => x.parent === d.id) };
}

export type RotationOutcome = { ok: true; drawId: number; leaving: number } | { ok: false; reason: "status" | "rotated" | "empty" | "pool" };

export interface RotationInput {
  title: Translatable;
  commitment: string;
  randomness?: string | undefined;
}

export async function startRotation(db: Db, actor: Actor, spaceId: number, drawId: number, input: RotationInput): Promise<RotationOutcome> {
  return db.transaction(async (tx) => {
    const [d] = await tx.select().from(sortitionDraws).where(eq(sortitionDraws.id, drawId)).for("update");
    if (!d || d.status !== "published" || !d.seed || !d.result) return { ok: false, reason: "status" } as const;
    const chain = await chainOf(tx, d);
    if (chain.rotated) return { ok: false, reason: "rotated" } as const;
    const sitting = await tx
      .select({ id: sortitionSeats.id, drawId: sortitionSeats.drawId, row: sortitionSeats.row, answeredAt: sortitionSeats.answeredAt, memberId: sortitionSeats.memberId, features: sortitionPoolPeople.features })
      .from(sortitionSeats)
      .innerJoin(sortitionPoolPeople, and(eq(sortitionPoolPeople.drawId, sortitionSeats.drawId), eq(sortitionPoolPeople.row, sortitionSeats.row)))
      .where(and(inArray(sortitionSeats.drawId, chain.ids), eq(sortitionSeats.status, "confirmed")))
      .orderBy(asc(sortitionSeats.drawId), asc(sortitionSeats.row))
      .for("update", { of: sortitionSeats });
    const k = rotationCount(sitting.length);
    if (k === 0) return { ok: false, reason: "empty" } as const;
    // The lottery's key of a member is their place in (draw, pool row) order.
    const leavingKeys = new Set(chooseLeavers(d.seed, chain.depth + 1, sitting.map((s, key) => ({ row: key, since: (s.answeredAt ?? d.publishedAt ?? new Date()).toISOString().slice(0, 10) })), k));
    const leaving = sitting.filter((_, key) => leavingKeys.has(key));
    const staying = sitting.filter((_, key) => !leavingKeys.has(key));

    // One after the other: a transaction is one connection, which runs one query at a time.
    const people = await tx.select({ row: sortitionPoolPeople.row, features: sortitionPoolPeople.features, household: sortitionPoolPeople.household }).from(sortitionPoolPeople).where(eq(sortitionPoolPeople.drawId, drawId)).orderBy(asc(sortitionPoolPeople.row));
    const contacts = await tx.select().from(sortitionPoolContacts).where(eq(sortitionPoolContacts.drawId, drawId));
    const invited = await tx.select({ row: sortitionSeats.row }).from(sortitionSeats).where(eq(sortitionSeats.drawId, drawId));
    const gone = new Set([...d.result.panel, ...invited.map((s) => s.row)]);
    const remaining = people.filter((p) => !gone.has(p.row));
    if (remaining.length < k) return { ok: false, reason: "pool" } as const;
    const contactOf = new Map(contacts.map((c) => [c.row, c]));
    const households = new Map<number, number>();
    for (const p of remaining) if (p.household !== null) households.set(p.household, (households.get(p.household) ?? 0) + 1);
    const renumbered = new Map<number, number>();
    const poolPeople: PoolPerson[] = [];
    const poolContacts: PoolContact[] = [];
    remaining.forEach((p, i) => {
      let household: number | null = null;
      if (p.household !== null && (households.get(p.household) ?? 0) > 1) {
        household = renumbered.get(p.household) ?? renumbered.size + 1;
        renumbered.set(p.household, household);
      }
      poolPeople.push({ row: i + 1, features: p.features, household });
      const c = contactOf.get(p.row);
      poolContacts.push({ row: i + 1, externalId: c?.externalId ?? String(p.row), name: c?.name ?? null, email: c?.email ?? null, showName: c?.showName ?? false });
    });
    const pool: PreparedPool = { quotas: adjustQuotas(d.quotas, d.categories, staying.map((s) => s.features), k), categories: d.categories, people: poolPeople, contacts: poolContacts, idColumn: null };

    const today = new Date().toISOString().slice(0, 10);
    await tx.update(sortitionSeats).set({ status: "ceased" }).where(inArray(sortitionSeats.id, leaving.map((s) => s.id)));
    const members = leaving.flatMap((s) => (s.memberId === null ? [] : [s.memberId]));
    if (members.length > 0) await tx.update(assemblyMembers).set({ ceasedAt: today }).where(and(inArray(assemblyMembers.id, members), eq(assemblyMembers.spaceId, spaceId)));
    const newId = await createDraw(tx, actor, { spaceId, componentId: d.componentId }, { title: input.title, k, algorithm: d.algorithm, commitment: input.commitment, randomness: input.randomness, householdColumns: d.householdColumns, pool });
    await tx.update(sortitionDraws).set({ parentDrawId: drawId, confirmDays: d.confirmDays }).where(eq(sortitionDraws.id, newId));
    await audit(tx, {
      actorId: actor.id || null,
      action: "sortition.draw.rotate",
      resourceType: "sortition_draw",
      resourceId: drawId,
      spaceId,
      after: { draw: newId, rotation: chain.depth + 1, sitting: sitting.length, leaving: leaving.map((s) => ({ draw: s.drawId, row: s.row })), pool: poolPeople.length, k },
      ip: actor.ip,
    });
    return { ok: true, drawId: newId, leaving: leaving.length } as const;
  });
}

/** What the draw's page says of a rotation from it: members sitting in its chain, whether one started from it, its depth. Two queries. */
export async function rotationPreview(db: Db, d: DrawRow): Promise<{ sitting: number; rotated: boolean; depth: number }> {
  const chain = await chainOf(db, d);
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(sortitionSeats).where(and(inArray(sortitionSeats.drawId, chain.ids), eq(sortitionSeats.status, "confirmed")));
  return { sitting: row?.n ?? 0, rotated: chain.rotated, depth: chain.depth };
}
