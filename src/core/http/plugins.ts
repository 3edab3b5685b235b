/** Security and parsing plugins: headers with a strict CSP, cookies, forms, CSRF, rate limits, assets. */
import path from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyFormbody from "@fastify/formbody";
import fastifyMultipart from "@fastify/multipart";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import qs from "node:querystring";
import { assetsDir, isContentHashed } from "../../web/assets";
import { postgresRateLimitStore } from "../rate-limit/store";
import { registerInputGuard } from "./input-guard";
import { registerSecurityHeaders } from "./security-headers";

/** A content-hashed asset never changes under its name: browsers and proxies may keep it for a year. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/** The cookie holding the (signed) CSRF secret; renewed at sign-in and sign-out (session-cookie.ts). */
export const CSRF_COOKIE = "pnyx_csrf";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export async function registerPlugins(app: FastifyInstance, secret: string, secureCookies: boolean): Promise<void> {
  // Helmet's headers and a strict CSP with this response's nonces, worked out once (security-headers.ts, ADR 0042).
  registerSecurityHeaders(app, secureCookies);
  await app.register(fastifyCookie, { secret });
  // Repeated keys (checkbox groups) become arrays, as HTML forms send them.
  await app.register(fastifyFormbody, { parser: (body) => qs.parse(body) });
  await app.register(fastifyMultipart, { attachFieldsToBody: "keyValues", limits: { fileSize: 10 * 1024 * 1024, files: 5 } });
  await app.register(fastifyCsrf, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: "/", httpOnly: true, sameSite: "lax", signed: true, secure: secureCookies },
    getToken: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const fromBody = body && typeof body._csrf === "string" ? body._csrf : undefined;
      const fromHeader = req.headers["x-csrf-token"];
      return fromBody ?? (typeof fromHeader === "string" ? fromHeader : undefined);
    },
  });
  // Counted in PostgreSQL, so a limit holds across every instance (ADR 0025); a count that fails lets the
  // request through (the database being down fails the request anyway). Only an app built without
  // deps (the plugins' own tests) counts in the process.
  const deps = app.hasDecorator("deps") ? app.deps : undefined;
  await app.register(fastifyRateLimit, { global: false, ...(deps ? { store: postgresRateLimitStore(deps.pool, deps.log), skipOnError: true } : {}) });
  await app.register(fastifyStatic, {
    root: assetsDir,
    prefix: "/assets/",
    maxAge: "1h",
    setHeaders: (reply, file) => {
      if (isContentHashed(path.relative(assetsDir, file))) reply.header("cache-control", IMMUTABLE);
    },
  });
  // Browsers (and feed readers, link previews) ask for /favicon.ico when a page names no icon.
  app.get("/favicon.ico", { config: { context: false } }, (_req, reply) => reply.header("cache-control", "public, max-age=86400").redirect("/assets/favicon.svg", 301));
  registerInputGuard(app);

  // Every state-changing request carries a valid CSRF token, unless its route opts out explicitly.
  app.addHook("preHandler", (req, reply, done) => {
    const routeConfig = req.routeOptions.config as { csrf?: boolean } | undefined;
    if (!STATE_CHANGING.has(req.method) || routeConfig?.csrf === false) return done();
    app.csrfProtection(req, reply, done);
  });
}
