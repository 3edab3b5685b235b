/**
 * The life of a draw: created as a draft with its pool (categories apart from the contacts), its
 * public randomness committed; started once the randomness is known (seed inputs and seed fixed,
 * status "running"); run in a worker thread (draw-run.ts) to "done", "failed" or "cancelled";
 * published (its record becomes public); its panel seated as the assembly's members "drawn by lot".
 * Every decision is audited in its transaction. The web pages and `pnyx assemblies draw` call these.
 */
import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import type { Translatable } from "../../core/i18n/locales";
import { assemblyMembers } from "../../core/spaces/schema";
import type { Actor } from "../../core/spaces/service";
import { drawFiles, ENGINE_VERSION, type DrawFiles, type PreparedPool } from "./pool";
import { sortitionDraws, sortitionPoolContacts, sortitionPoolPeople, sortitionSeats, type DrawAlgorithm, type DrawRow } from "./schema";

const BATCH = 2_000;

export interface NewDraw {
  title: Translatable;
  k: number;
  algorithm: DrawAlgorithm;
  commitment: string;
  /** Known now (e.g. from the command line's --seed), or entered later. */
  randomness?: string | undefined;
  householdColumns: string[];
  pool: PreparedPool;
  /** The recruitment whose registrations are the pool (registration-draw.ts); none for an uploaded pool. */
  recruitmentId?: number;
}

/** Stores a draft draw with its pool; resolves to its id. */
export async function createDraw(db: Db, actor: Actor, place: { spaceId: number; componentId: number }, d: NewDraw): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sortitionDraws)
      .values({
        componentId: place.componentId,
        title: d.title,
        k: d.k,
        algorithm: d.algorithm,
        quotas: d.pool.quotas,
        categories: d.pool.categories,
        householdColumns: d.householdColumns,
        poolSize: d.pool.people.length,
        commitment: d.commitment,
        randomness: d.randomness ?? null,
        randomnessAt: d.randomness === undefined ? null : new Date(),
        requestedBy: actor.id || null,
        recruitmentId: d.recruitmentId ?? null,
      })
      .returning({ id: sortitionDraws.id });
    if (!row) throw new Error("draw insert returned nothing");
    for (let i = 0; i < d.pool.people.length; i += BATCH) {
      await tx.insert(sortitionPoolPeople).values(d.pool.people.slice(i, i + BATCH).map((p) => ({ drawId: row.id, row: p.row, features: p.features, household: p.household })));
      await tx.insert(sortitionPoolContacts).values(d.pool.contacts.slice(i, i + BATCH).map((c) => ({ drawId: row.id, ...c })));
    }
    await audit(tx, { actorId: actor.id || null, action: "sortition.draw.create", resourceType: "sortition_draw", resourceId: row.id, spaceId: place.spaceId, after: { k: d.k, algorithm: d.algorithm, commitment: d.commitment, pool: d.pool.people.length, categories: d.pool.categories, householdColumns: d.householdColumns, ...(d.recruitmentId === undefined ? {} : { recruitmentId: d.recruitmentId }) }, ip: actor.ip });
    return row.id;
  });
}

/** The component's draws, newest first (at most 50). */
export async function listDraws(db: Db, componentId: number, onlyPublished: boolean): Promise<DrawRow[]> {
  const where = onlyPublished ? and(eq(sortitionDraws.componentId, componentId), eq(sortitionDraws.status, "published")) : eq(sortitionDraws.componentId, componentId);
  return db.select().from(sortitionDraws).where(where).orderBy(desc(sortitionDraws.createdAt), desc(sortitionDraws.id)).limit(50);
}

export async function findDraw(db: Db, componentId: number, drawId: number): Promise<DrawRow | null> {
  const [row] = await db.select().from(sortitionDraws).where(and(eq(sortitionDraws.id, drawId), eq(sortitionDraws.componentId, componentId)));
  return row ?? null;
}

/** The published files of a draw (from its pool snapshot: never its contacts), or null before its randomness is known. */
export async function loadDrawFiles(db: Db, d: DrawRow): Promise<DrawFiles | null> {
  if (d.randomness === null) return null;
  const people = await db.select({ row: sortitionPoolPeople.row, features: sortitionPoolPeople.features, household: sortitionPoolPeople.household }).from(sortitionPoolPeople).where(eq(sortitionPoolPeople.drawId, d.id)).orderBy(asc(sortitionPoolPeople.row));
  return drawFiles({ quotas: d.quotas, categories: d.categories, householdRule: d.householdColumns.length > 0, people, k: d.k, algorithm: d.algorithm, randomness: d.randomness });
}

