/**
 * Every route the application registers, as the router holds it: method, URL pattern and route config.
 * Collected by an `onRoute` hook added before any route, so nothing registered later (core areas,
 * components' manifests) escapes it. The security tests enumerate it (the authorization matrix, CSRF on
 * every state-changing route) instead of keeping a hand list that would miss a new route.
 */
import type { FastifyInstance } from "fastify";
import { listComponentManifests } from "../components/registry";

export interface RegisteredRoute {
  method: string;
  /** Set for a component's own route (served through the core's dispatcher): the manifest's name. */
  component?: string;
  /** The pattern as registered, e.g. `/processes/:slug/f/:componentId/petitions/:id`. */
  url: string;
  /** The route's `config` (e.g. `{ csrf: false }`, `{ rateLimit }`). */
  config: Record<string, unknown>;
}

declare module "fastify" {
  interface FastifyInstance {
    /** The routes registered so far (filled by `collectRoutes`). */
    registeredRoutes: RegisteredRoute[];
  }
}

/** Starts collecting: call before registering any route. */
export function collectRoutes(app: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  app.decorate("registeredRoutes", routes);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      routes.push({ method, url: route.url ?? route.path, config: (route.config ?? {}) as Record<string, unknown> });
    }
  });
}

/** The dispatcher's catch-alls (src/core/components/routes.ts): what `everyRoute` expands into the manifests' routes. */
const PUBLIC_BASE = "/spaces/:slug/c/:componentId";
const ADMIN_BASE = "/admin/spaces/:id/components/:componentId/manage";

/**
 * Every route a client can reach: the router's (without HEAD, which answers as GET, and without the
 * dispatcher's wildcards) and every component manifest's own routes under their bases, with the
 * route's declared `action`, `roles`, `rateLimit` in `config`. This is the list a security test walks.
 */
export function everyRoute(app: FastifyInstance): RegisteredRoute[] {
  const wildcard = new Set([PUBLIC_BASE, `${PUBLIC_BASE}/*`, ADMIN_BASE, `${ADMIN_BASE}/*`]);
  const out = app.registeredRoutes.filter((r) => r.method !== "HEAD" && !wildcard.has(r.url));
  const join = (base: string, path: string) => (path === "/" || path === "" ? base : `${base}${path.startsWith("/") ? path : `/${path}`}`);
  for (const m of listComponentManifests()) {
    for (const [base, list] of [[PUBLIC_BASE, m.routes ?? []], [ADMIN_BASE, m.adminRoutes ?? []]] as const) {
      for (const r of list) {
        const config: Record<string, unknown> = {};
        if (r.action) config.action = r.action;
        if (r.roles) config.roles = r.roles;
        if (r.rateLimit) config.rateLimit = r.rateLimit;
        out.push({ method: r.method, url: join(base, r.path), component: m.name, config });
      }
    }
  }
  return out;
}
