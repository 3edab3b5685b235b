/**
 * Back-office routes of the budgets component's catalogue (relative to
 * /admin/spaces/:spaceId/components/:id/manage; the dispatcher lets only the space's administrators in):
 * budgets, their projects (with images and documents), and the import of projects from another
 * component of the space (accepted proposals with their cost).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { checkUpload, FIELDS, listAttachments, readUpload, type Attachment, type Upload } from "../../core/attachments/service";
import { AttachmentFields } from "../../core/attachments/views";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { nestFields, parseNested } from "../../core/components/form-values";
import { notFound, type FieldErrors } from "../../core/http/result";
import type { Translatable } from "../../core/i18n/locales";
import { listHandOverSources, readHandOver } from "../../core/resources/hand-over";
import { ConfirmPage } from "../../core/spaces/admin-confirm";
import { actorOf, sendComponentAdminPage } from "../../core/spaces/admin-parts";
import { componentPath } from "../../core/spaces/types";
import { redirectWithFlash } from "../../web/render";
import { budgetInput, importInput, projectInput } from "./admin-inputs";
import { deleteBudget, deleteProject, importProjects, saveBudget, saveProject, saveProjectFiles } from "./admin-service";
import { BudgetForm, BudgetListPage, ImportPage, ProjectForm, ProjectListPage, type BudgetValues, type ProjectValues } from "./admin-views";
import { importedSources, listBudgets, listPlacements, listProjects, loadBudget, type BudgetSummary, type ProjectRow } from "./catalogue";
import { text } from "./catalogue-view-parts";
import { projectResourceKind } from "./kit";
import type { BudgetSettings, BudgetStepSettings } from "./settings";

type C = ComponentRequest<BudgetSettings, BudgetStepSettings>;
type Handler = ComponentRoute<BudgetSettings, BudgetStepSettings>["handler"];

const ID = /^\d{1,15}$/;
const budgetParams = z.object({ budgetId: z.string().regex(ID) });
const projectParams = budgetParams.extend({ projectId: z.string().regex(ID) });
const idOf = (raw: string | undefined) => (raw !== undefined && ID.test(raw) ? Number(raw) : -1);
const place = (c: C) => ({ componentId: c.component.id, spaceId: c.space.id });
const page = sendComponentAdminPage;
const str = (v: Record<string, unknown>, k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);
const tr = (v: Record<string, unknown>, k: string) => (v[k] && typeof v[k] === "object" && !Buffer.isBuffer(v[k]) ? (v[k] as Translatable) : undefined);
const ATTACHMENT_RULES = projectResourceKind.attachments ?? { types: ["image", "pdf"], maxBytes: 5 * 1024 * 1024, max: 6 };
const projectsHref = (c: C, budgetId: number) => `${c.base}/${budgetId}/projects`;

const list: Handler = async (req, reply, c) => {
  const budgets = await listBudgets(c.deps.db, c.component.id);
  const name = text(req.ctx, c.component.name).text;
  return page(req, reply, c, name, <BudgetListPage ctx={req.ctx} base={c.base} publicBase={componentPath(c.space, c.component.id)} componentName={name} budgets={budgets} />);
};

async function budgetForm(req: FastifyRequest, reply: FastifyReply, c: C, id: number | null, values: BudgetValues | null, errors?: FieldErrors) {
  const { t } = req.ctx;
  const [current, placements] = await Promise.all([id === null ? Promise.resolve(null) : loadBudget(c.deps.db, c.component.id, id), listPlacements(c.deps.db, c.space.id)]);
  if (id !== null && !current) throw notFound();
  const n = (x: number | undefined) => (x === undefined ? "" : String(x));
  const shown: BudgetValues = values ?? (current
    ? {
        title: current.title,
        description: current.description,
        total: String(current.total),
        currency: current.currency,
        scopeId: current.scopeId === null ? "" : String(current.scopeId),
        voteType: current.voteType,
        weight: String(current.weight),
        minPercent: n(current.rules.minPercent),
        minProjects: n(current.rules.minProjects),
        maxProjects: n(current.rules.maxProjects),
        maxPoints: n(current.rules.maxPoints),
        maxPointsPerProject: n(current.rules.maxPointsPerProject),
        maxLength: n(current.rules.maxLength),
      }
    : {});
  const heading = current ? t("budgets.admin.budget.edit", { title: text(req.ctx, current.title).text }) : t("budgets.admin.budget.new");
  const action = current ? `${c.base}/${current.id}/edit` : `${c.base}/new`;
  return page(req, reply, c, heading, <BudgetForm ctx={req.ctx} base={c.base} action={action} heading={heading} values={shown} errors={errors} scopes={placements.scopes} />, errors ? 422 : 200);
}

function saveBudgetRoute(existing: boolean): Handler {
  return async (req, reply, c) => {
    const id = existing ? idOf(c.params.budgetId) : null;
    const values = nestFields(req.body);
    const parsed = parseNested(budgetInput, values);
    const result = parsed.ok ? await saveBudget(c.deps.db, actorOf(req), place(c), id, parsed.value) : parsed;
    if (!result.ok) {
      if (result.errors._form && id !== null) throw notFound();
      const shown: BudgetValues = { ...(Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === "string")) as Record<string, string>), title: tr(values, "title"), description: tr(values, "description") };
      return budgetForm(req, reply, c, id, shown, result.errors);
    }
    return redirectWithFlash(reply, c.base, "success", req.ctx.t("budgets.admin.budget.saved"));
  };
}

const confirmDeleteBudget: Handler = async (req, reply, c) => {
  const b = await loadBudget(c.deps.db, c.component.id, idOf(c.params.budgetId));
  if (!b) throw notFound();
  const { ctx } = req;
  // Refused up front when people have voted (the post would be refused too).
  const refused = b.ballots > 0;
  return page(
    req,
    reply,
    c,
    ctx.t("spaces.confirm.title"),
    <ConfirmPage ctx={ctx} heading={ctx.t("spaces.confirm.deleteNamed", { name: text(ctx, b.title).text })} action={refused ? null : `${c.base}/${b.id}/delete`} cancelHref={c.base}>
      {refused ? (
        <p class="error-message" role="alert">
          {ctx.t("budgets.admin.budget.hasBallots")}
        </p>
      ) : (
        <p>{ctx.t("budgets.admin.budget.deleteIntro", { count: b.projects })}</p>
      )}
    </ConfirmPage>,
  );
};

const removeBudget: Handler = async (req, reply, c) => {
  const done = await deleteBudget(c.deps.db, actorOf(req), place(c), idOf(c.params.budgetId));
  if (!done.ok) {
    const error = done.errors._form;
    if (!error || error.key === "budgets.admin.notFound") throw notFound();
    return redirectWithFlash(reply, c.base, "error", req.ctx.t(error.key, error.values));
  }
  return redirectWithFlash(reply, c.base, "success", req.ctx.t("budgets.admin.budget.deleted"));
};

async function budgetOf(c: C): Promise<BudgetSummary> {
  const b = await loadBudget(c.deps.db, c.component.id, idOf(c.params.budgetId));
  if (!b) throw notFound();
  return b;
}

const projects: Handler = async (req, reply, c) => {
  const budget = await budgetOf(c);
  const rows = await listProjects(c.deps.db, c.component.id, budget.id);
  const title = req.ctx.t("budgets.admin.project.list", { budget: text(req.ctx, budget.title).text });
  return page(req, reply, c, title, <ProjectListPage ctx={req.ctx} base={c.base} publicBase={componentPath(c.space, c.component.id)} budget={budget} projects={rows} />);
};

interface ProjectFormState {
  values: ProjectValues | null;
  errors?: FieldErrors | undefined;
  upload?: Upload | undefined;
}

async function projectForm(req: FastifyRequest, reply: FastifyReply, c: C, projectId: number | null, state: ProjectFormState) {
  const { t } = req.ctx;
  const { db } = c.deps;
  const budget = await budgetOf(c);
  const [rows, placements, existing] = await Promise.all([
    projectId === null ? Promise.resolve([] as ProjectRow[]) : listProjects(db, c.component.id, budget.id),
    listPlacements(db, c.space.id),
    projectId === null ? Promise.resolve([] as Attachment[]) : listAttachments(db, { type: "budget_project", id: projectId }),
  ]);
  const current = projectId === null ? null : rows.find((p) => p.id === projectId);
  if (projectId !== null && !current) throw notFound();
  const s = (x: number | null) => (x === null ? "" : String(x));
  const shown: ProjectValues = state.values ?? (current
    ? { title: current.title, description: current.description, cost: String(current.cost), categoryId: s(current.categoryId), scopeId: s(current.scopeId), address: current.address ?? "", latitude: s(current.latitude), longitude: s(current.longitude), weight: String(current.weight) }
    : {});
  const heading = current ? t("budgets.admin.project.edit", { title: text(req.ctx, current.title).text }) : t("budgets.admin.project.new");
  const action = current ? `${projectsHref(c, budget.id)}/${current.id}/edit` : `${projectsHref(c, budget.id)}/new`;
  const files = <AttachmentFields ctx={req.ctx} rules={ATTACHMENT_RULES} limit={ATTACHMENT_RULES.max} existing={existing} title={state.upload?.title} removing={state.upload?.remove} errors={state.errors} />;
  return page(
    req,
    reply,
    c,
    heading,
    <ProjectForm ctx={req.ctx} backHref={projectsHref(c, budget.id)} action={action} heading={heading} currency={budget.currency} values={shown} errors={state.errors} categories={placements.categories} scopes={placements.scopes} attachments={files} />,
    state.errors ? 422 : 200,
  );
}

function saveProjectRoute(existing: boolean): Handler {
  return async (req, reply, c) => {
    const { db } = c.deps;
    const budgetId = idOf(c.params.budgetId);
    const projectId = existing ? idOf(c.params.projectId) : null;
    const upload = readUpload(req.body);
    const values = nestFields(req.body);
    const parsed = parseNested(projectInput, values);
    const held = projectId === null ? [] : await listAttachments(db, { type: "budget_project", id: projectId });
    const kept = held.filter((a) => !upload.remove.includes(a.id)).length;
    const fileErrors = checkUpload(upload, ATTACHMENT_RULES, kept, ATTACHMENT_RULES.max);
    const result = parsed.ok && !fileErrors ? await saveProject(db, actorOf(req), place(c), budgetId, projectId, parsed.value) : null;
    if (!result?.ok) {
      if (result?.errors._form) throw notFound();
      // A browser does not keep a chosen file when the form comes back: say so next to the field.
      const again: FieldErrors = upload.file && !fileErrors ? { [FIELDS.file]: { key: "attachments.validation.chooseAgain" } } : {};
      const errors: FieldErrors = { ...(result ? result.errors : parsed.ok ? {} : parsed.errors), ...fileErrors, ...again };
      const shown: ProjectValues = { ...(Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === "string")) as Record<string, string>), title: tr(values, "title"), description: tr(values, "description") };
      return projectForm(req, reply, c, projectId, { values: shown, errors, upload });
    }
    const id = result.value.id;
    if (upload.file || upload.remove.length > 0) {
      const saved = await saveProjectFiles(db, c.component.id, actorOf(req).id, id, upload, ATTACHMENT_RULES);
      const error = saved.ok ? null : Object.values(saved.errors)[0];
      if (error) return redirectWithFlash(reply, `${projectsHref(c, budgetId)}/${id}/edit`, "error", req.ctx.t(error.key, error.values));
    }
    return redirectWithFlash(reply, projectsHref(c, budgetId), "success", req.ctx.t("budgets.admin.project.saved"));
  };
}

const confirmDeleteProject: Handler = async (req, reply, c) => {
  const budget = await budgetOf(c);
  const p = (await listProjects(c.deps.db, c.component.id, budget.id)).find((x) => x.id === idOf(c.params.projectId));
  if (!p) throw notFound();
  const { ctx } = req;
  const refused = p.votes > 0;
  return page(
    req,
    reply,
    c,
    ctx.t("spaces.confirm.title"),
    <ConfirmPage ctx={ctx} heading={ctx.t("spaces.confirm.deleteNamed", { name: text(ctx, p.title).text })} action={refused ? null : `${projectsHref(c, budget.id)}/${p.id}/delete`} cancelHref={projectsHref(c, budget.id)}>
      {refused ? (
        <p class="error-message" role="alert">
          {ctx.t("budgets.admin.project.hasVotes")}
        </p>
      ) : (
        <p>{ctx.t("budgets.admin.project.deleteIntro")}</p>
      )}
    </ConfirmPage>,
  );
};

const removeProject: Handler = async (req, reply, c) => {
  const budgetId = idOf(c.params.budgetId);
  const done = await deleteProject(c.deps.db, actorOf(req), place(c), budgetId, idOf(c.params.projectId));
  if (!done.ok) {
    const error = done.errors._form;
    if (!error || error.key === "budgets.admin.notFound") throw notFound();
    return redirectWithFlash(reply, projectsHref(c, budgetId), "error", req.ctx.t(error.key, error.values));
  }
  return redirectWithFlash(reply, projectsHref(c, budgetId), "success", req.ctx.t("budgets.admin.project.deleted"));
};

const importQuery = z.object({
  source: z.string().max(60).optional().catch(undefined),
  budgetId: z.string().regex(ID).optional().catch(undefined),
});

/** "proposal:12" -> the source component 12 offering "proposal". */
const parseSource = (raw: string) => {
  const i = raw.lastIndexOf(":");
  return { type: raw.slice(0, i), componentId: Number(raw.slice(i + 1)) };
};

