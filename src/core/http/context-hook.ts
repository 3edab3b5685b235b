/** Builds `req.ctx` for every request: organization, signed-in user, language, CSRF token, flash. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { SESSION_COOKIE } from "../accounts/sessions";
import { negotiateLocale } from "../i18n/negotiate";
import { translator } from "../i18n/translator";
import { getOrganization } from "../organization/service";
import { sessionFor } from "./component-place";
import type { RequestContext } from "./context";

export const LOCALE_COOKIE = "pnyx_locale";

function readFlash(req: FastifyRequest, reply: FastifyReply): RequestContext["flash"] {
  const raw = req.cookies.pnyx_flash;
  if (!raw) return null;
  reply.clearCookie("pnyx_flash", { path: "/" });
  const unsigned = req.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  try {
    const v = JSON.parse(unsigned.value) as RequestContext["flash"];
    return v && typeof v.text === "string" ? v : null;
  } catch {
    return null;
  }
}

export function registerContextHook(app: FastifyInstance): void {
  app.decorateRequest("ctx", null as unknown as RequestContext);
  app.addHook("onRequest", async (req, reply) => {
    // Static assets need no context: skip the database for them. Nor does a route whose config says
    // `context: false` (the health check, which must not wait out a database outage here: ADR 49).
    if (req.url.startsWith("/assets/") || (req.routeOptions.config as { context?: boolean } | undefined)?.context === false) return;
    const { db } = app.deps;
    const org = await getOrganization(db);
    const token = req.cookies[SESSION_COOKIE];
    // On a component route, the session and the route's place in one statement (component-place.ts).
    const session = token ? await sessionFor(db, req, token) : null;
    const locale = negotiateLocale({
      userLocale: session?.user.locale,
      cookie: req.cookies[LOCALE_COOKIE],
      acceptLanguage: req.headers["accept-language"],
      available: org.availableLocales,
      fallback: org.defaultLocale,
    });
    let csrf: string | null = null;
    req.ctx = {
      locale,
      t: translator(locale),
      org,
      user: session?.user ?? null,
      sessionId: session?.sessionId ?? null,
      unreadNotifications: session?.unreadNotifications ?? 0,
      nonce: reply.cspNonce?.style ?? "",
      csrfToken: () => (csrf ??= reply.generateCsrf()),
      flash: readFlash(req, reply),
    };
  });
}
