/**
 * Back office of a recruitment's registrations (relative to the component's manage base):
 * `/recruitments/<id>/composition` (the pool against the targets; `/composition/events` streams each
 * person added, SSE from the core's realtime bus) and `/recruitments/<id>/draw` (a draw whose pool is
 * these registrations: the form, then the draw's own page as for an uploaded pool). The phone form
 * and the duplicates are in phone-routes.tsx and duplicates-routes.tsx.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { notFound, type FieldErrors } from "../../core/http/result";
import { streamTopic } from "../../core/realtime/sse";
import { actorOf, sendComponentAdminPage } from "../../core/spaces/admin-parts";
import { componentPath } from "../../core/spaces/types";
import { SortitionInputError } from "../../engines/sortition/model";
import { redirectWithFlash } from "../../web/render";
import { compositionOf } from "./composition";
import { CompositionTables, RegistrationDrawForm, RegistrationsNav, registrationsBase, type RegistrationDrawValues, type RegistrationsTab } from "./composition-views";
import { drawFromRegistrations, registrationPool, strataQuotasCsv } from "./registration-draw";
import { compositionTopic, findRecruitment, type RecruitmentRow } from "./registration-service";
import { DRAW_ALGORITHMS, type DrawAlgorithm } from "./schema";
import type { SortitionSettings, SortitionStepSettings } from "./settings";

type C = ComponentRequest<SortitionSettings, SortitionStepSettings>;
type Route = ComponentRoute<SortitionSettings, SortitionStepSettings>;

export const recruitmentParams = z.object({ recruitmentId: z.string().regex(/^\d{1,15}$/) });

export async function loadRecruitment(c: C): Promise<RecruitmentRow> {
  const r = await findRecruitment(c.deps.db, c.component.id, Number(c.params.recruitmentId));
  if (!r) throw notFound();
  return r;
}

/** A registrations page: the recruitment's heading and links, then the page's own part. */
export function sendRegistrationsPage(req: FastifyRequest, reply: FastifyReply, c: C, r: RecruitmentRow, tab: RegistrationsTab, body: preact.ComponentChildren, opts: { status?: number; duplicates?: number } = {}) {
  const publicUrl = componentPath(c.space, c.component.id, `/recruitments/${r.id}/register`);
  return sendComponentAdminPage(
    req,
    reply,
    c,
    req.ctx.t("sortition.registrations.title"),
    <section aria-labelledby="registrations-title">
      <RegistrationsNav ctx={req.ctx} base={c.base} r={r} current={tab} publicUrl={publicUrl} {...(opts.duplicates === undefined ? {} : { duplicates: opts.duplicates })} />
      {body}
    </section>,
    opts.status ?? 200,
  );
}

const composition: Route["handler"] = async (req, reply, c) => {
  const r = await loadRecruitment(c);
  const comp = await compositionOf(c.deps.db, r.id);
  const live = `${registrationsBase(c.base, r)}/composition/events`;
  return sendRegistrationsPage(req, reply, c, r, "composition", <CompositionTables ctx={req.ctx} r={r} composition={comp} live={live} />, { duplicates: comp.duplicates });
};

const events: Route["handler"] = async (req, reply, c) => {
  const r = await loadRecruitment(c);
  streamTopic(req, reply, c.deps.bus, compositionTopic(r.id));
  return reply;
};

const DEFAULT_K = 20;

async function drawForm(req: FastifyRequest, reply: FastifyReply, c: C, r: RecruitmentRow, values: RegistrationDrawValues | null, errors?: FieldErrors) {
  const comp = await compositionOf(c.deps.db, r.id);
  const v = values ?? { title: "", k: String(DEFAULT_K), algorithm: "leximin", quotas: strataQuotasCsv(r.strata, DEFAULT_K), commitment: "", randomness: "" };
  return sendRegistrationsPage(req, reply, c, r, "draw", <RegistrationDrawForm ctx={req.ctx} action={`${registrationsBase(c.base, r)}/draw`} total={comp.total} values={v} errors={errors} />, { status: errors ? 422 : 200, duplicates: comp.duplicates });
}

const text = (v: unknown): string => (typeof v === "string" ? v : "");

function parseDraw(body: unknown): { values: RegistrationDrawValues; errors: FieldErrors } {
  const b = (body ?? {}) as Record<string, unknown>;
  const values = { title: text(b.title).trim(), k: text(b.k).trim(), algorithm: text(b.algorithm) || "leximin", quotas: text(b.quotas), commitment: text(b.commitment).trim(), randomness: text(b.randomness).trim() };
  const errors: FieldErrors = {};
  if (!values.title) errors.title = { key: "validation.required" };
  else if (values.title.length > 200) errors.title = { key: "validation.tooLong", values: { max: 200 } };
  if (!/^\d{1,6}$/.test(values.k) || Number(values.k) < 1) errors.k = { key: "sortition.admin.error.k" };
  if (!DRAW_ALGORITHMS.includes(values.algorithm as DrawAlgorithm)) errors.algorithm = { key: "sortition.admin.error.algorithm" };
  if (!values.quotas.trim()) errors.quotas = { key: "sortition.admin.error.categories" };
  else if (values.quotas.length > 200_000) errors.quotas = { key: "validation.tooLong", values: { max: 200_000 } };
  if (values.commitment.length > 2_000) errors.commitment = { key: "validation.tooLong", values: { max: 2_000 } };
  if (values.randomness.length > 500) errors.randomness = { key: "validation.tooLong", values: { max: 500 } };
  return { values, errors };
}

const showDraw: Route["handler"] = async (req, reply, c) => drawForm(req, reply, c, await loadRecruitment(c), null);

const createRegistrationDraw: Route["handler"] = async (req, reply, c) => {
  const r = await loadRecruitment(c);
  const { values, errors } = parseDraw(req.body);
  if (Object.keys(errors).length > 0) return drawForm(req, reply, c, r, values, errors);
  const k = Number(values.k);
  let pool;
  try {
    pool = await registrationPool(c.deps.db, c.deps.config, r, values.quotas, k);
  } catch (error) {
    if (!(error instanceof SortitionInputError)) throw error;
    return drawForm(req, reply, c, r, values, { quotas: { key: "sortition.admin.error.inputs", values: { problems: error.problems.map((p) => p.message).join(" · ") } } });
  }
  const id = await drawFromRegistrations(c.deps.db, actorOf(req), { spaceId: c.space.id, componentId: c.component.id }, r, {
    title: { [req.ctx.locale]: values.title },
    k,
    algorithm: values.algorithm as DrawAlgorithm,
    commitment: values.commitment,
    ...(values.randomness ? { randomness: values.randomness } : {}),
    pool,
  });
  return redirectWithFlash(reply, `${c.base}/draws/${id}`, "success", req.ctx.t("sortition.admin.created", { pool: pool.people.length }));
};

export const compositionRoutes: Route[] = [
  { method: "GET", path: "/recruitments/:recruitmentId/composition", params: recruitmentParams, handler: composition },
  { method: "GET", path: "/recruitments/:recruitmentId/composition/events", params: recruitmentParams, handler: events },
  { method: "GET", path: "/recruitments/:recruitmentId/draw", params: recruitmentParams, handler: showDraw },
  { method: "POST", path: "/recruitments/:recruitmentId/draw", params: recruitmentParams, handler: createRegistrationDraw },
];
