/**
 * Endorsements ("likes") of any resource whose kind declares `endorsements: true`, while the
 * component's step settings enable them (`endorsementsEnabled`; `endorsementsBlocked` keeps the list
 * and removes the button). Endorsing follows the resource (unless the person turned that off) and
 * tells its authors. The `endorse` action itself is checked with `can()` by the route, so the
 * verification handlers an administrator attached apply.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { CurrentUser } from "../http/context";
import type { MessageKey } from "../i18n/catalogues";
import { defineKitEvent, notify } from "../notifications/outbox";
import type { ResolvedResource } from "../resources/access";
import { getResourceKind, type ResourceFacts, type ResourceKind, type ResourceRef } from "../resources/kinds";
import { kitSettings } from "../resources/kit-settings";
import { currentSettings } from "../components/settings";
import type { ComponentRecord, SpaceRecord } from "../spaces/types";
import { autoFollow } from "./service";

defineKitEvent("endorsed", { to: ["authors"], message: "endorsements.notification.endorsed" });

/** Endorsers named on the resource's page; the others are on the full list. */
export const ENDORSERS_SHOWN = 8;
/** Endorsers per page of the full list. */
export const ENDORSERS_PAGE = 50;

export interface Endorser {
  id: number;
  name: string;
  deleted: boolean;
}

/** What `<Endorsements/>` shows on a resource's page. */
export interface EndorsementBox {
  ref: ResourceRef;
  title: ResourceFacts["title"];
  count: number;
  /** The first endorsers, in the order they endorsed. */
  endorsers: Endorser[];
  /** The reader endorsed it. */
  endorsed: boolean;
  /** The endorse / withdraw button is offered (enabled, not blocked, public, not the reader's own). */
  button: boolean;
  /** Endorsements are blocked in the current step: the list stays, the button goes. */
  blocked: boolean;
  /** The full, paged list of endorsers. */
  listUrl: string;
}

/** Where a resource sits, as a component's page already holds it (or a `ResolvedResource`). */
export interface ResourcePlace {
  facts: ResourceFacts;
  space: SpaceRecord;
  component: ComponentRecord;
}

export const endorsable = (kind: ResourceKind | undefined): boolean => kind?.endorsements === true;

export const endorsersUrl = (ref: ResourceRef): string => `/endorsements/${encodeURIComponent(ref.type)}/${ref.id}`;

/** Why this person may not endorse (or withdraw) now, or null. The `endorse` permission is checked apart, with `can()`. */
export function endorsementRefusal(r: Pick<ResolvedResource, "facts" | "settings">, userId: number): MessageKey | null {
  if (r.settings.endorsementsBlocked) return "endorsements.error.blocked";
  if (!r.facts.public) return "endorsements.error.notPublic";
  if (r.facts.authorIds.includes(userId)) return "endorsements.error.own";
  return null;
}

export type EndorseOutcome = { ok: true; changed: boolean } | { ok: false; reason: MessageKey };

/** Endorses once (a second time changes nothing and raises nothing); follows the resource and tells its authors. */
export async function endorse(db: Db, r: Pick<ResolvedResource, "facts" | "settings" | "space">, userId: number): Promise<EndorseOutcome> {
  const reason = endorsementRefusal(r, userId);
  if (reason) return { ok: false, reason };
  const ref = { type: r.facts.type, id: r.facts.id };
  return db.transaction(async (tx) => {
    const inserted = await tx.execute(sql`
      insert into endorsements (resource_type, resource_id, user_id, component_id)
      values (${ref.type}, ${ref.id}, ${userId}, ${r.facts.componentId})
      on conflict do nothing`);
    if ((inserted.rowCount ?? 0) === 0) return { ok: true, changed: false };
    await autoFollow(tx, userId, ref, { componentId: r.facts.componentId, spaceId: r.space.id });
    await notify(tx, ref, "endorsed", { actorId: userId, values: { anchor: "endorsements" } });
    return { ok: true, changed: true };
  });
}

