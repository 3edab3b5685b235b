/**
 * Co-authorship of any resource whose kind declares `coauthors` (`true`, or `{ max }` co-authors): an
 * author invites a participant by nickname or email, the invitee accepts or declines, an author may
 * withdraw a pending invitation and a co-author may leave. Accepted co-authors are authors: a kind's
 * `load` adds them to `authorIds` with `authorIdsOf`, one query for the whole batch:
 *
 *   const coauthors = await authorIdsOf(db, ids.map((id) => ({ type: "proposal", id })));
 *   ... authorIds: [row.author_id, ...(coauthors.get(refKey({ type: "proposal", id: row.id })) ?? [])]
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { CurrentUser } from "../http/context";
import { fail, ok, type Result } from "../http/result";
import { defineKitEvent, notify } from "../notifications/outbox";
import { canViewSpace, loadSpaceAccess } from "../permissions/access";
import { resolveResource, type ResolvedResource } from "../resources/access";
import { getResourceKind, type ResourceFacts, type ResourceKind, type ResourceRef } from "../resources/kinds";
import type { CoauthorshipStatus } from "./schema";
import { autoFollow } from "./service";

defineKitEvent("coauthorInvited", { to: ["mentioned"], message: "coauthors.notification.invited" });

/** Takes co-authors. */
export const coauthorable = (kind: ResourceKind | undefined): boolean => Boolean(kind?.coauthors);

/** The most co-authors (invited or accepted) a kind allows besides its author, or null for no limit. */
export function coauthorLimit(kind: ResourceKind): number | null {
  return typeof kind.coauthors === "object" && typeof kind.coauthors.max === "number" ? kind.coauthors.max : null;
}

export const refKey = (ref: ResourceRef): string => `${ref.type}:${ref.id}`;

export const coauthorshipUrl = (ref: ResourceRef): string => `/coauthorships/${encodeURIComponent(ref.type)}/${ref.id}`;

