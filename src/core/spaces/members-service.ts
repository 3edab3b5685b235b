/** Assembly members (entered by hand, with positions) and a private space's admitted people. */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { findUserByEmail } from "../accounts/users";
import { audit } from "../audit/audit";
import { fail, ok, type Result } from "../http/result";
import type { MemberInput } from "./inputs";
import { assemblyMembers, spacePrivateUsers } from "./schema";
import type { Actor } from "./service";

async function memberValues(db: Db, input: MemberInput): Promise<Result<Omit<typeof assemblyMembers.$inferInsert, "spaceId">>> {
  let userId: number | null = null;
  if (input.userEmail) {
    const user = await findUserByEmail(db, input.userEmail);
    if (!user) return fail({ userEmail: { key: "spaces.roles.userNotFound" } });
    userId = user.id;
  }
  return ok({
    name: input.name,
    position: input.position,
    positionOther: input.position === "other" ? input.positionOther : {},
    designation: input.designation ?? null,
    ceasedAt: input.ceasedAt ?? null,
    weight: input.weight,
    userId,
  });
}

export async function createMember(db: Db, actor: Actor, spaceId: number, input: MemberInput): Promise<Result<number>> {
  const values = await memberValues(db, input);
  if (!values.ok) return values;
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(assemblyMembers).values({ spaceId, ...values.value }).returning();
    if (!row) throw new Error("member insert returned nothing");
    await audit(tx, { actorId: actor.id, action: "assembly_member.create", resourceType: "assembly_member", resourceId: row.id, spaceId, after: row, ip: actor.ip });
    return ok(row.id);
  });
}

export async function updateMember(db: Db, actor: Actor, spaceId: number, memberId: number, input: MemberInput): Promise<Result<number>> {
  const values = await memberValues(db, input);
  if (!values.ok) return values;
  return db.transaction(async (tx) => {
    const where = and(eq(assemblyMembers.id, memberId), eq(assemblyMembers.spaceId, spaceId));
    const [before] = await tx.select().from(assemblyMembers).where(where).for("update");
    if (!before) return fail({ _form: { key: "error.notFound.title" } });
    const [after] = await tx.update(assemblyMembers).set(values.value).where(where).returning();
    await audit(tx, { actorId: actor.id, action: "assembly_member.update", resourceType: "assembly_member", resourceId: memberId, spaceId, before, after, ip: actor.ip });
    return ok(memberId);
  });
}

export async function deleteMember(db: Db, actor: Actor, spaceId: number, memberId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [gone] = await tx.delete(assemblyMembers).where(and(eq(assemblyMembers.id, memberId), eq(assemblyMembers.spaceId, spaceId))).returning();
    if (gone) await audit(tx, { actorId: actor.id, action: "assembly_member.delete", resourceType: "assembly_member", resourceId: memberId, spaceId, before: gone, ip: actor.ip });
  });
}

export async function addPrivateUser(db: Db, actor: Actor, spaceId: number, email: string): Promise<Result<number>> {
  const user = await findUserByEmail(db, email);
  if (!user) return fail({ email: { key: "spaces.roles.userNotFound" } });
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(spacePrivateUsers).values({ spaceId, userId: user.id }).onConflictDoNothing().returning();
    if (!row) return fail({ email: { key: "validation.taken" } });
    await audit(tx, { actorId: actor.id, action: "space_private_user.add", resourceType: "space_private_user", resourceId: row.id, spaceId, after: { userId: user.id }, ip: actor.ip });
    return ok(row.id);
  });
}

export async function removePrivateUser(db: Db, actor: Actor, spaceId: number, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [gone] = await tx.delete(spacePrivateUsers).where(and(eq(spacePrivateUsers.id, id), eq(spacePrivateUsers.spaceId, spaceId))).returning();
    if (gone) await audit(tx, { actorId: actor.id, action: "space_private_user.remove", resourceType: "space_private_user", resourceId: id, spaceId, before: { userId: gone.userId }, ip: actor.ip });
  });
}
