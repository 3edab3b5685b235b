/** The home page, the language switch and the health check. */
import { cacheForVisitors } from "../http/visitor-cache";
import type { FastifyInstance } from "fastify";
import { setUserLocale } from "../accounts/users";
import { LOCALE_COOKIE } from "../http/context-hook";
import { isLocale } from "../i18n/locales";
import { sendPage } from "../../web/render";
import { Localized } from "../../web/layout";
import { safeReturnPath } from "../http/local-path";
import { RideThroughPool } from "../../db/ride-through";
import { pingDatabase } from "./queries";
import { homeSections } from "./sections";

// Where the rule lives now; imported from here by older callers.
export { isLocalPath, safeReturnPath } from "../http/local-path";

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get("/", async (req, reply) => {
    cacheForVisitors(req);
    const { ctx } = req;
    const sections = await Promise.all(homeSections().map((s) => s.load(app.deps, ctx)));
    return sendPage(req, reply, {
      title: ctx.t("common.home"),
      body: (
        <>
          <section class="hero">
            <Localized ctx={ctx} value={ctx.org.name} as="h1" />
            <Localized ctx={ctx} value={ctx.org.description} as="p" />
          </section>
          {sections}
        </>
      ),
    });
  });

  app.get<{ Params: { locale: string }; Querystring: { return_to?: string } }>("/locale/:locale", async (req, reply) => {
    const { locale } = req.params;
    const back = safeReturnPath(req.query.return_to);
    if (!isLocale(locale) || !req.ctx.org.availableLocales.includes(locale)) return reply.redirect(back, 303);
    reply.setCookie(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600 });
    if (req.ctx.user) await setUserLocale(app.deps.db, req.ctx.user.id, locale);
    return reply.redirect(back, 303);
  });

  // Answers at once, never waiting out a database outage (ADR 49): 503 while the database is away.
  // No request context (`context: false`): its organization lookup would wait out an outage (ADR 49).
  app.get("/healthz", { config: { context: false } }, async (_req, reply) => {
    const pool = app.deps.pool;
    if (pool instanceof RideThroughPool) await pool.checkNow();
    else await pingDatabase(app.deps.db);
    return reply.send({ ok: true });
  });
}
