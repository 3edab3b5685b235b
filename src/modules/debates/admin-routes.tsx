/**
 * Back-office routes of the debates component (relative to
 * /admin/spaces/:spaceId/components/:id/manage; the dispatcher lets only the space's administrators in):
 * the organization's debates, closing any debate with a conclusion, reopening. Every decision is audited.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRoute } from "../../core/components/define";
import { nestFields, parseNested } from "../../core/components/form-values";
import { notFound, type FieldErrors } from "../../core/http/result";
import type { Translatable } from "../../core/i18n/locales";
import { actorOf, sendComponentAdminPage } from "../../core/spaces/admin-parts";
import { componentPath } from "../../core/spaces/types";
import { redirectWithFlash } from "../../web/render";
import { AdminListPage, CloseAdminPage, localValue, OfficialForm, type OfficialValues } from "./admin-views";
import { officialConclusionInput, officialInput } from "./inputs";
import { listForAdmin, loadDebate } from "./queries";
import { idParams, place, type C, type Handler } from "./route-parts";
import { closeDebate, createOfficialDebate, reopenDebate, updateOfficialDebate } from "./service";
import type { DebateSettings, DebateStepSettings } from "./settings";
import { text } from "./view-parts";

const page = sendComponentAdminPage;
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined) });

async function found(c: C) {
  const d = await loadDebate(c.deps.db, c.component.id, Number(c.params.debateId));
  if (!d) throw notFound();
  return d;
}

const list: Handler = async (req, reply, c) => {
  const n = pageQuery.parse(req.query ?? {}).page ?? 1;
  const { items, hasNext } = await listForAdmin(c.deps.db, c.component.id, n);
  const name = text(req.ctx, c.component.name).text;
  return page(req, reply, c, name, <AdminListPage ctx={req.ctx} base={c.base} publicBase={componentPath(c.space, c.component.id)} componentName={name} items={items} page={n} hasNext={hasNext} />);
};

function officialForm(req: FastifyRequest, reply: FastifyReply, c: C, opts: { id?: number; values: OfficialValues; errors?: FieldErrors }) {
  const heading = req.ctx.t(opts.id ? "debates.admin.editTitle" : "debates.admin.new");
  const action = opts.id ? `${c.base}/${opts.id}/edit` : `${c.base}/new`;
  return page(req, reply, c, heading, <OfficialForm ctx={req.ctx} base={c.base} action={action} heading={heading} values={opts.values} errors={opts.errors} />, opts.errors ? 422 : 200);
}

const newForm: Handler = async (req, reply, c) => officialForm(req, reply, c, { values: {} });

const create: Handler = async (req, reply, c) => {
  const values = nestFields(req.body);
  const parsed = parseNested(officialInput, values);
  const result = parsed.ok ? await createOfficialDebate(c.deps.db, actorOf(req), place(c), parsed.value) : parsed;
  if (!result.ok) return officialForm(req, reply, c, { values: values as OfficialValues, errors: result.errors });
  return redirectWithFlash(reply, c.base, "success", req.ctx.t("debates.admin.created"));
};

const editForm: Handler = async (req, reply, c) => {
  const d = await found(c);
  if (!d.official) throw notFound();
  return officialForm(req, reply, c, { id: d.id, values: { title: d.title, description: d.description, instructions: d.instructions, startAt: localValue(d.startAt), endAt: localValue(d.endAt) } });
};

const update: Handler = async (req, reply, c) => {
  const d = await found(c);
  const values = nestFields(req.body);
  const parsed = parseNested(officialInput, values);
  const result = parsed.ok ? await updateOfficialDebate(c.deps.db, actorOf(req), place(c), d.id, parsed.value) : parsed;
  if (!result.ok) return officialForm(req, reply, c, { id: d.id, values: values as OfficialValues, errors: result.errors });
  return redirectWithFlash(reply, c.base, "success", req.ctx.t("debates.admin.saved"));
};

const closeForm: Handler = async (req, reply, c) => {
  const d = await found(c);
  return page(req, reply, c, req.ctx.t("debates.admin.closeTitle"), <CloseAdminPage ctx={req.ctx} base={c.base} d={d} values={{ conclusion: d.conclusion }} />);
};

const close: Handler = async (req, reply, c) => {
  const d = await found(c);
  const values = nestFields(req.body);
  const parsed = parseNested(officialConclusionInput, values);
  const result = parsed.ok ? await closeDebate(c.deps.db, actorOf(req), place(c), d.id, parsed.value.conclusion, "admin") : parsed;
  if (!result.ok) return page(req, reply, c, req.ctx.t("debates.admin.closeTitle"), <CloseAdminPage ctx={req.ctx} base={c.base} d={d} values={values as { conclusion?: Translatable }} errors={result.errors} />, 422);
  return redirectWithFlash(reply, c.base, "success", req.ctx.t(d.closedAt ? "debates.admin.conclusionSaved" : "debates.admin.closed"));
};

const reopen: Handler = async (req, reply, c) => {
  const d = await found(c);
  await reopenDebate(c.deps.db, actorOf(req), place(c), d.id);
  return redirectWithFlash(reply, c.base, "success", req.ctx.t("debates.admin.reopened"));
};

export const debateAdminRoutes: Array<ComponentRoute<DebateSettings, DebateStepSettings>> = [
  { method: "GET", path: "/", handler: list },
  { method: "GET", path: "/new", handler: newForm },
  { method: "POST", path: "/new", handler: create },
  { method: "GET", path: "/:debateId/edit", params: idParams, handler: editForm },
  { method: "POST", path: "/:debateId/edit", params: idParams, handler: update },
  { method: "GET", path: "/:debateId/close", params: idParams, handler: closeForm },
  { method: "POST", path: "/:debateId/close", params: idParams, handler: close },
  { method: "POST", path: "/:debateId/reopen", params: idParams, handler: reopen },
];
