/**
 * The component contract: a component declares itself once in its manifest and the core derives the
 * rest from it (ADR 7). The core never imports a component: `src/modules/index.ts`, the composition
 * root, registers every manifest, and everything the core needs from a component comes through here.
 *
 * A manifest declares:
 * - settings and step settings (zod; the admin forms are generated), actions with their labels, the
 *   component's own permission rule (which sees the resource), actions open to visitors;
 * - `messages`: its catalogue (keys join the compile-time checked `MessageKey` through the
 *   `ComponentMessageKeys` interface, augmented next to the catalogue);
 * - `routes` / `adminRoutes`: under the space (`/spaces/:slug/c/:id/...`, back office
 *   `/admin/spaces/:spaceId/components/:id/manage/...`); `siteRoutes` / `adminSiteRoutes`: site-wide
 *   addresses (its directory, feeds, JSON API, friendly aliases such as `/petitions/:id`), each with
 *   per-route options (`params`/`query` schemas parsed before the handler: a mismatch is a 404/400;
 *   `require`: sign in or administrator first; `rateLimit`; `api`: documented in /api/openapi.json);
 * - `commands` (`pnyx <name> ...`), `nav` and `adminNav` entries, `homeSections`, `jobs` (pg-boss queues,
 *   cron schedules or a self-rescheduling `everySeconds`), `search`, `openData`, `newsletterParticipants`,
 *   `statistics`, `seeds` (a fresh component) and `demo` (the demo organization), `personalData`
 *   (export and erase), `participation` (the guard before a component or space is deleted) and `archive`
 *   (its frozen part of the space's archive when a phase closes).
 *
 * Example:
 *   export default defineComponent({
 *     name: "proposals", label: "proposals.name", description: "proposals.description", messages,
 *     settings: z.object({ voteLimit: z.number().int().min(0).default(0) }),
 *     stepSettings: z.object({ creationEnabled: z.boolean().default(false) }),
 *     labels: { voteLimit: "proposals.settings.voteLimit", creationEnabled: "proposals.settings.creationEnabled" },
 *     actions: ["create", "vote"] as const, actionLabels: { create: "...", vote: "..." },
 *     permissions: ({ action, settings, resource, user }) => ...,
 *     routes: [{ method: "GET", path: "/", handler: async (req, reply, c) => ... }],
 *     adminRoutes: [...],
 *   });
 * then add one line to src/modules/index.ts. In a route, `await authorize(req, reply, c, "create")`
 * (src/core/permissions/authorize.tsx) runs `can()` and answers sign-in / verify-and-back / 403 itself.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import type { SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client";
import type { AdminNavEntry } from "../admin/nav";
import type { CurrentUser, RequestContext } from "../http/context";
import type { AppDeps } from "../http/deps";
import type { Catalogue } from "../i18n/define";
import type { MessageKey } from "../i18n/catalogues";
import type { Values } from "../i18n/translator";
import type { SpaceAccess } from "../permissions/access";
import type { ResourceKind, ResourceRef } from "../resources/kinds";
import type { Translatable } from "../i18n/locales";
import type { SearchProvider } from "../search/registry";
import type { SpaceRole } from "../spaces/schema";
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
  /**
   * The action this route performs: the dispatcher runs `can()` before the handler and answers
   * sign-in / verify-and-back / 403 itself. Routes about one resource check it in the handler
   * (`authorize(req, reply, c, action, resource)`), since only the component can load it.
   */
  action?: string;
  /** The path parameters, parsed before the handler: a mismatch ("abc" for an id) is a 404. */
  params?: z.ZodType;
  /** Per-client rate limit of this route (429 with a translated page past it). */
  rateLimit?: { max: number; timeWindow: string | number };
  /**
   * The page is the same for every visitor without an account (given its address, language and cookies):
   * it may be served again from the visitor cache for a moment (src/core/http/visitor-cache.ts).
   */
  visitorCache?: boolean;
  /**
   * Back office only: space roles let into this route besides the space's administrators (an
   * `evaluator` answering the proposals assigned to them). The handler narrows what they see (`c.access`).
   */
  roles?: SpaceRole[];
  handler: (req: FastifyRequest, reply: FastifyReply, c: ComponentRequest<G, S>) => Promise<FastifyReply>;
}

/** What a site-wide route's handler receives: its parsed parameters and query. */
export interface SiteRequest<P, Q> {
  deps: AppDeps;
  params: P;
  query: Q;
  /** The signed-in person when the route requires one (`require: "user" | "admin"`). */
  user: CurrentUser | null;
}

