/**
 * The component model: a component declares itself once (settings, step settings, actions, permissions,
 * routes, admin routes, seeds) and the core derives admin forms, the permission screen and routing.
 *
 * Writing one (see src/modules/pages/manifest.ts):
 *   export default defineComponent({
 *     name: "proposals", label: "proposals.name", description: "proposals.description",
 *     settings: z.object({ voteLimit: z.number().int().min(0).default(0) }),        // global settings
 *     stepSettings: z.object({ creationEnabled: z.boolean().default(false) }),      // per process step
 *     labels: { voteLimit: "proposals.settings.voteLimit", creationEnabled: "proposals.settings.creationEnabled" },
 *     actions: ["create", "vote"] as const, actionLabels: { create: "...", vote: "..." },
 *     permissions: ({ action, settings }) => (action === "create" && !settings.step.creationEnabled ? { reason: "proposals.closed" } : null),
 *     routes: [{ method: "GET", path: "/", handler: async (req, reply, c) => ... }],   // under /spaces/:slug/c/:id
 *     adminRoutes: [...],                                            // under /admin/spaces/:id/components/:cid/manage
 *   });
 * then add one line to src/core/components/manifests.ts. Settings forms: booleans -> checkbox, numbers ->
 * number input, enums -> select (option labels `${labelKey}.${value}` when those keys exist), strings ->
 * text, `translatable()` -> one input per language. In a route, `await authorize(req, reply, c, "create")`
 * (src/core/permissions/authorize.tsx) runs `can()` and answers sign-in / verify-and-back / 403 itself.
 */
import type { SearchProvider } from "../search/registry";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { CurrentUser } from "../http/context";
import type { AppDeps } from "../http/deps";
import type { MessageKey } from "../i18n/catalogues";
import type { Values } from "../i18n/translator";
import type { SpaceAccess } from "../permissions/access";
import type { ComponentRecord, SpaceRecord } from "../spaces/types";

/** What a component's route handler receives besides the request: the resolved space and component. */
export interface ComponentRequest<G = Record<string, unknown>, S = Record<string, unknown>> {
  deps: AppDeps;
  space: SpaceRecord;
  component: ComponentRecord;
  access: SpaceAccess;
  /** Path parameters of the component's own route pattern. */
  params: Record<string, string>;
  /** `/spaces/:slug/c/:id` publicly; `/admin/spaces/:spaceId/components/:id/manage` in admin routes. */
  base: string;
  settings: { global: G; step: S };
}

export interface ComponentRoute<G, S> {
  method: "GET" | "POST";
  /** Relative to the component's base: "/", "/new", "/:pageId", "/:pageId/edit". */
  path: string;
  handler: (req: FastifyRequest, reply: FastifyReply, c: ComponentRequest<G, S>) => Promise<FastifyReply>;
}

/** A refusal from the component's own rules (e.g. "creation is closed in this step"). */
export interface ComponentDenial {
  reason: MessageKey;
  values?: Values;
}

export interface ComponentManifest<G extends z.ZodObject = z.ZodObject, S extends z.ZodObject = z.ZodObject, A extends readonly string[] = readonly string[]> {
  name: string;
  label: MessageKey;
  description: MessageKey;
  settings: G;
  stepSettings: S;
  /** A label for every setting and step setting (checked at compile time). */
  labels: Record<Extract<keyof G["shape"] | keyof S["shape"], string>, MessageKey>;
  /** Actions participants take; admins attach verification handlers to each. */
  actions: A;
  actionLabels: Record<A[number], MessageKey>;
  /**
   * Actions a visitor may take without an account (signing a petition, confirmed by mail). They still
   * pass the component's own rule; once an administrator attaches a verification handler to such an
   * action, visitors are asked to sign in, since every handler checks an account.
   */
  anonymousActions?: ReadonlyArray<A[number]>;
  /** The component's own rule for an action, from its current settings; null means allowed. */
  permissions?: (input: { action: A[number]; user: CurrentUser | null; settings: { global: z.infer<G>; step: z.infer<S> } }) => ComponentDenial | null;
  routes: Array<ComponentRoute<z.infer<G>, z.infer<S>>>;
  adminRoutes: Array<ComponentRoute<z.infer<G>, z.infer<S>>>;
  /** Public datasets this component offers (listed on /open-data): where to download them and what they hold. */
  openData?: Array<{ path: string; label: MessageKey; description: MessageKey }>;
  /** How the site-wide search finds this component's public content (import the searcher lazily). */
  search?: SearchProvider;
  /** Demo content for a freshly created component of this kind. */
  seeds?: (deps: AppDeps, input: { space: SpaceRecord; componentId: number; adminId: number }) => Promise<void>;
}

/** Declares a component; the generic parameters keep routes and rules typed by the settings schemas. */
export function defineComponent<G extends z.ZodObject, S extends z.ZodObject, const A extends readonly string[]>(
  manifest: ComponentManifest<G, S, A>,
): ComponentManifest<G, S, A> {
  return manifest;
}