async function importPage(req: FastifyRequest, reply: FastifyReply, c: C, wanted: { source: string; budgetId: string }, errors?: FieldErrors) {
  const { db } = c.deps;
  const { ctx } = req;
  const [budgets, sources] = await Promise.all([listBudgets(db, c.component.id), listHandOverSources(db, c.space.id, c.component.id)]);
  const options = sources.map((s) => ({ value: `${s.type}:${s.componentId}`, label: `${text(ctx, s.componentName).text} — ${ctx.t(s.label)}` }));
  const chosen = options.some((o) => o.value === wanted.source) ? wanted.source : "";
  const budget = budgets.find((b) => String(b.id) === wanted.budgetId) ?? budgets[0];
  let items = null;
  if (chosen && budget) {
    const source = parseSource(chosen);
    const offered = (await readHandOver(db, c.space.id, source)) ?? [];
    const done = await importedSources(db, c.component.id, source.type, offered.map((i) => i.id));
    items = offered.map((i) => ({ ...i, imported: done.has(i.id) }));
  }
  return page(
    req,
    reply,
    c,
    ctx.t("budgets.admin.import.title"),
    <ImportPage ctx={ctx} base={c.base} budgets={budgets} sources={options} source={chosen} budgetId={budget ? String(budget.id) : ""} items={items} currency={budget?.currency ?? "EUR"} errors={errors} />,
    errors ? 422 : 200,
  );
}