/** Takes an endorsement back (not while endorsements are blocked: the list is frozen then). */
export async function withdrawEndorsement(db: Db, r: Pick<ResolvedResource, "facts" | "settings">, userId: number): Promise<EndorseOutcome> {
  if (r.settings.endorsementsBlocked) return { ok: false, reason: "endorsements.error.blocked" };
  const deleted = await db.execute(sql`delete from endorsements where resource_type = ${r.facts.type} and resource_id = ${r.facts.id} and user_id = ${userId}`);
  return { ok: true, changed: (deleted.rowCount ?? 0) > 0 };
}

/**
 * The endorsements part of a resource's page, in one query: null when its kind does not take
 * endorsements or the component's current step turned them off (no button and no list then).
 */
export async function loadEndorsementBox(db: Db, place: ResourcePlace, viewer: CurrentUser | null, shown = ENDORSERS_SHOWN): Promise<EndorsementBox | null> {
  const { facts } = place;
  if (!endorsable(getResourceKind(facts.type))) return null;
  const settings = kitSettings(currentSettings(place.component, place.space));
  if (!settings.endorsementsEnabled) return null;
  const ref = { type: facts.type, id: facts.id };
  // The first endorsers with the total and whether the reader is one of them, over the whole set (window functions run before the limit).
  const rows = await db.execute<{ id: string; name: string; deleted: boolean; total: number; mine: boolean }>(sql`
    select u.id, u.name, u.deleted_at is not null as deleted, count(*) over ()::int as total,
      coalesce(bool_or(e.user_id = ${viewer?.id ?? null}) over (), false) as mine
    from endorsements e join users u on u.id = e.user_id
    where e.resource_type = ${ref.type} and e.resource_id = ${ref.id}
    order by e.created_at, e.user_id
    limit ${Math.max(shown, 1)}`);
  const first = rows.rows[0];
  return {
    ref,
    title: facts.title,
    count: first?.total ?? 0,
    endorsers: rows.rows.slice(0, shown).map((r) => ({ id: Number(r.id), name: r.name, deleted: r.deleted })),
    endorsed: first?.mine ?? false,
    button: endorsementRefusal({ facts, settings }, viewer?.id ?? 0) === null,
    blocked: settings.endorsementsBlocked,
    listUrl: endorsersUrl(ref),
  };
}

/** For lists: how many endorsements each resource has, and which the reader endorsed, in one query. */
export async function endorsementCounts(db: Db, type: string, ids: readonly number[], viewerId: number | null = null): Promise<Map<number, { count: number; endorsed: boolean }>> {
  const out = new Map<number, { count: number; endorsed: boolean }>();
  for (const id of ids) out.set(id, { count: 0, endorsed: false });
  if (ids.length === 0) return out;
  const rows = await db.execute<{ resource_id: string; n: number; mine: boolean }>(sql`
    select resource_id, count(*)::int as n, coalesce(bool_or(user_id = ${viewerId}), false) as mine
    from endorsements
    where resource_type = ${type} and resource_id = any(${sql.param([...new Set(ids)])}::bigint[])
    group by resource_id`);
  for (const r of rows.rows) out.set(Number(r.resource_id), { count: r.n, endorsed: r.mine });
  return out;
}

/** One page (from 1) of a resource's endorsers, in the order they endorsed, and whether another follows. */
export async function listEndorsers(db: Db, ref: ResourceRef, page: number): Promise<{ endorsers: Endorser[]; hasNext: boolean }> {
  const rows = await db.execute<{ id: string; name: string; deleted: boolean }>(sql`
    select u.id, u.name, u.deleted_at is not null as deleted
    from endorsements e join users u on u.id = e.user_id
    where e.resource_type = ${ref.type} and e.resource_id = ${ref.id}
    order by e.created_at, e.user_id
    limit ${ENDORSERS_PAGE + 1} offset ${(page - 1) * ENDORSERS_PAGE}`);
  return {
    endorsers: rows.rows.slice(0, ENDORSERS_PAGE).map((r) => ({ id: Number(r.id), name: r.name, deleted: r.deleted })),
    hasNext: rows.rows.length > ENDORSERS_PAGE,
  };
}
