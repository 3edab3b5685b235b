/**
 * The public API's description: /api/openapi.json (OpenAPI 3.1, generated from the components'
 * manifests) and /api/docs (the same, as a page), both in the reader's language.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { localize } from "../i18n/translator";
import { sendPage } from "../../web/render";
import { buildOpenApi, listApiRoutes, type OpenApiDocument } from "./openapi";
import { ApiDocsPage } from "./views";

export async function apiRoutes(app: FastifyInstance): Promise<void> {
  const { config } = app.deps;
  // Routes are fixed once registered: one document per language and organization name.
  const documents = new Map<string, OpenApiDocument>();
  const documentFor = (req: FastifyRequest): OpenApiDocument => {
    const { org, locale, t } = req.ctx;
    const title = localize(org.name, locale, org.defaultLocale).text;
    const key = `${locale}\u0000${title}`;
    let doc = documents.get(key);
    if (!doc) {
      doc = buildOpenApi(listApiRoutes(), { title, serverUrl: config.PUBLIC_URL, t });
      documents.set(key, doc);
    }
    return doc;
  };

  app.get("/api/openapi.json", async (req, reply) =>
    reply.header("cache-control", "public, max-age=300").header("vary", "Accept-Language, Cookie").type("application/json; charset=utf-8").send(JSON.stringify(documentFor(req))),
  );

  app.get("/api/docs", async (req, reply) => sendPage(req, reply, { title: req.ctx.t("api.docs.title"), body: <ApiDocsPage ctx={req.ctx} doc={documentFor(req)} /> }));
}
