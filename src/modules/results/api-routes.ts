/**
 * Results at site-wide addresses: the open-data CSV, and the JSON API listed in /api/openapi.json
 * (errors are problem details).
 */
import { Readable } from "node:stream";
import { siteRoute, type SiteRoute } from "../../core/components/define";
import { notFound } from "../../core/http/result";
import { findPublicSpaceBySlug } from "../../core/spaces/queries";
import { API_PAGE_SIZE, findApiResult, listApiResults, resultJson } from "./api";
import { resultIdParams, resultListQuery, resultListResponse, resultResponse } from "./api-schemas";

export const resultApiRoutes: SiteRoute[] = [
  siteRoute({
    method: "GET",
    path: "/open-data/results.csv",
    handler: async (req, reply, { deps }) => {
      const { resultsCsv } = await import("./open-data");
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="results.csv"')
        .header("cache-control", "public, max-age=60")
        .header("vary", "Accept-Language, Cookie")
        .send(Readable.from(resultsCsv(deps.pool, deps.config.PUBLIC_URL, { locale: req.ctx.locale, fallback: req.ctx.org.defaultLocale })));
    },
  }),
  siteRoute({
    method: "GET",
    path: "/api/results",
    query: resultListQuery,
    api: { summary: "results.api.list.summary", description: "results.api.list.description", response: resultListResponse, errors: [404] },
    handler: async (_req, reply, { deps, query }) => {
      const space = await findPublicSpaceBySlug(deps.db, query.space);
      if (!space) throw notFound();
      const page = query.page ?? 1;
      const { items, total } = await listApiResults(deps.db, space, page);
      return reply
        .header("cache-control", "public, max-age=5")
        .header("vary", "Accept-Language, Cookie")
        .send({ data: items.map((r) => resultJson(deps.config.PUBLIC_URL, r)), meta: { total, page, pageSize: API_PAGE_SIZE } });
    },
  }),
  siteRoute({
    method: "GET",
    path: "/api/results/:id",
    params: resultIdParams,
    api: { summary: "results.api.show.summary", description: "results.api.show.description", response: resultResponse, errors: [404] },
    handler: async (_req, reply, { deps, params }) => {
      const r = await findApiResult(deps.db, params.id);
      if (!r) throw notFound();
      return reply
        .header("cache-control", "public, max-age=5")
        .header("vary", "Accept-Language, Cookie")
        .send({ data: resultJson(deps.config.PUBLIC_URL, r) });
    },
  }),
];
