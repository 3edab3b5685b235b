/**
 * Site-wide routes that components declare in their manifests (`siteRoutes`, `adminSiteRoutes`): the
 * core registers them with their options. Before the handler it parses the path parameters (a mismatch
 * is a 404: `/petitions/abc`, `/petitions/1.5`, 20 digits), the query (a 400 naming the parameters at
 * fault), and checks who may call (`require`); rate limits go to @fastify/rate-limit.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from "fastify";
import { requireAdmin, requireUser } from "../http/guards";
import { AppError, InvalidQuery, notFound } from "../http/result";
import { cacheForVisitors } from "../http/visitor-cache";
import type { ComponentManifest, SiteRoute } from "./define";
import { listComponentManifests } from "./registry";

export const badRequest = () => new AppError("bad_request", 400);

/** Every site route of every registered component, with whether it belongs to the back office. */
export function listSiteRoutes(manifests: ComponentManifest[] = listComponentManifests()): Array<{ component: string; admin: boolean; route: SiteRoute }> {
  return manifests.flatMap((m) => [
    ...(m.siteRoutes ?? []).map((route) => ({ component: m.name, admin: false, route })),
    ...(m.adminSiteRoutes ?? []).map((route) => ({ component: m.name, admin: true, route })),
  ]);
}

function handlerFor(app: FastifyInstance, route: SiteRoute, admin: boolean) {
  const requirement = route.require ?? (admin ? "user" : undefined);
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const params = route.params ? route.params.safeParse(req.params ?? {}) : { success: true as const, data: req.params as Record<string, string> };
    if (!params.success) throw notFound();
    const query = route.query ? route.query.safeParse(req.query ?? {}) : { success: true as const, data: (req.query ?? {}) as Record<string, unknown> };
    // The parameters at fault are named in the API's problem answer (invalidParams).
    if (!query.success) throw new InvalidQuery([...new Set(query.error.issues.map((i) => String(i.path[0] ?? "")).filter(Boolean))]);
    let user = req.ctx.user;
    if (requirement === "user") {
      user = requireUser(req, reply);
      if (!user) return reply;
    } else if (requirement === "admin") {
      user = requireAdmin(req, reply);
      if (!user) return reply;
    }
    if (route.visitorCache) cacheForVisitors(req);
    return route.handler(req, reply, { deps: app.deps, params: params.data, query: query.data, user });
  };
}

/** Registers the components' site routes and runs their start hooks (stopped when the app closes). */
export async function componentSiteRoutes(app: FastifyInstance): Promise<void> {
  for (const { route, admin } of listSiteRoutes()) {
    const config = { ...(route.rateLimit ? { rateLimit: route.rateLimit } : {}), ...(route.csrf === false ? { csrf: false } : {}) };
    const options: RouteShorthandOptions = Object.keys(config).length > 0 ? { config } : {};
    app.route({ method: route.method, url: route.path, ...options, handler: handlerFor(app, route, admin) });
  }
  for (const manifest of listComponentManifests()) {
    const stop = manifest.onStart?.(app.deps);
    if (stop) app.addHook("onClose", async () => stop());
  }
}
