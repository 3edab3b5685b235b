/**
 * Conversations at site-wide addresses: the openData exports of a public conversation and Pol.is's
 * math endpoint (`/api/v3/math/pca2`, the address Pol.is clients call), with the tick's number as ETag.
 */
import { Readable } from "node:stream";
import { z } from "zod";
import { siteRoute, type SiteRoute } from "../../core/components/define";
import { notFound } from "../../core/http/result";

const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const pca2Query = z.object({ conversation_id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

const EXPORTS = ["participants-votes", "comments", "votes"] as const;

function exportRoute(name: (typeof EXPORTS)[number]): SiteRoute {
  return siteRoute<z.infer<typeof idParams>>({
    method: "GET",
    path: `/conversations/:id/export/${name}.csv`,
    params: idParams,
    handler: async (_req, reply, { deps, params }) => {
      const { isPublicConversation } = await import("./queries");
      if (!(await isPublicConversation(deps.db, params.id))) throw notFound();
      const csv = await import("./export-csv");
      const rows = name === "participants-votes" ? csv.participantsVotesCsv : name === "comments" ? csv.commentsCsv : csv.votesCsv;
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${name}.csv"`)
        .header("cache-control", "public, max-age=5")
        .send(Readable.from(rows(deps.db, params.id)));
    },
  });
}

/** `"12"` or `W/"12"` (a list too): the tick the client holds, or null. */
function heldTick(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header.join(",") : header;
  const m = value ? /(?:W\/)?"(\d{1,9})"/.exec(value) : null;
  return m ? Number(m[1]) : null;
}

export const conversationApiRoutes: SiteRoute[] = [
  ...EXPORTS.map(exportRoute),
  siteRoute<Record<string, string>, z.infer<typeof pca2Query>>({
    method: "GET",
    path: "/api/v3/math/pca2",
    query: pca2Query,
    api: {
      summary: "conversations.api.pca2.summary",
      description: "conversations.api.pca2.description",
      operationId: "getConversationMathPca2",
      response: z.record(z.string(), z.unknown()),
      errors: [404],
    },
    handler: async (req, reply, { deps, query }) => {
      const { latestPublicMath } = await import("./queries");
      const held = heldTick(req.headers["if-none-match"]);
      const math = await latestPublicMath(deps.db, query.conversation_id, held);
      if (!math) throw notFound();
      reply.header("etag", `"${math.mathTick}"`).header("cache-control", "public, max-age=0, must-revalidate");
      if (math.pca2 === null) return reply.code(304).send();
      return reply.header("content-type", "application/json; charset=utf-8").send(math.pca2);
    },
  }),
];