/** The accepted co-authors of each resource (by `refKey`; every asked resource has an entry), in one query. */
export async function authorIdsOf(db: Db, refs: readonly ResourceRef[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>(refs.map((r) => [refKey(r), []]));
  if (refs.length === 0) return out;
  const rows = await db.execute<{ resource_type: string; resource_id: string; user_id: string }>(sql`
    select c.resource_type, c.resource_id, c.user_id
    from coauthorships c join unnest(${sql.param(refs.map((r) => r.type))}::text[], ${sql.param(refs.map((r) => r.id))}::bigint[]) as r(type, id)
      on c.resource_type = r.type and c.resource_id = r.id
    where c.status = 'accepted'
    order by c.responded_at, c.user_id`);
  for (const r of rows.rows) out.get(refKey({ type: r.resource_type, id: Number(r.resource_id) }))?.push(Number(r.user_id));
  return out;
}

export interface Coauthorship {
  userId: number;
  name: string;
  status: CoauthorshipStatus;
  invitedAt: Date;
}

/** Bounded: a resource never has more co-authors than this on its pages. */
const LISTED = 200;

/** A resource's co-authorships (accepted and pending, and declined ones for its authors to see), oldest first. */
export async function listCoauthorships(db: Db, ref: ResourceRef): Promise<Coauthorship[]> {
  const rows = await db.execute<{ user_id: string; name: string; status: CoauthorshipStatus; created_at: string }>(sql`
    select c.user_id, u.name, c.status, c.created_at
    from coauthorships c join users u on u.id = c.user_id
    where c.resource_type = ${ref.type} and c.resource_id = ${ref.id} and u.deleted_at is null
    order by c.created_at, c.user_id
    limit ${LISTED}`);
  return rows.rows.map((r) => ({ userId: Number(r.user_id), name: r.name, status: r.status, invitedAt: new Date(r.created_at) }));
}

/** The person's co-authorship of this resource (invited, accepted, declined), or null. */
export async function coauthorshipStatus(db: Db, ref: ResourceRef, userId: number): Promise<CoauthorshipStatus | null> {
  const rows = await db.execute<{ status: CoauthorshipStatus }>(sql`select status from coauthorships where resource_type = ${ref.type} and resource_id = ${ref.id} and user_id = ${userId}`);
  return rows.rows[0]?.status ?? null;
}

/**
 * The resource of a co-authorship page as this person sees it, with their co-authorship: someone
 * invited sees it as its authors do (a draft included), within the space's own rules. Null is a 404.
 */
export async function resolveForCoauthorship(db: Db, ref: ResourceRef, user: CurrentUser): Promise<{ resolved: ResolvedResource; status: CoauthorshipStatus | null } | null> {
  if (!coauthorable(getResourceKind(ref.type))) return null;
  const status = await coauthorshipStatus(db, ref, user.id);
  const resolved = await resolveResource(db, ref, user, { asAuthor: status === "invited" || status === "accepted" });
  return resolved ? { resolved, status } : null;
}

/** Authors (accepted co-authors included) manage invitations. */
export const isAuthor = (facts: ResourceFacts, userId: number, status: CoauthorshipStatus | null): boolean => facts.authorIds.includes(userId) || status === "accepted";

/** The account an invitation names: a nickname (with or without "@") or an email address, of an active account. */
async function findInvitee(db: Db, identifier: string): Promise<{ id: number; name: string; isAdmin: boolean } | null> {
  const value = identifier.trim();
  const nickname = value.replace(/^@/, "").toLowerCase();
  const rows = await db.execute<{ id: string; name: string; is_admin: boolean }>(sql`
    select id, name, is_admin from users
    where deleted_at is null and blocked_at is null
      and (lower(email) = ${value.toLowerCase()} or lower(nickname) = ${nickname})
    order by coalesce(lower(email) = ${value.toLowerCase()}, false) desc, id
    limit 1`);
  const row = rows.rows[0];
  return row ? { id: Number(row.id), name: row.name, isAdmin: row.is_admin } : null;
}

/**
 * An author invites a participant: a pending co-authorship, and a notification to the invitee. The
 * resource's co-authorships are serialised by a transaction lock, so the kind's maximum holds.
 */
export async function inviteCoauthor(db: Db, r: ResolvedResource, inviterId: number, identifier: string): Promise<Result<{ userId: number; name: string }>> {
  const { facts, kind, space } = r;
  const ref = { type: facts.type, id: facts.id };
  if (identifier.trim() === "") return fail({ identifier: { key: "coauthors.error.identifierRequired" } });
  const invitee = await findInvitee(db, identifier);
  if (!invitee) return fail({ identifier: { key: "coauthors.error.unknown" } });
  if (invitee.id === inviterId) return fail({ identifier: { key: "coauthors.error.self" } });
  if (facts.authorIds.includes(invitee.id)) return fail({ identifier: { key: "coauthors.error.alreadyAuthor", values: { name: invitee.name } } });
  // Nobody is invited to something they could never see (a private space they do not belong to).
  const access = await loadSpaceAccess(db, { id: invitee.id, isAdmin: invitee.isAdmin, email: "", name: invitee.name, emailConfirmed: true, locale: null }, space.id);
  if (!canViewSpace(space, access)) return fail({ identifier: { key: "coauthors.error.cannotSee", values: { name: invitee.name } } });
  const max = coauthorLimit(kind);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`coauthorships:${refKey(ref)}`}, 0))`);
    const rows = await tx.execute<{ user_id: string; status: CoauthorshipStatus }>(sql`
      select user_id, status from coauthorships where resource_type = ${ref.type} and resource_id = ${ref.id}`);
    const existing = rows.rows.find((row) => Number(row.user_id) === invitee.id);
    if (existing?.status === "accepted") return fail({ identifier: { key: "coauthors.error.alreadyAuthor", values: { name: invitee.name } } });
    if (existing?.status === "invited") return fail({ identifier: { key: "coauthors.error.alreadyInvited", values: { name: invitee.name } } });
    if (existing?.status === "declined") return fail({ identifier: { key: "coauthors.error.declined", values: { name: invitee.name } } });
    const taken = rows.rows.filter((row) => row.status !== "declined").length;
    if (max !== null && taken >= max) return fail({ _form: { key: "coauthors.error.max", values: { max } } });
    await tx.execute(sql`
      insert into coauthorships (resource_type, resource_id, user_id, component_id, status, invited_by)
      values (${ref.type}, ${ref.id}, ${invitee.id}, ${facts.componentId}, 'invited', ${inviterId})`);
    await notify(tx, ref, "coauthorInvited", { actorId: inviterId, values: { anchor: "coauthors" }, recipients: { mentioned: [invitee.id] } });
    return ok({ userId: invitee.id, name: invitee.name });
  });
}

/** The invitee accepts (they become an author and follow the resource) or declines (they are not asked again). */
export async function respondToInvitation(db: Db, r: ResolvedResource, userId: number, accept: boolean): Promise<Result<null>> {
  const ref = { type: r.facts.type, id: r.facts.id };
  return db.transaction(async (tx) => {
    const updated = await tx.execute(sql`
      update coauthorships set status = ${accept ? "accepted" : "declined"}, responded_at = now()
      where resource_type = ${ref.type} and resource_id = ${ref.id} and user_id = ${userId} and status = 'invited'`);
    if ((updated.rowCount ?? 0) === 0) return fail({ _form: { key: "coauthors.error.noInvitation" } });
    if (accept) await autoFollow(tx, userId, ref, { componentId: r.facts.componentId, spaceId: r.space.id });
    return ok(null);
  });
}

/** An author takes back a pending invitation (an accepted co-author leaves by themselves). */
export async function withdrawInvitation(db: Db, r: ResolvedResource, inviteeId: number): Promise<Result<null>> {
  const deleted = await db.execute(sql`
    delete from coauthorships where resource_type = ${r.facts.type} and resource_id = ${r.facts.id} and user_id = ${inviteeId} and status = 'invited'`);
  return (deleted.rowCount ?? 0) > 0 ? ok(null) : fail({ _form: { key: "coauthors.error.noInvitation" } });
}

/** A co-author stops being one (they may be invited again). */
export async function leaveCoauthorship(db: Db, ref: ResourceRef, userId: number): Promise<Result<null>> {
  const deleted = await db.execute(sql`
    delete from coauthorships where resource_type = ${ref.type} and resource_id = ${ref.id} and user_id = ${userId} and status = 'accepted'`);
  return (deleted.rowCount ?? 0) > 0 ? ok(null) : fail({ _form: { key: "coauthors.error.notCoauthor" } });
}

/** What `<Coauthors/>` shows on a resource's page. */
export interface CoauthorBox {
  ref: ResourceRef;
  /** Accepted co-authors, in the order they joined. */
  coauthors: Array<{ id: number; name: string }>;
  /** The reader is an author (manages invitations), a co-author, invited, or none of these. */
  viewer: "author" | "coauthor" | "invited" | null;
  /** Pending invitations, shown to authors only. */
  pending: number;
  manageUrl: string;
}

/** The co-authors part of a resource's page, one query; null when its kind takes no co-authors. */
export async function loadCoauthorBox(db: Db, facts: ResourceFacts, viewer: CurrentUser | null): Promise<CoauthorBox | null> {
  if (!coauthorable(getResourceKind(facts.type))) return null;
  const ref = { type: facts.type, id: facts.id };
  const all = await listCoauthorships(db, ref);
  const mine = viewer ? all.find((c) => c.userId === viewer.id)?.status ?? null : null;
  const role: CoauthorBox["viewer"] = !viewer ? null : mine === "accepted" ? "coauthor" : facts.authorIds.includes(viewer.id) ? "author" : mine === "invited" ? "invited" : null;
  return {
    ref,
    coauthors: all.filter((c) => c.status === "accepted").map((c) => ({ id: c.userId, name: c.name })),
    viewer: role,
    pending: role === "author" || role === "coauthor" ? all.filter((c) => c.status === "invited").length : 0,
    manageUrl: coauthorshipUrl(ref),
  };
}
