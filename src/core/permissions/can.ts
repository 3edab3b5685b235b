/**
 * can(actor, action, resource, ctx): the one answer to "may this person do this here?". It combines the
 * organization admin flag, the person's space roles, the component's own rule over its current (step)
 * settings, and the verification handlers the admin attached to the action.
 */
import type { Db } from "../../db/client";
import { getComponentManifest } from "../components/registry";
import { currentSettings } from "../components/settings";
import type { CurrentUser } from "../http/context";
import type { MessageKey } from "../i18n/catalogues";
import type { Values } from "../i18n/translator";
import type { SpaceRole } from "../spaces/schema";
import type { ComponentRecord, SpaceRecord } from "../spaces/types";
import { getVerification } from "../verifications/registry";
import { canAdministerSpace, canPreviewSpace, canViewSpace, loadSpaceAccess, type SpaceAccess } from "./access";

export type Permission =
  | { status: "ok" }
  /** A visitor who may go on once signed in: send them to sign in and back. */
  | { status: "signIn"; reason: "permissions.signInRequired" }
  | { status: "unauthorized"; reason: MessageKey; values?: Values }
  /** The person can fix it now: send them to `verifyUrl`, which brings them back to `returnTo`. */
  | { status: "pending"; verifyUrl: string };

export interface PermissionResource {
  space: SpaceRecord;
  component?: ComponentRecord;
  /** The component's resource the action is about (a draft to edit, a proposal to withdraw): the manifest's rule sees it. */
  resource?: unknown;
}

export interface PermissionContext {
  db: Db;
  /** Where to come back after a verification (the page that asked). */
  returnTo: string;
  /** The actor's access to the space, when the route already loaded it. */
  access?: SpaceAccess;
}

/** Space-level actions; any other action is a component action (from the manifest's `actions`). */
export type SpaceAction = "space.read" | "space.preview" | "space.admin" | "space.moderate" | "space.evaluate";

const OK: Permission = { status: "ok" };
export const SIGN_IN: Permission = { status: "signIn", reason: "permissions.signInRequired" };
const deny = (reason: MessageKey, values?: Values): Permission => (values ? { status: "unauthorized", reason, values } : { status: "unauthorized", reason });

function hasRole(access: SpaceAccess, ...roles: SpaceRole[]): boolean {
  return access.orgAdmin || access.roles.some((r) => roles.includes(r));
}

function spaceAction(action: SpaceAction, space: SpaceRecord, access: SpaceAccess): Permission {
  switch (action) {
    case "space.read":
      return canViewSpace(space, access) ? OK : deny("permissions.notVisible");
    case "space.preview":
      return canPreviewSpace(access) ? OK : deny("permissions.roleRequired");
    case "space.admin":
      return canAdministerSpace(access) ? OK : deny("permissions.roleRequired");
    case "space.moderate":
      return hasRole(access, "admin", "moderator") ? OK : deny("permissions.roleRequired");
    case "space.evaluate":
      return hasRole(access, "admin", "evaluator") ? OK : deny("permissions.roleRequired");
  }
}

const isSpaceAction = (action: string): action is SpaceAction => action.startsWith("space.");

export function can(actor: CurrentUser | null, action: string, resource: PermissionResource, ctx: PermissionContext): Promise<Permission> {
  return check(actor, action, resource, ctx, true);
}

/** `can()`, optionally without the manifest's own rule (canMany applies it to each resource). */
async function check(actor: CurrentUser | null, action: string, resource: PermissionResource, ctx: PermissionContext, withRule: boolean): Promise<Permission> {
  const { space, component } = resource;
  const access = ctx.access ?? (await loadSpaceAccess(ctx.db, actor, space.id));
  if (isSpaceAction(action)) return spaceAction(action, space, access);

  if (!canViewSpace(space, access)) return deny("permissions.notVisible");
  if (!component) return deny("permissions.unknownAction");
  if (!component.publishedAt && !canPreviewSpace(access)) return deny("permissions.componentUnpublished");
  const manifest = getComponentManifest(component.manifest);
  if (!manifest || !manifest.actions.includes(action)) return deny("permissions.unknownAction");
  const handlers = Object.entries(component.permissions[action]?.handlers ?? {});
  if (!actor && !(manifest.anonymousActions?.includes(action) && handlers.length === 0)) return SIGN_IN;

  const denial = !withRule ? null : manifest.permissions?.({ action, user: actor, settings: currentSettings(component, space), ...(resource.resource === undefined ? {} : { resource: resource.resource }) });
  if (denial) return deny(denial.reason, denial.values);
  if (!actor) return OK;

  // Every attached handler must pass; a refusal wins over a pending verification.
  let pending: Permission | null = null;
  for (const [name, options] of handlers) {
    const handler = getVerification(name);
    if (!handler) return deny("permissions.handlerUnavailable");
    const parsed = handler.options.safeParse(options);
    if (!parsed.success) return deny("permissions.handlerMisconfigured");
    const status = await handler.check({ db: ctx.db, user: actor, spaceId: space.id, options: parsed.data as Record<string, unknown>, returnTo: ctx.returnTo });
    if (status.status === "unauthorized") return status.values ? { status: "unauthorized", reason: status.reason, values: status.values } : { status: "unauthorized", reason: status.reason };
    if (status.status === "pending") pending ??= status;
  }
  return pending ?? OK;
}

/**
 * The batch form for lists: which of these resources of one component may the person act on. The
 * space, component and verification checks run once; the manifest's rule then sees each resource,
 * loaded in one query by the manifest's `loadResources`.
 */
export async function canMany(actor: CurrentUser | null, action: string, where: { space: SpaceRecord; component: ComponentRecord }, ids: readonly number[], ctx: PermissionContext): Promise<Set<number>> {
  const allowed = new Set<number>();
  if (ids.length === 0) return allowed;
  const base = await check(actor, action, where, ctx, false);
  if (base.status !== "ok") return allowed;
  const manifest = getComponentManifest(where.component.manifest);
  if (!manifest?.permissions || !manifest.loadResources) {
    for (const id of ids) allowed.add(id);
    return allowed;
  }
  const resources = await manifest.loadResources(ctx.db, where.component.id, [...new Set(ids)]);
  const settings = currentSettings(where.component, where.space);
  for (const id of ids) {
    const resource = resources.get(id);
    if (resource !== undefined && !manifest.permissions({ action, user: actor, settings, resource })) allowed.add(id);
  }
  return allowed;
}
