/** buildApp(deps): the Fastify application with its plugins, core routes and every component's routes. */
import Fastify, { type FastifyInstance } from "fastify";
import "./modules";
import { routeModules } from "./app-routes";
import type { AppDeps } from "./core/http/deps";
import { registerContextHook } from "./core/http/context-hook";
import { frameworkErrorHandler, registerErrorHandlers } from "./core/http/errors";
import { loggerSerializers } from "./core/http/log-redaction";
import { registerPlugins } from "./core/http/plugins";
import { registerVisitorCache, visitorCacheTtlMs } from "./core/http/visitor-cache";
import { randomBytes, randomUUID } from "node:crypto";
import { collectRoutes } from "./core/http/route-registry";
import { endStreams } from "./core/realtime/sse";

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    // Mail links' tokens never reach the request log.
    logger: config.LOG_LEVEL === "silent" ? false : { level: config.LOG_LEVEL, serializers: loggerSerializers },
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 2 * 1024 * 1024,
    // Opaque, unguessable request ids in logs; no user data.
    // 12 random hex digits, as before; randomUUID draws from a pool filled in batches (randomBytes called into OpenSSL per request).
    genReqId: () => {
      const u = randomUUID();
      return u.slice(0, 8) + u.slice(9, 13);
    },
    // A path the router cannot decode gets the translated 400 page, not Fastify's bare JSON.
    frameworkErrors: frameworkErrorHandler,
  });
  app.decorate("deps", deps);
  collectRoutes(app);
  // Outside production a missing secret is generated per process: sessions then last as long as it.
  const secret = config.SESSION_SECRET ?? randomBytes(32).toString("hex");
  await registerPlugins(app, secret, config.PUBLIC_URL.startsWith("https:"));
  registerContextHook(app);
  registerVisitorCache(app, visitorCacheTtlMs(config));
  registerErrorHandlers(app);
  for (const routes of routeModules) await app.register(routes);
  // Live streams end when the server stops, or its close would wait for every client to leave.
  app.addHook("preClose", (done) => {
    endStreams(deps.bus);
    done();
  });
  return app;
}
