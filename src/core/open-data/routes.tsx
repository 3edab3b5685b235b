/**
 * /open-data: the platform's public datasets, each a CSV with a stable address: the spaces (from the
 * core), the comments on every component's resources (src/core/comments/open-data.ts), and whatever
 * each installed component declares in its manifest (`openData`).
 */
import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { listComponentManifests } from "../components/registry";
import { LOCALES } from "../i18n/locales";
import { spacePath } from "../spaces/types";
import { sendPage } from "../../web/render";
import { csvLine } from "./csv";
import { openSpaceRows } from "./queries";
import { OpenDataPage, type Dataset } from "./views";

export async function openDataRoutes(app: FastifyInstance): Promise<void> {
  const { pool, config } = app.deps;

  app.get("/open-data", async (req, reply) => {
    const datasets: Dataset[] = [
      { path: "/open-data/spaces.csv", label: "openData.spaces.label", description: "openData.spaces.description" },
      { path: "/open-data/comments.csv", label: "comments.openData.label", description: "comments.openData.description" },
      ...listComponentManifests().flatMap((m) => m.openData ?? []),
    ];
    return sendPage(req, reply, { title: req.ctx.t("openData.title"), body: <OpenDataPage ctx={req.ctx} datasets={datasets} /> });
  });

  // Public spaces only: published, not private (a transparent assembly is public reading); streamed
  // from one query through a cursor.
  app.get("/open-data/spaces.csv", async (_req, reply) => {
    const head = csvLine(["id", "type", "url", "parent_url", ...LOCALES.map((l) => `title_${l}`), ...LOCALES.map((l) => `short_description_${l}`), "start_date", "end_date", "published_at"]);
    async function* lines(): AsyncGenerator<string> {
      yield head;
      for await (const rows of openSpaceRows(pool)) {
        yield rows
          .map((r) =>
            csvLine([
              r.id,
              r.type,
              `${config.PUBLIC_URL}${spacePath(r)}`,
              r.parent_slug ? `${config.PUBLIC_URL}${spacePath({ type: "assembly", slug: r.parent_slug })}` : null,
              ...LOCALES.map((l) => r.title[l] ?? null),
              ...LOCALES.map((l) => r.short_description[l] ?? null),
              r.start_date,
              r.end_date,
              new Date(r.published_at).toISOString(),
            ]),
          )
          .join("");
      }
    }
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="spaces.csv"')
      .header("cache-control", "public, max-age=300")
      .send(Readable.from(lines()));
  });
}
