/**
 * Public pages: the component's published draws, and each draw's record (`/draws/<id>`) with its
 * JSON file (`/draws/<id>.json`) that `pnyx sortition verify` replays alone. A transparent private
 * assembly's records are public like the rest of it (the core's space access). Administrators also
 * see a finished draw's record before it is published.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { sendComponentPage } from "../../core/components/page";
import { notFound } from "../../core/http/result";
import { localize } from "../../core/i18n/translator";
import { canPreviewSpace } from "../../core/permissions/access";
import { findDraw, listDraws, loadDrawFiles, poolComposition } from "./draw-service";
import { buildRecord } from "./record";
import { registrationRoutes } from "./registration-routes";
import { openRecruitments } from "./registration-service";
import type { SortitionSettings, SortitionStepSettings } from "./settings";
import { RecordPage } from "./record-view";
import { recordReplacements } from "./seats-service";

type C = ComponentRequest<SortitionSettings, SortitionStepSettings>;

const drawParams = z.object({ drawId: z.string().regex(/^\d{1,15}(\.json)?$/) });

async function index(req: FastifyRequest, reply: FastifyReply, c: C) {
  const { t } = req.ctx;
  const [draws, recruitments] = await Promise.all([listDraws(c.deps.db, c.component.id, true), openRecruitments(c.deps.db, c.component.id)]);
  const title = localize(c.component.name, req.ctx.locale, req.ctx.org.defaultLocale).text;
  return sendComponentPage(req, reply, c, {
    title,
    body: (
      <section aria-labelledby="draws-title">
        <h1 id="draws-title">{title}</h1>
        <p>{t("sortition.public.intro")}</p>
        {recruitments.length > 0 && (
          <section aria-labelledby="recruitments-title">
            <h2 id="recruitments-title">{t("sortition.public.recruitments")}</h2>
            <ul>
              {recruitments.map((r) => (
                <li>
                  <a href={`${c.base}/recruitments/${r.id}/register`}>{t("sortition.public.registerLink", { title: localize(r.title, req.ctx.locale, req.ctx.org.defaultLocale).text })}</a>
                </li>
              ))}
            </ul>
          </section>
        )}
        {draws.length === 0 ? (
          <p>{t("sortition.public.none")}</p>
        ) : (
          <ul>
            {draws.map((d) => (
              <li>
                <a href={`${c.base}/draws/${d.id}`}>{localize(d.title, req.ctx.locale, req.ctx.org.defaultLocale).text}</a> — {t("sortition.public.drawSummary", { k: d.k, pool: d.poolSize, date: (d.publishedAt ?? d.createdAt).toISOString().slice(0, 10) })}
              </li>
            ))}
          </ul>
        )}
      </section>
    ),
  });
}

async function record(req: FastifyRequest, reply: FastifyReply, c: C) {
  const raw = c.params.drawId ?? "";
  const asJson = raw.endsWith(".json");
  const draw = await findDraw(c.deps.db, c.component.id, Number(raw.replace(/\.json$/, "")));
  const visible = draw && (draw.status === "published" || (draw.status === "done" && canPreviewSpace(c.access)));
  if (!draw || !visible || !draw.result) throw notFound();
  const files = await loadDrawFiles(c.deps.db, draw);
  if (!files) throw notFound();
  const url = `${c.base}/draws/${draw.id}`;
  const replacements = await recordReplacements(c.deps.db, draw.id);
  const rec = buildRecord(draw, files, { space: c.space.slug, url }, replacements);
  if (asJson) {
    return reply
      .type("application/json; charset=utf-8")
      .header("content-disposition", `inline; filename="draw-${draw.id}.json"`)
      .send(JSON.stringify(rec, null, 2) + "\n");
  }
  const title = localize(draw.title, req.ctx.locale, req.ctx.org.defaultLocale).text;
  const pool = await poolComposition(c.deps.db, draw);
  return sendComponentPage(req, reply, c, { title, body: <RecordPage ctx={req.ctx} draw={draw} url={url} back={c.base} pool={pool} replacements={replacements} /> });
}

export const drawRoutes: Array<ComponentRoute<SortitionSettings, SortitionStepSettings>> = [
  { method: "GET", path: "/", handler: index },
  { method: "GET", path: "/draws/:drawId", params: drawParams, handler: record },
  ...registrationRoutes,
];
