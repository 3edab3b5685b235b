/**
 * Duplicates to review: registrations stored as repeats of an earlier one (same email, or same name and
 * phone: `identityHash`) wait for staff, who either keep them (two people after all, e.g. a couple
 * sharing an address: the registration joins the pool) or confirm the duplicate (it is withdrawn and
 * stays out of the pool). Each decision is audited in its transaction; keeping one updates the live
 * composition.
 */
import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import type { Config } from "../../config";
import { audit } from "../../core/audit/audit";
import type { Actor } from "../../core/spaces/service";
import { compositionTopic, keysFor, publishLive, type RegistrationContact } from "./registration-service";
import { sortitionRegistrations, type RegistrationSource } from "./schema";
import { unseal } from "./sealed";

export interface RegistrationSummary {
  id: number;
  source: RegistrationSource;
  createdAt: Date;
  features: Record<string, string>;
  contact: RegistrationContact | null;
}

export interface DuplicatePair {
  repeat: RegistrationSummary;
  original: RegistrationSummary;
}

const LIST_MAX = 200;

/** The repeats waiting for review with the registration each repeats (one query, at most 200). */
export async function duplicatesToReview(db: Db, config: Pick<Config, "SESSION_SECRET">, recruitmentId: number): Promise<DuplicatePair[]> {
  const keys = keysFor(config);
  const o = alias(sortitionRegistrations, "original");
  const r = sortitionRegistrations;
  const rows = await db
    .select({
      id: r.id, source: r.source, createdAt: r.createdAt, features: r.features, contact: r.contactSealed,
      oId: o.id, oSource: o.source, oCreatedAt: o.createdAt, oFeatures: o.features, oContact: o.contactSealed,
    })
    .from(r)
    .innerJoin(o, eq(o.id, r.duplicateOf))
    .where(and(eq(r.recruitmentId, recruitmentId), isNotNull(r.duplicateOf), isNull(r.withdrawnAt)))
    .orderBy(asc(r.id))
    .limit(LIST_MAX);
  const open = (b: Buffer | null) => (b ? unseal<RegistrationContact>(keys, b) : null);
  return rows.map((x) => ({
    repeat: { id: x.id, source: x.source, createdAt: x.createdAt, features: x.features, contact: open(x.contact) },
    original: { id: x.oId, source: x.oSource, createdAt: x.oCreatedAt, features: x.oFeatures, contact: open(x.oContact) },
  }));
}

export type Review = "keep" | "duplicate";

/** Staff's decision on a repeat still waiting for review; false when it is not one (any more). */
export async function reviewDuplicate(db: Db, actor: Actor, spaceId: number, recruitmentId: number, registrationId: number, decision: Review): Promise<boolean> {
  return db.transaction(async (tx) => {
    const r = sortitionRegistrations;
    const waiting = and(eq(r.id, registrationId), eq(r.recruitmentId, recruitmentId), isNotNull(r.duplicateOf), isNull(r.withdrawnAt));
    const [row] = await tx
      .update(r)
      .set(decision === "keep" ? { duplicateOf: null } : { withdrawnAt: new Date() })
      .where(waiting)
      .returning({ features: r.features });
    if (!row) return false;
    await audit(tx, { actorId: actor.id || null, action: decision === "keep" ? "sortition.registration.keep" : "sortition.registration.duplicate", resourceType: "sortition_registration", resourceId: registrationId, spaceId, after: { recruitmentId }, ip: actor.ip });
    if (decision === "keep") await publishLive(tx, compositionTopic(recruitmentId), { delta: 1, features: row.features });
    return true;
  });
}