/** A site-wide route a component owns (its directory, feeds, JSON API, friendly aliases, back office). */
export interface SiteRoute<P = Record<string, string>, Q = Record<string, unknown>> {
  method: "GET" | "POST";
  /** The full path, Fastify syntax: "/petitions/:id", "/api/petitions", "/admin/petitions/:id". */
  path: string;
  /** Path parameters, parsed before the handler: a mismatch ("abc", "1.5", "-1", 20 digits) is a 404. */
  params?: z.ZodType<P>;
  /** The query string, parsed before the handler: a mismatch is a 400 (use `.catch()` to be lenient). */
  query?: z.ZodType<Q>;
  /** Who may call it: anyone (default), a signed-in person (else sign in and come back), an org admin. */
  require?: "user" | "admin";
  /** Per-client rate limit (@fastify/rate-limit). */
  rateLimit?: { max: number; timeWindow: string | number };
  /**
   * A JSON API operation, listed in /api/openapi.json and on /api/docs (errors are application/problem+json).
   * `summary`, `description` and the response's `.meta({ description })` may be message keys: they are
   * translated for the reader. `errors` adds statuses to those the core documents itself (400 always,
   * 404 with `params`, 429 with `rateLimit`, 500); `operationId` defaults to one made of the method and
   * path ("getPetitionsById"); `tags` to the component's name.
   */
  api?: { summary: string; description?: string; tags?: string[]; operationId?: string; response: z.ZodType; errors?: number[] };
  /**
   * The page is the same for every visitor without an account (given its address, language and cookies):
   * it may be served again from the visitor cache for a moment (src/core/http/visitor-cache.ts).
   */
  visitorCache?: boolean;
  /**
   * `false`: a POST without the CSRF check, for a form that carries no ambient authority (no session,
   * no cookie identity), posted from a page framed on another site, where cookies are not sent.
   */
  csrf?: false;
  handler: (req: FastifyRequest, reply: FastifyReply, r: SiteRequest<P, Q>) => Promise<FastifyReply>;
}

/** Types a site route by its schemas (the handler sees `r.params` and `r.query` parsed). */
export function siteRoute<P = Record<string, string>, Q = Record<string, unknown>>(route: SiteRoute<P, Q>): SiteRoute {
  return route as unknown as SiteRoute;
}

/** A refusal from the component's own rules (e.g. "creation is closed in this step"). */
export interface ComponentDenial {
  reason: MessageKey;
  values?: Values;
}

/** A background job: a pg-boss queue, run on a cron schedule, every few seconds, or only when sent. */
export interface ComponentJob {
  name: string;
  /** Cron (UTC), once per tick across all instances. */
  cron?: string;
  /** Runs again this many seconds after each run ends (one pending run across all instances). */
  everySeconds?: number;
  run: (deps: AppDeps, data: Record<string, unknown>) => Promise<void>;
}

/** A `pnyx` subcommand (the module is imported lazily so the CLI stays light). */
export interface ComponentCommand {
  summary: string;
  run: (argv: string[]) => Promise<number>;
}

/** A section of the home page: its own data in a bounded number of queries, or null to hide it. */
export interface HomeSection {
  /** Lower first; the core's spaces section is 0. */
  order?: number;
  load: (deps: AppDeps, ctx: RequestContext) => Promise<VNode | null>;
}

/** A main navigation entry (the header). */
export interface NavEntry {
  href: string;
  label: MessageKey;
}

/** A figure on the dashboard and in a space's statistics. */
export interface ComponentStatistic {
  label: MessageKey;
  /** Counted over the given spaces (all when null), one query. */
  count: (db: Db, spaceIds: number[] | null) => Promise<number>;
}

/**
 * The personal data a component holds about an account. `export` returns the person's rows (JSON,
 * never other people's data); `erase` erases or anonymises them in the account's deletion transaction,
 * as `erasure` tells the person on the deletion page.
 */
export interface PersonalDataHooks {
  /** The key under which the rows appear in the download ("petitions"). */
  name: string;
  export: (db: Db, userId: number) => Promise<unknown>;
  erase: (tx: Db, user: { id: number; email: string | null }) => Promise<void>;
  /** What happens to it, shown on the deletion page ("Your signatures stay counted, without your name"). */
  erasure: MessageKey;
}

/** The demo organization's spaces, by their demo role, for a component's `demo` seed. */
export interface DemoSpaces {
  adminId: number;
  spaces: Record<string, SpaceRecord>;
}

