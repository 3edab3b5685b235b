/**
 * Back office of the sortition component (relative to its manage base): the draws; a new draw (pool
 * and quota CSV files or pasted text, k, algorithm, household rule, the randomness committed); a
 * draw's page, which refreshes itself while the draw runs (a Refresh header and a link, no JavaScript),
 * with run, cancel, publish and seat as plain form posts; its seating and rotation parts (seating-routes.tsx).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { notFound } from "../../core/http/result";
import { actorOf, sendSpaceAdminPage } from "../../core/spaces/admin-parts";
import { componentPath } from "../../core/spaces/types";
import { SortitionInputError } from "../../engines/sortition/model";
import { redirectWithFlash } from "../../web/render";
import { parseNewDraw } from "./admin-inputs";
import { DrawList, DrawPage, NewDrawForm } from "./admin-views";
import { compositionRoutes } from "./composition-routes";
import { duplicatesRoutes } from "./duplicates-routes";
import { phoneRoutes } from "./phone-routes";
import { DRAW_JOB } from "./draw-run";
import { cancelDraw, createDraw, findDraw, listDraws, poolComposition, publishDraw, seatPanel, setRandomness, startDraw } from "./draw-service";
import { preparePool } from "./pool";
import { seatingAdminRoutes, seatingParts, type SeatingExtra } from "./seating-routes";
import type { SortitionSettings, SortitionStepSettings } from "./settings";

type C = ComponentRequest<SortitionSettings, SortitionStepSettings>;
type Handler = (req: FastifyRequest, reply: FastifyReply, c: C) => Promise<FastifyReply>;

const drawParams = z.object({ drawId: z.string().regex(/^\d{1,15}$/) });
const RANDOMNESS_MAX = 500;

const list: Handler = async (req, reply, c) => {
  const draws = await listDraws(c.deps.db, c.component.id, false);
  return sendSpaceAdminPage(req, reply, c.space, { title: req.ctx.t("sortition.admin.title"), tab: "components", body: <DrawList ctx={req.ctx} base={c.base} draws={draws} /> });
};

const newForm: Handler = async (req, reply, c) =>
  sendSpaceAdminPage(req, reply, c.space, { title: req.ctx.t("sortition.admin.new"), tab: "components", body: <NewDrawForm ctx={req.ctx} base={c.base} values={{ commitment: "" }} /> });

const create: Handler = async (req, reply, c) => {
  const { t } = req.ctx;
  const parsed = parseNewDraw(req.body);
  const again = (errors: Parameters<typeof NewDrawForm>[0]["errors"]) =>
    sendSpaceAdminPage(req, reply, c.space, { title: t("sortition.admin.new"), tab: "components", status: 422, body: <NewDrawForm ctx={req.ctx} base={c.base} values={parsed.values} errors={errors} /> });
  if (!parsed.ok) return again(parsed.errors);
  const d = parsed.draw;
  let pool;
  try {
    pool = preparePool(d.categories, d.people, d.k, { ...(d.idColumn ? { idColumn: d.idColumn } : {}), householdColumns: d.householdColumns });
  } catch (error) {
    if (!(error instanceof SortitionInputError)) throw error;
    return again({ people: { key: "sortition.admin.error.inputs", values: { problems: error.problems.map((p) => p.message).join(" · ") } } });
  }
  const id = await createDraw(c.deps.db, actorOf(req), { spaceId: c.space.id, componentId: c.component.id }, {
    title: { [req.ctx.locale]: d.title },
    k: d.k,
    algorithm: d.algorithm,
    commitment: d.commitment,
    ...(d.randomness ? { randomness: d.randomness } : {}),
    householdColumns: d.householdColumns,
    pool,
  });
  return redirectWithFlash(reply, `${c.base}/draws/${id}`, "success", t("sortition.admin.created", { pool: pool.people.length }));
};

async function loadDraw(c: C) {
  const draw = await findDraw(c.deps.db, c.component.id, Number(c.params.drawId));
  if (!draw) throw notFound();
  return draw;
}

async function drawPage(req: FastifyRequest, reply: FastifyReply, c: C, extra: { errors?: Parameters<typeof DrawPage>[0]["errors"]; randomness?: string; seating?: SeatingExtra } = {}) {
  const draw = await loadDraw(c);
  // While it runs the page reloads itself every few seconds (the HTTP equivalent of <meta http-equiv=refresh>).
  if (draw.status === "running") reply.header("refresh", "3");
  const recordUrl = componentPath(c.space, c.component.id, `/draws/${draw.id}`);
  const pool = await poolComposition(c.deps.db, draw);
  const seating = await seatingParts(req, c, draw, `${c.base}/draws/${draw.id}`, extra.seating);
  const title = req.ctx.t("sortition.admin.title");
  return sendSpaceAdminPage(req, reply, c.space, {
    title,
    tab: "components",
    status: extra.errors || extra.seating ? 422 : 200,
    body: (
      <DrawPage ctx={req.ctx} base={c.base} draw={draw} pool={pool} recordUrl={recordUrl} isAssembly={c.space.type === "assembly"} errors={extra.errors} seatingStarted={seating.started} {...(extra.randomness === undefined ? {} : { randomness: extra.randomness })}>
        {seating.node}
      </DrawPage>
    ),
  });
}

const show: Handler = (req, reply, c) => drawPage(req, reply, c);

const randomness: Handler = async (req, reply, c) => {
  const draw = await loadDraw(c);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const value = typeof body.randomness === "string" ? body.randomness.trim() : "";
  if (value === "") return drawPage(req, reply, c, { errors: { randomness: { key: "sortition.admin.error.randomness" } }, randomness: value });
  if (value.length > RANDOMNESS_MAX) return drawPage(req, reply, c, { errors: { randomness: { key: "validation.tooLong", values: { max: RANDOMNESS_MAX } } }, randomness: value });
  const saved = await setRandomness(c.deps.db, actorOf(req), c.space.id, draw.id, value);
  return redirectWithFlash(reply, `${c.base}/draws/${draw.id}`, saved ? "success" : "error", req.ctx.t(saved ? "sortition.admin.randomnessSaved" : "sortition.admin.error.status"));
};

const runRoute: Handler = async (req, reply, c) => {
  const draw = await loadDraw(c);
  const back = `${c.base}/draws/${draw.id}`;
  const started = await startDraw(c.deps.db, actorOf(req), c.space.id, draw.id);
  if (!started.ok) return redirectWithFlash(reply, back, "error", req.ctx.t(started.reason === "randomness" ? "sortition.admin.error.randomness" : "sortition.admin.error.status"));
  await c.deps.jobs.send(DRAW_JOB, { drawId: draw.id });
  return redirectWithFlash(reply, back, "success", req.ctx.t("sortition.admin.started"));
};

const cancel: Handler = async (req, reply, c) => {
  const draw = await loadDraw(c);
  const ok = await cancelDraw(c.deps.db, actorOf(req), c.space.id, draw.id);
  return redirectWithFlash(reply, `${c.base}/draws/${draw.id}`, ok ? "success" : "error", req.ctx.t(ok ? "sortition.admin.cancelAsked" : "sortition.admin.error.status"));
};

const publish: Handler = async (req, reply, c) => {
  const draw = await loadDraw(c);
  const ok = await publishDraw(c.deps.db, actorOf(req), c.space.id, draw.id, c.settings.global.poolRetentionMonths);
  return redirectWithFlash(reply, `${c.base}/draws/${draw.id}`, ok ? "success" : "error", req.ctx.t(ok ? "sortition.admin.publishedFlash" : "sortition.admin.error.status"));
};

const seat: Handler = async (req, reply, c) => {
  const draw = await loadDraw(c);
  const back = `${c.base}/draws/${draw.id}`;
  if (c.space.type !== "assembly") return redirectWithFlash(reply, back, "error", req.ctx.t("sortition.admin.error.notAssembly"));
  const r = await seatPanel(c.deps.db, actorOf(req), c.space.id, draw.id, (n) => req.ctx.t("sortition.member", { n }));
  if (!r.ok) return redirectWithFlash(reply, back, "error", req.ctx.t(r.reason === "seated" ? "sortition.admin.error.seated" : "sortition.admin.error.status"));
  return redirectWithFlash(reply, back, "success", req.ctx.t("sortition.admin.seatedFlash", { count: r.seated }));
};

export const drawAdminRoutes: Array<ComponentRoute<SortitionSettings, SortitionStepSettings>> = [
  { method: "GET", path: "/", handler: list },
  { method: "GET", path: "/new", handler: newForm },
  { method: "POST", path: "/new", handler: create },
  { method: "GET", path: "/draws/:drawId", params: drawParams, handler: show },
  { method: "POST", path: "/draws/:drawId/randomness", params: drawParams, handler: randomness },
  { method: "POST", path: "/draws/:drawId/run", params: drawParams, handler: runRoute },
  { method: "POST", path: "/draws/:drawId/cancel", params: drawParams, handler: cancel },
  { method: "POST", path: "/draws/:drawId/publish", params: drawParams, handler: publish },
  { method: "POST", path: "/draws/:drawId/seat", params: drawParams, handler: seat },
  ...seatingAdminRoutes(drawPage),
  ...compositionRoutes,
  ...phoneRoutes,
  ...duplicatesRoutes,
];
