/** Debates at site-wide addresses: the open-data CSV. */
import { Readable } from "node:stream";
import { siteRoute, type SiteRoute } from "../../core/components/define";

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
];