export interface ComponentManifest<G extends z.ZodObject = z.ZodObject, S extends z.ZodObject = z.ZodObject, A extends readonly string[] = readonly string[], R = unknown> {
  name: string;
  label: MessageKey;
  description: MessageKey;
  /** The component's catalogue (all four languages); its keys are typed through `ComponentMessageKeys`. */
  messages?: Catalogue<string>;
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
  /**
   * The component's own rule for an action, from its current settings and, when the caller names one,
   * the resource ("edit own draft"); null means allowed.
   */
  permissions?: (input: { action: A[number]; user: CurrentUser | null; settings: { global: z.infer<G>; step: z.infer<S> }; resource?: R }) => ComponentDenial | null;
  /** Loads resources by id for `canMany` (one query for a whole list). */
  loadResources?: (db: Db, componentId: number, ids: number[]) => Promise<Map<number, R>>;
  routes: Array<ComponentRoute<z.infer<G>, z.infer<S>>>;
  adminRoutes: Array<ComponentRoute<z.infer<G>, z.infer<S>>>;
  /** Site-wide public routes (directory, feeds, JSON API, friendly aliases kept for sent links). */
  siteRoutes?: SiteRoute[];
  /** Site-wide back-office routes (under /admin); they require a signed-in person unless they say more. */
  adminSiteRoutes?: SiteRoute[];
  /** Runs once when the routes are registered (e.g. subscribing to the event bus); returns a cleanup. */
  onStart?: (deps: AppDeps) => (() => void) | void;
  /** `pnyx <name> ...` subcommands. */
  commands?: Record<string, ComponentCommand>;
  /** What an account lets one do with this component, listed on the sign-up page ("start and sign petitions"). */
  accountPromise?: MessageKey;
  /** Main navigation (header) entries. */
  nav?: NavEntry[];
  /** Back-office navigation entries. */
  adminNav?: AdminNavEntry[];
  homeSections?: HomeSection[];
  jobs?: ComponentJob[];
  /** Public datasets this component offers (listed on /open-data): where to download them and what they hold. */
  openData?: Array<{ path: string; label: MessageKey; description: MessageKey }>;
  /** How the site-wide search finds this component's public content (import the searcher lazily). */
  search?: SearchProvider;
  /**
   * Newsletter audiences: the people who took part in these spaces (a query selecting `user_id`, given
   * the spaces' ids as a `bigint[]` parameter).
   */
  newsletterParticipants?: (spaceIds: SQL) => SQL;
  statistics?: ComponentStatistic[];
  /** Demo content for a freshly created component of this kind. */
  seeds?: (deps: AppDeps, input: { space: SpaceRecord; componentId: number; adminId: number }) => Promise<void>;
  /** The demo organization: places the component in the demo spaces it serves. */
  demo?: (deps: AppDeps, input: DemoSpaces) => Promise<void>;
  personalData?: PersonalDataHooks;
  /**
   * How much participation a component holds (signatures, votes, comments...): deleting a component or
   * space that holds any is refused (unpublish instead) unless an organization admin forces it.
   */
  participation?: (db: Db, componentIds: number[]) => Promise<number>;
  /**
   * Its resource kinds, keyed by a type name unique in the installation ("petition"): the participation
   * kit (comments, follows, endorsements, co-authors, reports, notifications) works on any of them from
   * this entry alone (src/core/resources/kinds.ts). A component with commentable or endorsable kinds
   * gets the kit's settings and its `comment` / `endorse` actions added at registration.
   */
  resources?: Record<string, ResourceKind>;
  /**
   * What this component's resources say about another resource: a result lists the proposals it
   * comes from, so a proposal's page shows "this contribution led to..." under `label`. One query for
   * one resource; only what the public may see.
   */
  linkedFrom?: { label: MessageKey; load: (db: Db, ref: ResourceRef) => Promise<Array<{ title: Translatable; url: string }>> };
  /**
   * The component's part of the space's archive when a phase closes (src/core/archive, ADR 20): loads
   * its public, published content as it stands now (a bounded number of queries, in the snapshot's
   * transaction `db`) and returns how to render it, read-only: no forms, no live parts, no link that
   * only works while the content lives, names as shown publicly. The core renders it once per language
   * of the organization (the context has no signed-in person) and stores the HTML. Null: nothing to keep.
   */
  archive?: (db: Db, input: ArchiveInput) => Promise<ArchiveRender | null>;
}

/** What an `archive` hook is given: the space, the component, and the phase that closes (null: none). */
export interface ArchiveInput {
  space: SpaceRecord;
  component: ComponentRecord;
  stepId: number | null;
  /** Who archives (null: the system, a phase closed by date or by a step change). */
  actorId: number | null;
}

/** Renders a component's frozen part in one language (called once per language; its headings start at h2). */
export type ArchiveRender = (ctx: RequestContext) => VNode;

/** Declares a component; the generic parameters keep routes and rules typed by the settings schemas. */
export function defineComponent<G extends z.ZodObject, S extends z.ZodObject, const A extends readonly string[], R = unknown>(
  manifest: ComponentManifest<G, S, A, R>,
): ComponentManifest<G, S, A, R> {
  return manifest;
}
