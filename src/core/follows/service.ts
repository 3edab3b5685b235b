/**
 * Following any resource or a space. `follow` is explicit (the person pressed "Follow");
 * `autoFollow` is what creating, signing, supporting or commenting does, unless the person turned
 * "follow what I take part in" off on their account page.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { ResourceRef } from "../resources/kinds";

export interface FollowPlace {
  /** The resource's component (null when following a space). */
  componentId: number | null;
  spaceId: number | null;
}

export async function follow(db: Db, userId: number, ref: ResourceRef, place: FollowPlace): Promise<void> {
  await db.execute(sql`
    insert into follows (resource_type, resource_id, user_id, component_id, space_id)
    values (${ref.type}, ${ref.id}, ${userId}, ${place.componentId}, ${place.spaceId})
    on conflict do nothing`);
}

/** Follows on the person's behalf when they take part, if their account says so. */
export async function autoFollow(db: Db, userId: number, ref: ResourceRef, place: FollowPlace): Promise<void> {
  await db.execute(sql`
    insert into follows (resource_type, resource_id, user_id, component_id, space_id)
    select ${ref.type}, ${ref.id}, id, ${place.componentId}, ${place.spaceId} from users where id = ${userId} and follow_by_default
    on conflict do nothing`);
}

export async function unfollow(db: Db, userId: number, ref: ResourceRef): Promise<boolean> {
  const r = await db.execute(sql`delete from follows where resource_type = ${ref.type} and resource_id = ${ref.id} and user_id = ${userId}`);
  return (r.rowCount ?? 0) > 0;
}

export async function isFollowing(db: Db, userId: number, ref: ResourceRef): Promise<boolean> {
  const r = await db.execute(sql`select 1 from follows where resource_type = ${ref.type} and resource_id = ${ref.id} and user_id = ${userId}`);
  return r.rows.length > 0;
}

/**
 * Removes what the kit holds about a resource that no longer exists (a component deleting one calls
 * it in the same transaction): follows, endorsements, co-authorships, its comments (with their votes
 * and versions) and its reports (theirs and its comments'), pending events and in-app notices' links,
 * and its attachments (their bytes with them).
 */
export async function forgetResource(db: Db, ref: ResourceRef): Promise<void> {
  await db.execute(sql`delete from follows where resource_type = ${ref.type} and resource_id = ${ref.id}`);
  await db.execute(sql`delete from endorsements where resource_type = ${ref.type} and resource_id = ${ref.id}`);
  await db.execute(sql`delete from coauthorships where resource_type = ${ref.type} and resource_id = ${ref.id}`);
  await db.execute(sql`delete from moderations where (resource_type = ${ref.type} and resource_id = ${ref.id})
    or (resource_type = 'comment' and resource_id in (select id from comments where resource_type = ${ref.type} and resource_id = ${ref.id}))`);
  await db.execute(sql`delete from comments where resource_type = ${ref.type} and resource_id = ${ref.id}`);
  await db.execute(sql`delete from event_outbox where resource_type = ${ref.type} and resource_id = ${ref.id}`);
  await db.execute(sql`delete from attachments where resource_type = ${ref.type} and resource_id = ${ref.id}`);
}
