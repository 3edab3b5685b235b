/**
 * What a person is to one space: organization admin, their space roles, and whether they belong to a
 * private space (private user or assembly member). Loaded once per request with one query.
 */
import { sql, type Placeholder, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { CurrentUser } from "../http/context";
import type { SpaceRole, SpaceType } from "../spaces/schema";

export interface SpaceAccess {
  orgAdmin: boolean;
  roles: SpaceRole[];
  privateMember: boolean;
}

export const NO_ACCESS: SpaceAccess = { orgAdmin: false, roles: [], privateMember: false };

const ROLES: readonly string[] = ["admin", "moderator", "evaluator", "collaborator"];

export async function loadSpaceAccess(db: Db, user: CurrentUser | null, spaceId: number): Promise<SpaceAccess> {
  if (!user) return NO_ACCESS;
  const result = await db.execute<{ kinds: string[] }>(sql`select ${accessKindsSql(user.id, sql`${spaceId}`)} as kinds`);
  return accessOf(user, result.rows[0]?.kinds ?? []);
}

/** The person's kinds of access to the space `spaceId` (an SQL expression) as a text array: roles, and "private". */
export function accessKindsSql(userId: number | Placeholder | SQL, spaceId: SQL): SQL<string[]> {
  return sql<string[]>`array(
    select role::text from space_roles where space_id = ${spaceId} and user_id = ${userId}
    union all select 'private' from space_private_users where space_id = ${spaceId} and user_id = ${userId}
    union all select 'private' from assembly_members where space_id = ${spaceId} and user_id = ${userId} and ceased_at is null)`;
}

/** A person's access from the kinds `accessKindsSql` read. */
export function accessOf(user: CurrentUser | null, kinds: readonly string[]): SpaceAccess {
  if (!user) return NO_ACCESS;
  return {
    orgAdmin: user.isAdmin,
    roles: kinds.filter((k): k is SpaceRole => ROLES.includes(k)),
    privateMember: kinds.includes("private"),
  };
}

export interface VisibilityFacts {
  type: SpaceType;
  publishedAt: Date | null;
  isPrivate: boolean;
  isTransparent: boolean;
}

/** Who sees a space: everyone once published, unless private (then members), and role holders preview it unpublished. */
export function canViewSpace(space: VisibilityFacts, access: SpaceAccess): boolean {
  if (access.orgAdmin) return true;
  const roleHolder = access.roles.length > 0;
  if (!space.publishedAt) return roleHolder;
  if (space.isPrivate && !(space.type === "assembly" && space.isTransparent)) return roleHolder || access.privateMember;
  return true;
}

/** Space administration: organization admins and the space's own admins. */
export const canAdministerSpace = (access: SpaceAccess): boolean => access.orgAdmin || access.roles.includes("admin");

/** Seeing unpublished components and content: any role in the space. */
export const canPreviewSpace = (access: SpaceAccess): boolean => access.orgAdmin || access.roles.length > 0;

/**
 * SQL for "anyone may read this space", on the spaces row aliased `alias` (a constant of the query,
 * never input): published, and not private unless it is a transparent assembly. The SQL form of
 * `canViewSpace` for a visitor, for queries that list public content (search, open data, petitions).
 */
export function publicSpaceSql(alias: string): SQL {
  if (!/^[a-z_]+$/.test(alias)) throw new Error(`not an alias: ${alias}`);
  return sql.raw(`(${alias}.published_at is not null and (not ${alias}.is_private or (${alias}.type = 'assembly' and ${alias}.is_transparent)))`);
}
