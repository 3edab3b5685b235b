/** Debates at site-wide addresses: the open-data CSV, and the JSON API listed in /api/openapi.json (errors are problem details). */
import { Readable } from "node:stream";
import { siteRoute, type SiteRoute } from "../../core/components/define";
import { notFound } from "../../core/http/result";
import { findPublicSpaceBySlug } from "../../core/spaces/queries";
import { API_PAGE_SIZE, debateJson, findApiDebate, listApiDebates } from "./api";
import { debateIdParams, debateListQuery, debateListResponse, debateResponse } from "./api-schemas";

export const debateSiteRoutes: SiteRoute[] = [
  siteRoute({
    method: "GET",
    path: "/open-data/debates.csv",
    handler: async (req, reply, { deps }) => {
      const { debatesCsv } = await import("./open-data");
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="debates.csv"')
        .header("cache-control", "public, max-age=60")
        .header("vary", "Accept-Language, Cookie")
        .send(Readable.from(debatesCsv(deps.pool, deps.config.PUBLIC_URL, { locale: req.ctx.locale, fallback: req.ctx.org.defaultLocale })));
    },
  }),
  siteRoute({
    method: "GET",
    path: "/api/debates",
    visitorCache: true,
    query: debateListQuery,
    api: { summary: "debates.api.list.summary", description: "debates.api.list.description", response: debateListResponse, errors: [404] },
    handler: async (_req, reply, { deps, query }) => {
      const space = await findPublicSpaceBySlug(deps.db, query.space);
      if (!space) throw notFound();
      const page = query.page ?? 1;
      const { items, total } = await listApiDebates(deps.db, space, page);
      return reply
        .header("cache-control", "public, max-age=5")
        .header("vary", "Accept-Language, Cookie")
        .send({ data: items.map((d) => debateJson(deps.config.PUBLIC_URL, d)), meta: { total, page, pageSize: API_PAGE_SIZE } });
    },
  }),
  siteRoute({
    method: "GET",
    path: "/api/debates/:id",
    visitorCache: true,
    params: debateIdParams,
    api: { summary: "debates.api.show.summary", description: "debates.api.show.description", response: debateResponse, errors: [404] },
    handler: async (_req, reply, { deps, params }) => {
      const d = await findApiDebate(deps.db, params.id);
      if (!d) throw notFound();
      return reply
        .header("cache-control", "public, max-age=5")
        .header("vary", "Accept-Language, Cookie")
        .send({ data: debateJson(deps.config.PUBLIC_URL, d) });
    },
  }),
];
