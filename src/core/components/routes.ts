/**
 * Component routes: /spaces/:slug/c/:componentId/... publicly and
 * /admin/spaces/:spaceId/components/:componentId/manage/... in the back office. The core resolves the
 * space and component, checks access once, then hands over to the manifest's route that matches.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { prefetchedPlace } from "../http/component-place";
import { requireUser } from "../http/guards";
import type { z } from "zod";
import { AppError, forbidden, notFound } from "../http/result";
import { cacheForVisitors } from "../http/visitor-cache";
import { canAdministerSpace, canPreviewSpace, canViewSpace, loadSpaceAccess } from "../permissions/access";
import { findComponent, findSpaceById, findSpaceComponent } from "../spaces/queries";
import { componentPath } from "../spaces/types";
import type { ComponentRequest } from "./define";
import { authorize } from "../permissions/authorize";
import { matchRoute } from "./match";
import { getComponentManifest } from "./registry";
import { currentSettings } from "./settings";

type Params = { slug: string; componentId: string; "*"?: string };
type AdminParams = { id: string; componentId: string; "*"?: string };

const toId = (v: string) => (/^\d{1,15}$/.test(v) ? Number(v) : null);

export async function componentRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  // One limiter per declared route, made on its first request.
  const limiters = new Map<object, ReturnType<FastifyInstance["createRateLimit"]>>();
  /** The route's own options, before its handler: parameters that do not fit are a 404, a client past the limit a 429. */
  async function routeOptions(req: FastifyRequest, route: { method: string; path: string; params?: z.ZodType; rateLimit?: { max: number; timeWindow: string | number } }, params: Record<string, string>) {
    if (route.params && !route.params.safeParse(params).success) throw notFound();
    if (route.rateLimit) {
      let limiter = limiters.get(route);
      // The plugin's store is shared (by every instance too, ADR 0025): each route counts under its own
      // key, the same on every instance, per person when signed in (a classroom behind one address is
      // thirty people), else per address.
      const key = `component-route:${req.routeOptions.url ?? ""}:${route.method} ${route.path}`;
      if (!limiter) limiters.set(route, (limiter = app.createRateLimit({ max: route.rateLimit.max, timeWindow: route.rateLimit.timeWindow, keyGenerator: (r) => `${key}:${r.ctx?.user ? `u${r.ctx.user.id}` : r.ip}` })));
      // `isAllowed` is true only for an allow-listed client; the count decides through `isExceeded`.
      const verdict = await limiter(req);
      if (!verdict.isAllowed && verdict.isExceeded) throw new AppError("rate_limited", 429);
    }
  }

  async function publicHandler(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const componentId = toId(req.params.componentId);
    // Signed in, the context hook read the place with the session (component-place.ts, ADR 0044).
    const place = componentId === null ? null : (prefetchedPlace(req) ?? (await findSpaceComponent(db, req.params.slug, componentId, req.ctx.user)));
    if (!place || componentId === null) throw notFound();
    const { space, access, component } = place;
    if (!canViewSpace(space, access)) throw notFound();
    if (!component || (!component.publishedAt && !canPreviewSpace(access))) throw notFound();
    const manifest = getComponentManifest(component.manifest);
    const found = manifest ? matchRoute(manifest.routes, req.method === "HEAD" ? "GET" : req.method, req.params["*"] ?? "") : null;
    if (!found) throw notFound();
    await routeOptions(req, found.route, found.params);
    const c: ComponentRequest = { deps: app.deps, space, component, access, params: found.params, base: componentPath(space, component.id), settings: currentSettings(component, space) };
    if (found.route.action && !(await authorize(req, reply, c, found.route.action))) return reply;
    if (found.route.visitorCache && req.method !== "POST") cacheForVisitors(req);
    return found.route.handler(req, reply, c);
  }

  async function adminHandler(req: FastifyRequest<{ Params: AdminParams }>, reply: FastifyReply) {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const spaceId = toId(req.params.id);
    const componentId = toId(req.params.componentId);
    const space = spaceId === null ? null : await findSpaceById(db, spaceId);
    if (!space || componentId === null) throw notFound();
    const access = await loadSpaceAccess(db, user, space.id);
    // Administrators everywhere; another role of the space only where a route lets it in.
    const admin = canAdministerSpace(access);
    if (!admin && access.roles.length === 0) throw forbidden();
    const component = await findComponent(db, space.id, componentId);
    const manifest = component ? getComponentManifest(component.manifest) : undefined;
    const found = manifest ? matchRoute(manifest.adminRoutes, req.method === "HEAD" ? "GET" : req.method, req.params["*"] ?? "") : null;
    if (!admin && !found?.route.roles?.some((r) => access.roles.includes(r))) throw forbidden();
    if (!component || !found) throw notFound();
    await routeOptions(req, found.route, found.params);
    const base = `/admin/spaces/${space.id}/components/${component.id}/manage`;
    const c: ComponentRequest = { deps: app.deps, space, component, access, params: found.params, base, settings: currentSettings(component, space) };
    return found.route.handler(req, reply, c);
  }

  for (const url of ["/spaces/:slug/c/:componentId", "/spaces/:slug/c/:componentId/*"]) {
    app.route<{ Params: Params }>({ method: ["GET", "POST"], url, handler: publicHandler });
  }
  for (const url of ["/admin/spaces/:id/components/:componentId/manage", "/admin/spaces/:id/components/:componentId/manage/*"]) {
    app.route<{ Params: AdminParams }>({ method: ["GET", "POST"], url, handler: adminHandler });
  }
}
