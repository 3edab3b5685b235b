/**
 * A signed-in component request's session and place in one round trip (ADR 0044). The context hook
 * (`context-hook.ts`) runs before the route: on the public component routes (`/spaces/:slug/c/:componentId`
 * and below) with a session cookie, it reads the session and the route's place (space, component, the
 * person's access) with one prepared statement instead of two in a row, and leaves the place here for the
 * route's handler (`src/core/components/routes.ts`), which reads it with `prefetchedPlace` (else looks it
 * up itself, as for visitors). Nothing is kept beyond the request.
 */
import type { FastifyRequest } from "fastify";
import type { Db } from "../../db/client";
import { hashToken, lookupSession, type Session } from "../accounts/sessions";
import { findSessionAndPlace, type SpacePlace } from "../spaces/queries";

/** The component routes' paths, as registered in `src/core/components/routes.ts`. */
export const COMPONENT_ROUTE_URLS: ReadonlySet<string> = new Set(["/spaces/:slug/c/:componentId", "/spaces/:slug/c/:componentId/*"]);

const places = new WeakMap<FastifyRequest, SpacePlace>();

/** A component id as the component routes accept it. */
const toId = (v: string | undefined) => (v !== undefined && /^\d{1,15}$/.test(v) ? Number(v) : null);

/**
 * The session of `token` for the request; on a component route, read together with its place, kept
 * for `prefetchedPlace`. Where the route names no space (a 404 ahead), the session alone.
 */
export async function sessionFor(db: Db, req: FastifyRequest, token: string): Promise<Session | null> {
  if (COMPONENT_ROUTE_URLS.has(req.routeOptions.url ?? "")) {
    const params = req.params as { slug?: string; componentId?: string };
    const componentId = toId(params.componentId);
    if (params.slug !== undefined && componentId !== null) {
      const found = await findSessionAndPlace(db, hashToken(token), params.slug, componentId);
      if (found) {
        places.set(req, found.place);
        return found.session;
      }
    }
  }
  return lookupSession(db, token);
}

/** The place the context hook read with the session, if it did (else the route looks it up). */
export function prefetchedPlace(req: FastifyRequest): SpacePlace | undefined {
  return places.get(req);
}
