/**
 * `canSeeResource` (access.ts) as SQL, for queries over many people at once (the relay's recipients)
 * or many resources at once (what someone follows): a space's staff see everything in it; others
 * need the space (published, and open or theirs as a member), the component published, and the
 * resource public or their own.
 */
import { sql, type SQL } from "drizzle-orm";

/** Organization admin, or any role in the space (canPreviewSpace). `user` is the users row's alias. */
export function staffSql(user: string, spaceId: SQL): SQL {
  return sql`(${sql.raw(alias(user))}.is_admin or exists (select 1 from space_roles sr where sr.space_id = ${spaceId} and sr.user_id = ${sql.raw(alias(user))}.id))`;
}

/** A private space's member: admitted private user, or a sitting assembly member. */
export function privateMemberSql(userId: SQL, spaceId: SQL): SQL {
  return sql`(exists (select 1 from space_private_users pu where pu.space_id = ${spaceId} and pu.user_id = ${userId})
    or exists (select 1 from assembly_members am where am.space_id = ${spaceId} and am.user_id = ${userId} and am.ceased_at is null))`;
}

/** canViewSpace for someone who is not staff, on the spaces row aliased `space`. */
export function seesSpaceSql(space: string, userId: SQL): SQL {
  const s = alias(space);
  return sql`(${sql.raw(s)}.published_at is not null and (not ${sql.raw(s)}.is_private or (${sql.raw(s)}.type = 'assembly' and ${sql.raw(s)}.is_transparent) or ${privateMemberSql(userId, sql.raw(`${s}.id`))}))`;
}

function alias(name: string): string {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`not an alias: ${name}`);
  return name;
}
