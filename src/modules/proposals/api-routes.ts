/**
 * Proposals at site-wide addresses: the open-data CSV, and the JSON API listed in /api/openapi.json
 * (errors are problem details).
 */
import { Readable } from "node:stream";
import { siteRoute, type SiteRoute } from "../../core/components/define";
import { notFound } from "../../core/http/result";
import { findPublicSpaceBySlug } from "../../core/spaces/queries";
import { API_PAGE_SIZE, findApiProposal, listApiProposals, proposalJson } from "./api";
import { proposalIdParams, proposalListQuery, proposalListResponse, proposalResponse } from "./api-schemas";

export const proposalApiRoutes: SiteRoute[] = [
  siteRoute({
    method: "GET",
    path: "/open-data/proposals.csv",
    handler: async (req, reply, { deps }) => {
      const { proposalsCsv } = await import("./open-data");
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="proposals.csv"')
        .header("cache-control", "public, max-age=60")
        .header("vary", "Accept-Language, Cookie")
        .send(Readable.from(proposalsCsv(deps.db, deps.pool, deps.config.PUBLIC_URL, { locale: req.ctx.locale, fallback: req.ctx.org.defaultLocale })));
    },
  }),
  siteRoute({
    method: "GET",
    path: "/api/proposals",
    visitorCache: true,
    query: proposalListQuery,
    api: { summary: "proposals.api.list.summary", description: "proposals.api.list.description", response: proposalListResponse, errors: [404] },
    handler: async (_req, reply, { deps, query }) => {
      const space = await findPublicSpaceBySlug(deps.db, query.space);
      if (!space) throw notFound();
      const page = query.page ?? 1;
      const { items, total } = await listApiProposals(deps.db, space, page);
      return reply
        .header("cache-control", "public, max-age=5")
        .header("vary", "Accept-Language, Cookie")
        .send({ data: items.map((p) => proposalJson(deps.config.PUBLIC_URL, p)), meta: { total, page, pageSize: API_PAGE_SIZE } });
    },
  }),
  siteRoute({
    method: "GET",
    path: "/api/proposals/:id",
    visitorCache: true,
    params: proposalIdParams,
    api: { summary: "proposals.api.show.summary", description: "proposals.api.show.description", response: proposalResponse, errors: [404] },
    handler: async (_req, reply, { deps, params }) => {
      const p = await findApiProposal(deps.db, params.id);
      if (!p) throw notFound();
      return reply
        .header("cache-control", "public, max-age=5")
        .header("vary", "Accept-Language, Cookie")
        .send({ data: proposalJson(deps.config.PUBLIC_URL, p) });
    },
  }),
];
