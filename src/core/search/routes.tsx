/** GET /search?q=&kind=&page=: every provider's count, and the hits of one kind or each kind's best. */
import { cacheForVisitors } from "../http/visitor-cache";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { sendPage } from "../../web/render";
import "./providers";
import { searchProviders, type SearchHit } from "./registry";
import { SearchPage, type KindResult } from "./views";

export const SEARCH_PAGE_SIZE = 20;
/** On the "everything" view, each kind shows its best few. */
const PREVIEW = 3;

const searchQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  kind: z.string().max(40).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(500).optional().catch(undefined),
});

export async function searchRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  app.get("/search", async (req, reply) => {
    cacheForVisitors(req);
    const parsed = searchQuery.parse(req.query ?? {});
    const q = parsed.q ?? "";
    const providers = searchProviders();
    const kind = providers.find((p) => p.kind === parsed.kind)?.kind ?? null;
    const page = parsed.page ?? 1;
    let results: KindResult[] = [];
    if (q) {
      results = await Promise.all(
        providers.map(async (p): Promise<KindResult> => {
          const selected = kind === null || p.kind === kind;
          const found = await p.search(db, {
            q,
            locale: req.ctx.locale,
            fallback: req.ctx.org.defaultLocale,
            // One row at least: the total rides on the rows (count(*) over ()), so a kind that only shows its count still asks for one.
            limit: kind === null ? PREVIEW : selected ? SEARCH_PAGE_SIZE : 1,
            offset: selected && kind !== null ? (page - 1) * SEARCH_PAGE_SIZE : 0,
          });
          return { kind: p.kind, label: p.label, total: found.total, hits: selected ? found.hits : ([] as SearchHit[]) };
        }),
      );
    }
    return sendPage(req, reply, { title: q ? req.ctx.t("search.titleFor", { q }) : req.ctx.t("search.title"), body: <SearchPage ctx={req.ctx} q={q} kind={kind} page={page} pageSize={SEARCH_PAGE_SIZE} results={results} /> });
  });
}
