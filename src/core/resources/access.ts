/**
 * Resolving a `(type, id)` reference for one person: the resource's facts, its space and component,
 * the person's access to the space, and whether they may see it. Every kit route starts here, so a
 * private space's comments, follows and reports stay private and a hidden resource stays hidden.
 */
import type { Db } from "../../db/client";
import { currentSettings } from "../components/settings";
import type { CurrentUser } from "../http/context";
import { canPreviewSpace, canViewSpace, loadSpaceAccess, type SpaceAccess } from "../permissions/access";
import { findComponent, findSpaceById } from "../spaces/queries";
import type { ComponentRecord, SpaceRecord } from "../spaces/types";
import { getResourceKind, type ResourceFacts, type ResourceKind, type ResourceRef } from "./kinds";
import { kitSettings, type KitSettings } from "./kit-settings";

export interface ResolvedResource {
  kind: ResourceKind;
  facts: ResourceFacts;
  space: SpaceRecord;
  component: ComponentRecord;
  access: SpaceAccess;
  settings: KitSettings;
  /** The person may moderate here (space admin or moderator, or an organization admin). */
  moderator: boolean;
}

/** Whether this person may see the resource (its space, its component, then the resource itself). */
export function canSeeResource(facts: ResourceFacts, space: SpaceRecord, component: ComponentRecord, access: SpaceAccess, user: CurrentUser | null): boolean {
  if (!canViewSpace(space, access)) return false;
  const staff = canPreviewSpace(access);
  if (!component.publishedAt && !staff) return false;
  if (facts.membersOnly && !staff && !access.privateMember) return false;
  return facts.public || staff || (user !== null && facts.authorIds.includes(user.id));
}

/**
 * The resource as this person may see it, or null (unknown kind, no such resource, or not theirs to see: a 404).
 * `asAuthor`: the person sees it as its authors do (someone invited to co-author it); the space's rules still apply.
 */
export async function resolveResource(db: Db, ref: ResourceRef, user: CurrentUser | null, opts: { asAuthor?: boolean } = {}): Promise<ResolvedResource | null> {
  const kind = getResourceKind(ref.type);
  if (!kind) return null;
  const facts = (await kind.load(db, [ref.id])).get(ref.id);
  if (!facts) return null;
  const [space, access] = await Promise.all([findSpaceById(db, facts.spaceId), loadSpaceAccess(db, user, facts.spaceId)]);
  if (!space) return null;
  const component = await findComponent(db, space.id, facts.componentId);
  const seenAs = opts.asAuthor && user ? { ...facts, authorIds: [...facts.authorIds, user.id] } : facts;
  if (!component || !canSeeResource(seenAs, space, component, access, user)) return null;
  const moderator = access.orgAdmin || access.roles.includes("admin") || access.roles.includes("moderator");
  return { kind, facts, space, component, access, settings: kitSettings(currentSettings(component, space)), moderator };
}