const EDITABLE = sql`${sortitionDraws.status} in ('draft', 'failed', 'cancelled')`;

/** Enters the value of the committed randomness (before the draw runs). */
export async function setRandomness(db: Db, actor: Actor, spaceId: number, drawId: number, value: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(sortitionDraws).set({ randomness: value, randomnessAt: new Date() }).where(and(eq(sortitionDraws.id, drawId), EDITABLE)).returning({ id: sortitionDraws.id });
    if (!row) return false;
    await audit(tx, { actorId: actor.id || null, action: "sortition.draw.randomness", resourceType: "sortition_draw", resourceId: drawId, spaceId, after: { randomness: value }, ip: actor.ip });
    return true;
  });
}

export type StartOutcome = { ok: true } | { ok: false; reason: "missing" | "status" | "randomness" };

/** Fixes the seed from the published inputs and marks the draw running; the caller runs it (job or in-process). */
export async function startDraw(db: Db, actor: Actor, spaceId: number, drawId: number): Promise<StartOutcome> {
  return db.transaction(async (tx) => {
    const [d] = await tx.select().from(sortitionDraws).where(eq(sortitionDraws.id, drawId)).for("update");
    if (!d) return { ok: false, reason: "missing" } as const;
    if (!["draft", "failed", "cancelled"].includes(d.status)) return { ok: false, reason: "status" } as const;
    const files = await loadDrawFiles(tx, d);
    if (!files) return { ok: false, reason: "randomness" } as const;
    const inputs = files.inputs as unknown as Record<string, unknown>;
    await tx
      .update(sortitionDraws)
      .set({ status: "running", seedInputs: inputs, seed: files.seed, engineVersion: ENGINE_VERSION, progress: null, result: null, error: null, cancelRequestedAt: null, startedAt: new Date(), finishedAt: null, durationMs: null })
      .where(eq(sortitionDraws.id, drawId));
    await audit(tx, { actorId: actor.id || null, action: "sortition.draw.start", resourceType: "sortition_draw", resourceId: drawId, spaceId, after: { seed: files.seed, inputs }, ip: actor.ip });
    return { ok: true } as const;
  });
}

/** Asks a running draw to stop (the run polls it); a draw not yet running is simply cancelled. */
export async function cancelDraw(db: Db, actor: Actor, spaceId: number, drawId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [d] = await tx.select({ status: sortitionDraws.status }).from(sortitionDraws).where(eq(sortitionDraws.id, drawId)).for("update");
    if (!d || !["draft", "running"].includes(d.status)) return false;
    if (d.status === "running") await tx.update(sortitionDraws).set({ cancelRequestedAt: new Date() }).where(eq(sortitionDraws.id, drawId));
    else await tx.update(sortitionDraws).set({ status: "cancelled", finishedAt: new Date() }).where(eq(sortitionDraws.id, drawId));
    await audit(tx, { actorId: actor.id || null, action: "sortition.draw.cancel", resourceType: "sortition_draw", resourceId: drawId, spaceId, ip: actor.ip });
    return true;
  });
}

/**
 * Publishes a finished draw: its record page and JSON become public. With `retentionMonths` (the
 * component's `poolRetentionMonths`) the pool's personal data (names, emails) is kept that many months
 * from now and then deleted by the retention job (retention.ts); the record never held any.
 */
export async function publishDraw(db: Db, actor: Actor, spaceId: number, drawId: number, retentionMonths = 0): Promise<boolean> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const retentionUntil = retentionMonths > 0 ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + retentionMonths, now.getUTCDate())) : null;
    const [row] = await tx
      .update(sortitionDraws)
      .set({ status: "published", publishedAt: now, ...(retentionUntil ? { retentionUntil } : {}) })
      .where(and(eq(sortitionDraws.id, drawId), eq(sortitionDraws.status, "done")))
      .returning({ seed: sortitionDraws.seed });
    if (!row) return false;
    await audit(tx, { actorId: actor.id || null, action: "sortition.draw.publish", resourceType: "sortition_draw", resourceId: drawId, spaceId, after: { seed: row.seed, retentionUntil: retentionUntil?.toISOString() ?? null }, ip: actor.ip });
    return true;
  });
}

