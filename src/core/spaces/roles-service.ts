/** Space roles (admin, moderator, evaluator, collaborator), assigned by email and audited. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../accounts/schema";
import { findUserByEmail } from "../accounts/users";
import { audit } from "../audit/audit";
import { fail, ok, type Result } from "../http/result";
import { spacePrivateUsers, spaceRoles, type SpaceRole } from "./schema";
import type { Actor } from "./service";

export interface RoleHolder {
  id: number;
  role: SpaceRole;
  userId: number;
  name: string;
  email: string | null;
}

/** A space's role holders with their names, one query. */
export async function listRoles(db: Db, spaceId: number): Promise<RoleHolder[]> {
  return db
    .select({ id: spaceRoles.id, role: spaceRoles.role, userId: spaceRoles.userId, name: users.name, email: users.email })
    .from(spaceRoles)
    .innerJoin(users, eq(users.id, spaceRoles.userId))
    .where(eq(spaceRoles.spaceId, spaceId))
    .orderBy(asc(sql`lower(${users.name})`), asc(spaceRoles.role));
}

export async function listPrivateUsers(db: Db, spaceId: number): Promise<Array<{ id: number; name: string; email: string | null }>> {
  return db
    .select({ id: spacePrivateUsers.id, name: users.name, email: users.email })
    .from(spacePrivateUsers)
    .innerJoin(users, eq(users.id, spacePrivateUsers.userId))
    .where(eq(spacePrivateUsers.spaceId, spaceId))
    .orderBy(asc(sql`lower(${users.name})`));
}

export async function assignRole(db: Db, actor: Actor, spaceId: number, email: string, role: SpaceRole): Promise<Result<number>> {
  const user = await findUserByEmail(db, email);
  if (!user || user.deletedAt) return fail({ email: { key: "spaces.roles.userNotFound" } });
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(spaceRoles).values({ spaceId, userId: user.id, role }).onConflictDoNothing().returning();
    if (!row) return fail({ role: { key: "spaces.roles.alreadyHeld" } });
    await audit(tx, { actorId: actor.id, action: "space_role.assign", resourceType: "space_role", resourceId: row.id, spaceId, after: { userId: user.id, role }, ip: actor.ip });
    return ok(row.id);
  });
}

export async function revokeRole(db: Db, actor: Actor, spaceId: number, roleId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [gone] = await tx.delete(spaceRoles).where(and(eq(spaceRoles.id, roleId), eq(spaceRoles.spaceId, spaceId))).returning();
    if (gone) await audit(tx, { actorId: actor.id, action: "space_role.revoke", resourceType: "space_role", resourceId: roleId, spaceId, before: { userId: gone.userId, role: gone.role }, ip: actor.ip });
  });
}
