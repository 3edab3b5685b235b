/**
 * What a person may follow: any resource of a kind a manifest declares (through `resolveResource`, so
 * a private space's resources and hidden ones stay a 404), or a whole space they can see.
 */
import type { Db } from "../../db/client";
import type { CurrentUser } from "../http/context";
import type { Translatable } from "../i18n/locales";
import { canViewSpace, loadSpaceAccess } from "../permissions/access";
import { resolveResource } from "../resources/access";
import type { ResourceRef } from "../resources/kinds";
import { findSpaceById } from "../spaces/queries";
import { spacePath, type SpaceRecord } from "../spaces/types";
import type { FollowPlace } from "./service";

export const SPACE_TYPE = "space";

export interface FollowTarget {
  ref: ResourceRef;
  title: string | Translatable;
  /** Its page on this platform. */
  url: string;
  place: FollowPlace;
  /** The space it is in (the space itself when following a space). */
  space: SpaceRecord;
}

/** The resource or space as this person may see it, or null (nothing there, or not theirs to see). */
export async function resolveFollowTarget(db: Db, ref: ResourceRef, user: CurrentUser | null): Promise<FollowTarget | null> {
  if (ref.type === SPACE_TYPE) {
    const space = await findSpaceById(db, ref.id);
    if (!space?.publishedAt || !canViewSpace(space, await loadSpaceAccess(db, user, space.id))) return null;
    return { ref, title: space.title, url: spacePath(space), place: { componentId: null, spaceId: space.id }, space };
  }
  const resolved = await resolveResource(db, ref, user);
  if (!resolved) return null;
  const { facts, space } = resolved;
  return { ref, title: facts.title, url: facts.url, place: { componentId: facts.componentId, spaceId: facts.spaceId }, space };
}
