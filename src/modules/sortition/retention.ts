/**
 * Deleting personal data after its retention period (the daily job `sortition.retention`, also run
 * from the back office): for a recruitment closed more than `retentionDays` ago, its sealed register
 * rows, its printed letters, the sealed codes of its invitations (unused invitations go entirely; a
 * used one keeps its hash and its link to the registration), and its registrations' sealed contacts
 * and identity hashes, and the pool contacts of the draws made from its registrations; for a draw past
 * its `retentionUntil`, its pool's contacts. What the draws and
 * their public records use (the strata, the pool by category) stays. Each deletion is audited, by
 * nobody (the system), with the counts deleted, and `personalDataDeletedAt` shows it in the back office.
 */
import { and, eq, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import { components } from "../../core/spaces/schema";
import { sortitionDraws, sortitionInvitations, sortitionLetterBatches, sortitionPoolContacts, sortitionRecruitments, sortitionRegisterRows, sortitionRegistrations } from "./schema";
import { forgetAfter } from "./recruitment-cache";

export const RETENTION_JOB = "sortition.retention";

export interface RetentionReport {
  recruitments: number[];
  draws: number[];
}

async function spaceOf(tx: Db, componentId: number): Promise<number | null> {
  const [c] = await tx.select({ spaceId: components.spaceId }).from(components).where(eq(components.id, componentId));
  return c?.spaceId ?? null;
}

/** Deletes one recruitment's personal data now (whatever its dates); false when already done. */
export async function deleteRecruitmentPersonalData(db: Db, recruitmentId: number, actorId: number | null = null): Promise<boolean> {
  return forgetAfter(recruitmentId, db.transaction(async (tx) => {
    const [r] = await tx.select({ componentId: sortitionRecruitments.componentId, done: sortitionRecruitments.personalDataDeletedAt }).from(sortitionRecruitments).where(eq(sortitionRecruitments.id, recruitmentId)).for("update");
    if (!r || r.done) return false;
    const rows = await tx.delete(sortitionRegisterRows).where(eq(sortitionRegisterRows.recruitmentId, recruitmentId)).returning({ row: sortitionRegisterRows.row });
    const letters = await tx.update(sortitionLetterBatches).set({ pdfSealed: null }).where(and(eq(sortitionLetterBatches.recruitmentId, recruitmentId), isNotNull(sortitionLetterBatches.pdfSealed))).returning({ batch: sortitionLetterBatches.batch });
    const unused = await tx.delete(sortitionInvitations).where(and(eq(sortitionInvitations.recruitmentId, recruitmentId), isNull(sortitionInvitations.usedAt))).returning({ id: sortitionInvitations.id });
    const used = await tx.update(sortitionInvitations).set({ codeSealed: Buffer.alloc(0) }).where(and(eq(sortitionInvitations.recruitmentId, recruitmentId), isNotNull(sortitionInvitations.usedAt))).returning({ id: sortitionInvitations.id });
    const contacts = await tx
      .update(sortitionRegistrations)
      .set({ contactSealed: null, dedupeHash: null })
      .where(and(eq(sortitionRegistrations.recruitmentId, recruitmentId), sql`(${sortitionRegistrations.contactSealed} is not null or ${sortitionRegistrations.dedupeHash} is not null)`))
      .returning({ id: sortitionRegistrations.id });
    // The draws made from these registrations hold copies of their contacts: those go too.
    const draws = await tx.update(sortitionDraws).set({ personalDataDeletedAt: new Date() }).where(and(eq(sortitionDraws.recruitmentId, recruitmentId), isNull(sortitionDraws.personalDataDeletedAt))).returning({ id: sortitionDraws.id });
    const poolContacts = draws.length === 0 ? [] : await tx.delete(sortitionPoolContacts).where(inArray(sortitionPoolContacts.drawId, draws.map((d) => d.id))).returning({ row: sortitionPoolContacts.row });
    await tx.update(sortitionRecruitments).set({ personalDataDeletedAt: new Date() }).where(eq(sortitionRecruitments.id, recruitmentId));
    await audit(tx, {
      actorId,
      action: "sortition.recruitment.personalDataDeleted",
      resourceType: "sortition_recruitment",
      resourceId: recruitmentId,
      spaceId: await spaceOf(tx, r.componentId),
      after: { registerRows: rows.length, letterBatches: letters.length, unusedInvitations: unused.length, usedCodes: used.length, registrationContacts: contacts.length, draws: draws.map((d) => d.id), poolContacts: poolContacts.length },
    });
    return true;
  }));
}

/** Deletes one draw's pool contacts now; false when already done. */
export async function deleteDrawPersonalData(db: Db, drawId: number, actorId: number | null = null): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [d] = await tx.select({ componentId: sortitionDraws.componentId, done: sortitionDraws.personalDataDeletedAt }).from(sortitionDraws).where(eq(sortitionDraws.id, drawId)).for("update");
    if (!d || d.done) return false;
    const contacts = await tx.delete(sortitionPoolContacts).where(eq(sortitionPoolContacts.drawId, drawId)).returning({ row: sortitionPoolContacts.row });
    await tx.update(sortitionDraws).set({ personalDataDeletedAt: new Date() }).where(eq(sortitionDraws.id, drawId));
    await audit(tx, { actorId, action: "sortition.draw.personalDataDeleted", resourceType: "sortition_draw", resourceId: drawId, spaceId: await spaceOf(tx, d.componentId), after: { poolContacts: contacts.length } });
    return true;
  });
}

/** Everything past its retention period at `now`: recruitments closed + retentionDays ago, draws past retentionUntil. */
export async function applyRetention(db: Db, now = new Date()): Promise<RetentionReport> {
  const due = await db
    .select({ id: sortitionRecruitments.id })
    .from(sortitionRecruitments)
    .where(and(isNull(sortitionRecruitments.personalDataDeletedAt), isNotNull(sortitionRecruitments.closedAt), sql`${sortitionRecruitments.closedAt} + make_interval(days => ${sortitionRecruitments.retentionDays}) <= ${now}`));
  const draws = await db
    .select({ id: sortitionDraws.id })
    .from(sortitionDraws)
    .where(and(isNull(sortitionDraws.personalDataDeletedAt), isNotNull(sortitionDraws.retentionUntil), lt(sortitionDraws.retentionUntil, now)));
  const report: RetentionReport = { recruitments: [], draws: [] };
  for (const r of due) if (await deleteRecruitmentPersonalData(db, r.id)) report.recruitments.push(r.id);
  for (const d of draws) if (await deleteDrawPersonalData(db, d.id)) report.draws.push(d.id);
  return report;
}

/** When a recruitment's personal data goes (null while it is not closed). */
export function recruitmentRetentionEnd(r: { closedAt: Date | null; retentionDays: number }): Date | null {
  return r.closedAt ? new Date(r.closedAt.getTime() + r.retentionDays * 86_400_000) : null;
}