const showImport: Handler = async (req, reply, c) => {
  const q = importQuery.parse(req.query ?? {});
  return importPage(req, reply, c, { source: q.source ?? "", budgetId: q.budgetId ?? "" });
};

const runImport: Handler = async (req, reply, c) => {
  const values = nestFields(req.body);
  const parsed = parseNested(importInput, values);
  const result = parsed.ok ? await importProjects(c.deps.db, actorOf(req), place(c), parsed.value.budgetId, parseSource(parsed.value.source), req.ctx.org.defaultLocale) : parsed;
  if (!result.ok) return importPage(req, reply, c, { source: str(values, "source") ?? "", budgetId: str(values, "budgetId") ?? "" }, result.errors);
  const budgetId = parsed.ok ? parsed.value.budgetId : 0;
  return redirectWithFlash(reply, projectsHref(c, budgetId), "success", req.ctx.t("budgets.admin.import.done", { created: result.value.created, skipped: result.value.skipped }));
};

export const budgetAdminRoutes: Array<ComponentRoute<BudgetSettings, BudgetStepSettings>> = [
  { method: "GET", path: "/", handler: list },
  { method: "GET", path: "/new", handler: async (req, reply, c) => budgetForm(req, reply, c, null, null) },
  { method: "POST", path: "/new", handler: saveBudgetRoute(false) },
  { method: "GET", path: "/import", handler: showImport },
  { method: "POST", path: "/import", handler: runImport },
  { method: "GET", path: "/:budgetId/edit", params: budgetParams, handler: async (req, reply, c) => budgetForm(req, reply, c, idOf(c.params.budgetId), null) },
  { method: "POST", path: "/:budgetId/edit", params: budgetParams, handler: saveBudgetRoute(true) },
  { method: "GET", path: "/:budgetId/delete", params: budgetParams, handler: confirmDeleteBudget },
  { method: "POST", path: "/:budgetId/delete", params: budgetParams, handler: removeBudget },
  { method: "GET", path: "/:budgetId/projects", params: budgetParams, handler: projects },
  { method: "GET", path: "/:budgetId/projects/new", params: budgetParams, handler: async (req, reply, c) => projectForm(req, reply, c, null, { values: null }) },
  { method: "POST", path: "/:budgetId/projects/new", params: budgetParams, handler: saveProjectRoute(false) },
  { method: "GET", path: "/:budgetId/projects/:projectId/edit", params: projectParams, handler: async (req, reply, c) => projectForm(req, reply, c, idOf(c.params.projectId), { values: null }) },
  { method: "POST", path: "/:budgetId/projects/:projectId/edit", params: projectParams, handler: saveProjectRoute(true) },
  { method: "GET", path: "/:budgetId/projects/:projectId/delete", params: projectParams, handler: confirmDeleteProject },
  { method: "POST", path: "/:budgetId/projects/:projectId/delete", params: projectParams, handler: removeProject },
];
