/**
 * Back-office routes of the results component (relative to
 * /admin/spaces/:spaceId/components/:id/manage; the dispatcher lets only the space's administrators in).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRoute } from "../../core/components/define";
import { nestFields, parseNested, stringList } from "../../core/components/form-values";
import { notFound, type FieldErrors } from "../../core/http/result";
import type { Translatable } from "../../core/i18n/locales";
import { ConfirmPage } from "../../core/spaces/admin-confirm";
import { actorOf, sendComponentAdminPage } from "../../core/spaces/admin-parts";
import { componentPath } from "../../core/spaces/types";
import { redirectWithFlash } from "../../web/render";
import { AdminListPage, CsvPage, ResultForm, StatusForm, StatusesPage, TimelinePage, type ResultValues, type StatusValues, type UpdateValues } from "./admin-views";
import { exportResultsCsv, importResults, parseResultsCsv, type ImportError } from "./csv";
import { followUpAdminRoutes } from "./follow-up-routes";
import { resultInput, statusInput, updateInput } from "./inputs";
import { linkableResources, listPlacements, listTree, loadResult } from "./queries";
import { idOf, place, resultParams, type C, type Handler } from "./route-parts";
import { addUpdate, deleteResult, deleteStatus, deleteUpdate, saveResult, saveStatus } from "./service";
import type { ResultSettings, ResultStepSettings } from "./settings";
import { listStatuses } from "./statuses";
import { text } from "./view-parts";

const page = sendComponentAdminPage;
const statusParams = z.object({ statusId: z.string().regex(/^\d{1,15}$/) });
const updateParams = resultParams.extend({ updateId: z.string().regex(/^\d{1,15}$/) });
const str = (v: Record<string, unknown>, k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);
const tr = (v: Record<string, unknown>, k: string) => (v[k] && typeof v[k] === "object" ? (v[k] as Translatable) : undefined);

const list: Handler = async (req, reply, c) => {
  const rows = await listTree(c.deps.db, c.component.id);
  const name = text(req.ctx, c.component.name).text;
  return page(req, reply, c, name, <AdminListPage ctx={req.ctx} base={c.base} publicBase={componentPath(c.space, c.component.id)} componentName={name} rows={rows} />);
};

async function resultForm(req: FastifyRequest, reply: FastifyReply, c: C, id: number | null, values: ResultValues | null, errors?: FieldErrors) {
  const { db } = c.deps;
  const { t } = req.ctx;
  const query = (req.query ?? {}) as Record<string, unknown>;
  const linkQuery = typeof query.linkq === "string" ? query.linkq.trim().slice(0, 200) : "";
  const [current, parents, statuses, placements, linkable] = await Promise.all([
    id === null ? Promise.resolve(null) : loadResult(db, c.component.id, id),
    listTree(db, c.component.id),
    listStatuses(db, c.component.id),
    listPlacements(db, c.space.id),
    linkableResources(db, c.space.id, linkQuery || undefined),
  ]);
  if (id !== null && !current) throw notFound();
  const parentQuery = typeof query.parent === "string" ? query.parent : "";
  const shown: ResultValues = values ?? (current
    ? {
        title: current.title,
        description: current.description,
        parentId: current.parentId === null ? "" : String(current.parentId),
        externalId: current.externalId ?? "",
        categoryId: current.categoryId === null ? "" : String(current.categoryId),
        scopeId: current.scopeId === null ? "" : String(current.scopeId),
        startDate: current.startDate ?? "",
        endDate: current.endDate ?? "",
        statusId: current.statusId === null ? "" : String(current.statusId),
        progress: current.progress === null || current.children > 0 ? "" : String(Number(current.progress.toFixed(2))),
        linkPicked: current.links.map((l) => `${l.type}:${l.id}`),
      }
    : { parentId: /^\d{1,15}$/.test(parentQuery) ? parentQuery : "" });
  const heading = current ? t("results.admin.edit", { title: text(req.ctx, current.title).text }) : t("results.admin.new");
  const action = current ? `${c.base}/${current.id}/edit` : `${c.base}/new`;
  return page(
    req,
    reply,
    c,
    heading,
    <ResultForm
      ctx={req.ctx}
      base={c.base}
      action={action}
      heading={heading}
      values={shown}
      errors={errors}
      parents={parents.filter((p) => p.id !== id && p.depth < 2)}
      statuses={statuses}
      categories={placements.categories}
      scopes={placements.scopes}
      linkable={linkable}
      linkQuery={linkQuery}
      hasChildren={(current?.children ?? 0) > 0}
    />,
    errors ? 422 : 200,
  );
}

function saveRoute(existing: boolean): Handler {
  return async (req, reply, c) => {
    const id = existing ? idOf(c.params.resultId) : null;
    const values = nestFields(req.body) as Record<string, unknown>;
    const parsed = parseNested(resultInput, values);
    const result = parsed.ok ? await saveResult(c.deps.db, actorOf(req), place(c), id, parsed.value) : parsed;
    if (!result.ok) {
      const shown: ResultValues = {
        title: tr(values, "title"),
        description: tr(values, "description"),
        parentId: str(values, "parentId"),
        externalId: str(values, "externalId"),
        categoryId: str(values, "categoryId"),
        scopeId: str(values, "scopeId"),
        startDate: str(values, "startDate"),
        endDate: str(values, "endDate"),
        statusId: str(values, "statusId"),
        progress: str(values, "progress"),
        linkPicked: stringList(values.linkPicked),
        linkTyped: str(values, "linkTyped"),
      };
      if (result.errors._form && id !== null) throw notFound();
      return resultForm(req, reply, c, id, shown, result.errors);
    }
    return redirectWithFlash(reply, c.base, "success", req.ctx.t("results.admin.saved"));
  };
}

const confirmDelete: Handler = async (req, reply, c) => {
  const r = await loadResult(c.deps.db, c.component.id, idOf(c.params.resultId));
  if (!r) throw notFound();
  const { ctx } = req;
  return page(
    req,
    reply,
    c,
    ctx.t("spaces.confirm.title"),
    <ConfirmPage ctx={ctx} heading={ctx.t("spaces.confirm.deleteNamed", { name: text(ctx, r.title).text })} action={r.children > 0 ? null : `${c.base}/${r.id}/delete`} cancelHref={c.base}>
      <p>{r.children > 0 ? ctx.t("results.admin.deleteRefused", { count: r.children }) : ctx.t("results.admin.deleteIntro", { count: r.timeline.length })}</p>
    </ConfirmPage>,
  );
};

const remove: Handler = async (req, reply, c) => {
  const done = await deleteResult(c.deps.db, actorOf(req), place(c), idOf(c.params.resultId));
  if (!done) throw notFound();
  const refused = done.ok ? undefined : done.errors._form;
  if (refused) return redirectWithFlash(reply, c.base, "error", req.ctx.t(refused.key, refused.values));
  return redirectWithFlash(reply, c.base, "success", req.ctx.t("results.admin.deleted"));
};

async function timeline(req: FastifyRequest, reply: FastifyReply, c: C, values: UpdateValues | null, errors?: FieldErrors) {
  const { db } = c.deps;
  const [r, statuses] = await Promise.all([loadResult(db, c.component.id, idOf(c.params.resultId)), listStatuses(db, c.component.id)]);
  if (!r) throw notFound();
  const shown = values ?? { entryDate: new Date().toISOString().slice(0, 10) };
  return page(
    req,
    reply,
    c,
    req.ctx.t("results.admin.timeline.title", { title: text(req.ctx, r.title).text }),
    <TimelinePage ctx={req.ctx} base={c.base} resultId={r.id} title={r.title} entries={r.timeline} statuses={statuses} values={shown} errors={errors} />,
    errors ? 422 : 200,
  );
}

const addToTimeline: Handler = async (req, reply, c) => {
  const id = idOf(c.params.resultId);
  const values = nestFields(req.body) as Record<string, unknown>;
  const parsed = parseNested(updateInput, values);
  const result = parsed.ok ? await addUpdate(c.deps.db, actorOf(req), place(c), id, parsed.value) : parsed;
  if (!result.ok) {
    if (result.errors._form) throw notFound();
    return timeline(req, reply, c, { entryDate: str(values, "entryDate"), text: tr(values, "text"), statusId: str(values, "statusId"), progress: str(values, "progress") }, result.errors);
  }
  return redirectWithFlash(reply, `${c.base}/${id}/timeline`, "success", req.ctx.t("results.admin.timeline.added"));
};

const removeFromTimeline: Handler = async (req, reply, c) => {
  const id = idOf(c.params.resultId);
  const done = await deleteUpdate(c.deps.db, actorOf(req), place(c), id, idOf(c.params.updateId));
  if (!done) throw notFound();
  return redirectWithFlash(reply, `${c.base}/${id}/timeline`, "success", req.ctx.t("results.admin.timeline.deleted"));
};

const statuses: Handler = async (req, reply, c) => {
  const all = await listStatuses(c.deps.db, c.component.id);
  return page(req, reply, c, req.ctx.t("results.admin.statuses.title"), <StatusesPage ctx={req.ctx} base={c.base} statuses={all} />);
};

async function statusForm(req: FastifyRequest, reply: FastifyReply, c: C, statusId: number | null, values: StatusValues | null, errors?: FieldErrors) {
  const { t } = req.ctx;
  const current = statusId === null ? null : (await listStatuses(c.deps.db, c.component.id)).find((s) => s.id === statusId);
  if (statusId !== null && !current) throw notFound();
  const heading = current ? t("results.admin.statuses.edit") : t("results.admin.statuses.new");
  const action = current ? `${c.base}/statuses/${current.id}/edit` : `${c.base}/statuses/new`;
  const shown: StatusValues = values ?? (current ? { token: current.token, name: current.name, progress: current.progress ?? "", weight: current.weight } : {});
  return page(req, reply, c, heading, <StatusForm ctx={req.ctx} action={action} heading={heading} values={shown} errors={errors} />, errors ? 422 : 200);
}

function saveStatusRoute(existing: boolean): Handler {
  return async (req, reply, c) => {
    const statusId = existing ? idOf(c.params.statusId) : null;
    const values = nestFields(req.body);
    const parsed = parseNested(statusInput, values);
    const result = parsed.ok ? await saveStatus(c.deps.db, actorOf(req), place(c), statusId, parsed.value) : parsed;
    if (!result.ok) {
      if (result.errors._form) throw notFound();
      return statusForm(req, reply, c, statusId, values as StatusValues, result.errors);
    }
    return redirectWithFlash(reply, `${c.base}/statuses`, "success", req.ctx.t("results.admin.statuses.saved"));
  };
}

const confirmDeleteStatus: Handler = async (req, reply, c) => {
  const status = (await listStatuses(c.deps.db, c.component.id)).find((s) => s.id === idOf(c.params.statusId));
  if (!status) throw notFound();
  const { ctx } = req;
  return page(
    req,
    reply,
    c,
    ctx.t("spaces.confirm.title"),
    <ConfirmPage ctx={ctx} heading={ctx.t("spaces.confirm.deleteNamed", { name: text(ctx, status.name).text })} action={`${c.base}/statuses/${status.id}/delete`} cancelHref={`${c.base}/statuses`}>
      <p>{ctx.t("results.admin.statuses.deleteIntro")}</p>
    </ConfirmPage>,
  );
};

const removeStatus: Handler = async (req, reply, c) => {
  const done = await deleteStatus(c.deps.db, actorOf(req), place(c), idOf(c.params.statusId));
  if (!done) throw notFound();
  return redirectWithFlash(reply, `${c.base}/statuses`, "success", req.ctx.t("results.admin.statuses.deleted"));
};

const exportCsv: Handler = async (_req, reply, c) => {
  const csv = await exportResultsCsv(c.deps.db, c.component.id);
  return reply
    .header("content-type", "text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="results-${c.component.id}.csv"`)
    .header("cache-control", "no-store")
    .send(csv);
};

const importForm: Handler = async (req, reply, c) => page(req, reply, c, req.ctx.t("results.admin.csv.title"), <CsvPage ctx={req.ctx} base={c.base} />);

const uploadForm = z.object({
  csv: z.string().max(10_000_000).optional(),
  // Multipart gives a file's content as a Buffer; an empty file input sends an empty one.
  file: z.instanceof(Buffer).optional(),
});

const importRoute: Handler = async (req, reply, c) => {
  const { t } = req.ctx;
  const form = uploadForm.safeParse(req.body ?? {});
  const fileText = form.success && form.data.file && form.data.file.length > 0 ? form.data.file.toString("utf8") : "";
  const csv = fileText || (form.success ? (form.data.csv ?? "") : "");
  let errors: ImportError[];
  if (csv.trim() === "") errors = [{ key: "results.import.error.empty", values: {} }];
  else {
    const parsed = parseResultsCsv(csv);
    const result = parsed.ok ? await importResults(c.deps.db, actorOf(req), place(c), parsed.rows) : parsed;
    if (result.ok) return redirectWithFlash(reply, c.base, "success", t("results.admin.csv.imported", { created: result.created, updated: result.updated }));
    errors = result.errors;
  }
  return page(req, reply, c, t("results.admin.csv.title"), <CsvPage ctx={req.ctx} base={c.base} csv={fileText ? undefined : csv} errors={errors} />, 422);
};

export const resultAdminRoutes: Array<ComponentRoute<ResultSettings, ResultStepSettings>> = [
  ...followUpAdminRoutes,
  { method: "GET", path: "/", handler: list },
  { method: "GET", path: "/new", handler: async (req, reply, c) => resultForm(req, reply, c, null, null) },
  { method: "POST", path: "/new", handler: saveRoute(false) },
  { method: "GET", path: "/export.csv", handler: exportCsv },
  { method: "GET", path: "/import", handler: importForm },
  { method: "POST", path: "/import", handler: importRoute },
  { method: "GET", path: "/statuses", handler: statuses },
  { method: "GET", path: "/statuses/new", handler: async (req, reply, c) => statusForm(req, reply, c, null, null) },
  { method: "POST", path: "/statuses/new", handler: saveStatusRoute(false) },
  { method: "GET", path: "/statuses/:statusId/edit", params: statusParams, handler: async (req, reply, c) => statusForm(req, reply, c, idOf(c.params.statusId), null) },
  { method: "POST", path: "/statuses/:statusId/edit", params: statusParams, handler: saveStatusRoute(true) },
  { method: "GET", path: "/statuses/:statusId/delete", params: statusParams, handler: confirmDeleteStatus },
  { method: "POST", path: "/statuses/:statusId/delete", params: statusParams, handler: removeStatus },
  { method: "GET", path: "/:resultId/edit", params: resultParams, handler: async (req, reply, c) => resultForm(req, reply, c, idOf(c.params.resultId), null) },
  { method: "POST", path: "/:resultId/edit", params: resultParams, handler: saveRoute(true) },
  { method: "GET", path: "/:resultId/delete", params: resultParams, handler: confirmDelete },
  { method: "POST", path: "/:resultId/delete", params: resultParams, handler: remove },
  { method: "GET", path: "/:resultId/timeline", params: resultParams, handler: async (req, reply, c) => timeline(req, reply, c, null) },
  { method: "POST", path: "/:resultId/timeline", params: resultParams, handler: addToTimeline },
  { method: "POST", path: "/:resultId/timeline/:updateId/delete", params: updateParams, handler: removeFromTimeline },
];