export type SeatOutcome = { ok: true; seated: number } | { ok: false; reason: "status" | "seated" };

/**
 * Seats a published draw's panel as the assembly's members, designation "drawn": the name each person
 * agreed to show, else "Member N" (N their place in the panel); each seat is recorded confirmed (so
 * rotations see it). Once per draw, and not after its panel was invited to confirm (seats-service.ts).
 */
export async function seatPanel(db: Db, actor: Actor, spaceId: number, drawId: number, anonymousName: (n: number) => string): Promise<SeatOutcome> {
  return db.transaction(async (tx) => {
    const [d] = await tx.select().from(sortitionDraws).where(eq(sortitionDraws.id, drawId)).for("update");
    if (!d || d.status !== "published" || !d.result) return { ok: false, reason: "status" } as const;
    if (d.seatedAt) return { ok: false, reason: "seated" } as const;
    const [invited] = await tx.select({ n: sql<number>`count(*)::int` }).from(sortitionSeats).where(eq(sortitionSeats.drawId, drawId));
    if ((invited?.n ?? 0) > 0) return { ok: false, reason: "seated" } as const;
    const panel = d.result.panel;
    const contacts = panel.length === 0 ? [] : await tx.select({ row: sortitionPoolContacts.row, name: sortitionPoolContacts.name, showName: sortitionPoolContacts.showName }).from(sortitionPoolContacts).where(and(eq(sortitionPoolContacts.drawId, drawId), inArray(sortitionPoolContacts.row, panel)));
    const byRow = new Map(contacts.map((c) => [c.row, c]));
    const [{ weight } = { weight: 0 }] = await tx.select({ weight: sql<number>`coalesce(max(${assemblyMembers.weight}), -1)::int + 1` }).from(assemblyMembers).where(eq(assemblyMembers.spaceId, spaceId));
    const rows = panel.map((row, i) => {
      const c = byRow.get(row);
      return { spaceId, name: c?.showName && c.name ? c.name : anonymousName(i + 1), position: "member" as const, designation: "drawn" as const, weight: weight + i };
    });
    const now = new Date();
    if (rows.length > 0) {
      const members = await tx.insert(assemblyMembers).values(rows).returning({ id: assemblyMembers.id, weight: assemblyMembers.weight });
      const byWeight = new Map(members.map((m) => [m.weight, m.id]));
      // Seated without asking (the answers came another way): each seat confirmed now, with a link nobody holds.
      await tx.insert(sortitionSeats).values(panel.map((row, i) => ({ drawId, row, status: "confirmed" as const, tokenHash: randomBytes(32).toString("hex"), invitedAt: now, deadlineAt: now, answeredAt: now, memberId: byWeight.get(weight + i) ?? null })));
    }
    await tx.update(sortitionDraws).set({ seatedAt: now }).where(eq(sortitionDraws.id, drawId));
    await audit(tx, { actorId: actor.id || null, action: "sortition.draw.seat", resourceType: "sortition_draw", resourceId: drawId, spaceId, after: { seated: rows.length }, ip: actor.ip });
    return { ok: true, seated: rows.length } as const;
  });
}

/** Published draws in these components (their records are public: deleting the component needs an organization admin's force). */
export async function publishedDrawsIn(db: Db, componentIds: number[]): Promise<number> {
  if (componentIds.length === 0) return 0;
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(sortitionDraws).where(and(inArray(sortitionDraws.componentId, componentIds), eq(sortitionDraws.status, "published")));
  return row?.n ?? 0;
}

/** How many people of the pool have each category's value (key `category\u0000feature`), in one query. */
export async function poolComposition(db: Db, d: Pick<DrawRow, "id" | "categories">): Promise<Map<string, number>> {
  const rows = await db.execute<{ at: number; feature: string; n: number }>(sql`
    select c.at, p.features->>c.at as feature, count(*)::int as n
    from sortition_pool_people p cross join generate_series(0, ${d.categories.length - 1}) as c(at)
    where p.draw_id = ${d.id} group by 1, 2`);
  return new Map(rows.rows.map((r) => [`${d.categories[r.at] ?? ""}\u0000${r.feature}`, r.n]));
}
