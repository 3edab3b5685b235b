/**
 * A recruitment's life in the back office: created as a draft (its questions, consent, letter and
 * dates), edited while no letter went out, its register uploaded (register.ts), its invitations drawn
 * (invitations.ts), opened to registrations without letters (volunteers only), closed (the retention
 * period starts). Every decision audited in its transaction.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import type { Actor } from "../../core/spaces/service";
import type { RecruitmentInput } from "./recruitment-inputs";
import { sortitionRecruitments } from "./schema";
import { forgetAfter } from "./recruitment-cache";

export async function createRecruitment(db: Db, actor: Actor, place: { spaceId: number; componentId: number }, input: RecruitmentInput): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sortitionRecruitments)
      .values({ componentId: place.componentId, ...input, createdBy: actor.id || null })
      .returning({ id: sortitionRecruitments.id });
    if (!row) throw new Error("recruitment insert returned nothing");
    await audit(tx, { actorId: actor.id || null, action: "sortition.recruitment.create", resourceType: "sortition_recruitment", resourceId: row.id, spaceId: place.spaceId, after: input, ip: actor.ip });
    return row.id;
  });
}

/** Saves the settings; the questions and the letter change only until letters go out. */
export async function updateRecruitment(db: Db, actor: Actor, spaceId: number, recruitmentId: number, input: RecruitmentInput): Promise<boolean> {
  return forgetAfter(recruitmentId, db.transaction(async (tx) => {
    const [before] = await tx.select().from(sortitionRecruitments).where(eq(sortitionRecruitments.id, recruitmentId)).for("update");
    if (!before || before.status === "closed") return false;
    const frozen = before.invitedAt !== null || before.status !== "draft";
    const change = frozen ? { title: input.title, consentText: input.consentText, volunteersOpen: input.volunteersOpen, registrationDeadline: input.registrationDeadline, retentionDays: input.retentionDays } : input;
    await tx.update(sortitionRecruitments).set(change).where(eq(sortitionRecruitments.id, recruitmentId));
    await audit(tx, { actorId: actor.id || null, action: "sortition.recruitment.update", resourceType: "sortition_recruitment", resourceId: recruitmentId, spaceId, before: { title: before.title, strata: before.strata, volunteersOpen: before.volunteersOpen, registrationDeadline: before.registrationDeadline, retentionDays: before.retentionDays }, after: change, ip: actor.ip });
    return true;
  }));
}

/** Opens registrations (a draft, e.g. volunteers only without letters) or closes them (the retention period starts). */
export async function setRecruitmentStatus(db: Db, actor: Actor, spaceId: number, recruitmentId: number, to: "open" | "closed"): Promise<boolean> {
  return forgetAfter(recruitmentId, db.transaction(async (tx) => {
    const from = to === "open" ? sql`${sortitionRecruitments.status} = 'draft'` : sql`${sortitionRecruitments.status} <> 'closed'`;
    const [row] = await tx
      .update(sortitionRecruitments)
      .set(to === "open" ? { status: "open" } : { status: "closed", closedAt: new Date() })
      .where(and(eq(sortitionRecruitments.id, recruitmentId), from))
      .returning({ id: sortitionRecruitments.id });
    if (!row) return false;
    await audit(tx, { actorId: actor.id || null, action: `sortition.recruitment.${to === "open" ? "open" : "close"}`, resourceType: "sortition_recruitment", resourceId: recruitmentId, spaceId, ip: actor.ip });
    return true;
  }));
}

/** Registrations counted by how they came (one query): for the recruitment's page. */
export async function registrationCounts(db: Db, recruitmentId: number): Promise<{ total: number; invited: number; usedCodes: number }> {
  const rows = await db.execute<{ total: number; invited: number; used: number }>(sql`
    select (select count(*)::int from sortition_registrations where recruitment_id = ${recruitmentId} and withdrawn_at is null and duplicate_of is null) as total,
           (select count(*)::int from sortition_registrations where recruitment_id = ${recruitmentId} and source = 'invitation' and withdrawn_at is null) as invited,
           (select count(*)::int from sortition_invitations where recruitment_id = ${recruitmentId} and used_at is not null) as used`);
  const r = rows.rows[0];
  return { total: r?.total ?? 0, invited: r?.invited ?? 0, usedCodes: r?.used ?? 0 };
}
