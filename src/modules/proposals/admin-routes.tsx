/**
 * Back-office routes of the proposals component (relative to
 * /admin/spaces/:spaceId/components/:id/manage; the dispatcher lets only the space's administrators in).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import { nestFields, parseNested, stringList } from "../../core/components/form-values";
import { notFound, type FieldErrors } from "../../core/http/result";
import type { Translatable } from "../../core/i18n/locales";
import { ConfirmPage } from "../../core/spaces/admin-confirm";
import { actorOf, sendComponentAdminPage } from "../../core/spaces/admin-parts";
import { componentPath } from "../../core/spaces/types";
import { redirectWithFlash } from "../../web/render";
import { ADMIN_SORTS, ADMIN_STATUSES, listForAdmin, type AdminFilter } from "./admin-queries";
import { proposalToolRoutes } from "./admin-tools-routes";
import { HistorySection, ToolLinks } from "./admin-tools-views";
import { AdminListPage, AdminProposalPage, OfficialForm, StateForm, StatesPage, type AnswerValues, type OfficialValues, type StateValues } from "./admin-views";
import { answerProposal, createOfficialProposal, deleteState, publishAnswers, saveState } from "./answers";
import { readUpload, type Upload } from "../../core/attachments/service";
import { AttachmentFields } from "../../core/attachments/views";
import { answerImportRoutes } from "./answer-import-routes";
import { applyUpload, ATTACHMENT_RULES, attachmentLimit, uploadErrors } from "./attachments";
import { evaluationRoutes } from "./evaluation/routes";
import { listEvaluators } from "./evaluation/service";
import { EvaluationLink, EvaluatorBulk } from "./evaluation/views";
import { loadHistory } from "./history";
import { answerInput, officialInput, stateInput } from "./inputs";
import { listPlacements, loadProposal } from "./queries";
import type { ProposalSettings, ProposalStepSettings } from "./settings";
import { listStates, SYSTEM_TOKENS } from "./states";
import { text } from "./view-parts";

type C = ComponentRequest<ProposalSettings, ProposalStepSettings>;
type Handler = ComponentRoute<ProposalSettings, ProposalStepSettings>["handler"];

const place = (c: C) => ({ componentId: c.component.id, spaceId: c.space.id });
const page = sendComponentAdminPage;
const idOf = (raw: string | undefined) => (raw !== undefined && /^\d{1,15}$/.test(raw) ? Number(raw) : -1);
const proposalParams = z.object({ proposalId: z.string().regex(/^\d{1,15}$/) });
const stateParams = z.object({ stateId: z.string().regex(/^\d{1,15}$/) });

const listQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  state: z.string().regex(/^(none|waiting|\d{1,15})$/).optional().catch(undefined),
  category: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  scope: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  status: z.enum(ADMIN_STATUSES).optional().catch(undefined),
  answer: z.enum(["with", "without"]).optional().catch(undefined),
  sort: z.enum(ADMIN_SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

const list: Handler = async (req, reply, c) => {
  const { db } = c.deps;
  const q = listQuery.parse(req.query ?? {});
  const filter: AdminFilter = { q: q.q || undefined, state: q.state, categoryId: q.category, scopeId: q.scope, status: q.status, answer: q.answer, sort: q.sort ?? "newest", page: q.page ?? 1 };
  const [{ rows, hasNext }, states, placements, evaluators] = await Promise.all([listForAdmin(db, c.component.id, filter, req.ctx.locale), listStates(db, c.component.id), listPlacements(db, c.space.id), listEvaluators(db, c.space.id)]);
  const name = text(req.ctx, c.component.name).text;
  return page(
    req,
    reply,
    c,
    name,
    <AdminListPage
      ctx={req.ctx}
      base={c.base}
      publicBase={componentPath(c.space, c.component.id)}
      componentName={name}
      filter={filter}
      rows={rows}
      hasNext={hasNext}
      states={states}
      categories={placements.categories}
      scopes={placements.scopes}
      officialEnabled={c.settings.global.officialProposalsEnabled}
      bulkExtra={<EvaluatorBulk ctx={req.ctx} base={c.base} evaluators={evaluators} />}
    />,
  );
};

const publishSelected: Handler = async (req, reply, c) => {
  const ids = stringList((req.body as Record<string, unknown> | undefined)?.ids)
    .filter((v) => /^\d{1,15}$/.test(v))
    .map(Number);
  const { t } = req.ctx;
  if (ids.length === 0) return redirectWithFlash(reply, c.base, "error", t("proposals.admin.noneSelected"));
  const n = await publishAnswers(c.deps.db, actorOf(req), place(c), ids);
  const back = ids.length === 1 ? `${c.base}/${ids[0]}` : c.base;
  return redirectWithFlash(reply, back, "success", t("proposals.admin.answersPublished", { count: n }));
};

async function showProposal(req: FastifyRequest, reply: FastifyReply, c: C, opts: { values?: AnswerValues; errors?: FieldErrors; status?: number } = {}) {
  const { db } = c.deps;
  const id = idOf(c.params.proposalId);
  const [p, states, history] = await Promise.all([loadProposal(db, c.component.id, id, null), listStates(db, c.component.id), loadHistory(db, id, { spaceId: c.space.id, all: true })]);
  if (!p || !p.publishedAt) throw notFound();
  const values: AnswerValues = opts.values ?? {
    stateId: p.state ? String(p.state.id) : "",
    answer: p.answer,
    cost: p.costCents === null ? "" : (p.costCents / 100).toFixed(2),
    costReport: p.costReport,
    executionPeriod: p.executionPeriod,
  };
  const step = c.settings.step;
  return page(
    req,
    reply,
    c,
    text(req.ctx, p.title).text,
    <AdminProposalPage
      ctx={req.ctx}
      base={c.base}
      publicUrl={componentPath(c.space, c.component.id, `/${p.id}`)}
      p={p}
      states={states}
      values={values}
      errors={opts.errors}
      publishNow={step.answersPublishedImmediately}
      withCosts={step.answersWithCosts}
      evaluation={<EvaluationLink ctx={req.ctx} base={c.base} id={p.id} />}
      tools={
        <>
          <HistorySection ctx={req.ctx} links={history} />
          {!p.withdrawnAt && <ToolLinks ctx={req.ctx} base={c.base} id={p.id} />}
        </>
      }
    />,
    opts.status,
  );
}

const show: Handler = async (req, reply, c) => showProposal(req, reply, c);

const answer: Handler = async (req, reply, c) => {
  const id = idOf(c.params.proposalId);
  const values = nestFields(req.body);
  const parsed = parseNested(answerInput, values);
  const step = c.settings.step;
  const result = parsed.ok ? await answerProposal(c.deps.db, actorOf(req), place(c), id, parsed.value, { publishNow: step.answersPublishedImmediately, withCosts: step.answersWithCosts }) : parsed;
  if (!result.ok) {
    const v = values as Record<string, unknown>;
    const str = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);
    const tr = (k: string) => (v[k] && typeof v[k] === "object" ? (v[k] as Translatable) : undefined);
    return showProposal(req, reply, c, { values: { stateId: str("stateId"), answer: tr("answer"), cost: str("cost"), costReport: tr("costReport"), executionPeriod: tr("executionPeriod") }, errors: result.errors, status: 422 });
  }
  const { t } = req.ctx;
  return redirectWithFlash(reply, `${c.base}/${id}`, "success", result.value.published ? t("proposals.admin.answerPublished") : t("proposals.admin.answerSaved"));
};

async function officialForm(req: FastifyRequest, reply: FastifyReply, c: C, values: OfficialValues, errors?: FieldErrors, upload?: Upload) {
  if (!c.settings.global.officialProposalsEnabled) throw notFound();
  const placements = await listPlacements(c.deps.db, c.space.id);
  const limit = attachmentLimit(c.settings.global);
  const files = limit > 0 ? <AttachmentFields ctx={req.ctx} rules={ATTACHMENT_RULES} limit={limit} existing={[]} title={upload?.title} errors={errors} /> : undefined;
  return page(req, reply, c, req.ctx.t("proposals.admin.newOfficial"), <OfficialForm ctx={req.ctx} base={c.base} values={values} errors={errors} categories={placements.categories} scopes={placements.scopes} attachments={files} />, errors ? 422 : 200);
}

const newOfficial: Handler = async (req, reply, c) => officialForm(req, reply, c, {});

const createOfficial: Handler = async (req, reply, c) => {
  if (!c.settings.global.officialProposalsEnabled) throw notFound();
  const upload = readUpload(req.body);
  const values = nestFields(req.body);
  const parsed = parseNested(officialInput, values);
  const fileErrors = uploadErrors(upload, [], c.settings.global, !parsed.ok);
  const result = parsed.ok && !fileErrors ? await createOfficialProposal(c.deps.db, actorOf(req), place(c), parsed.value) : null;
  if (!result?.ok) {
    const errors = result && !result.ok ? { ...result.errors, ...uploadErrors(upload, [], c.settings.global, true) } : { ...(parsed.ok ? {} : parsed.errors), ...fileErrors };
    return officialForm(req, reply, c, values as OfficialValues, errors, upload);
  }
  // The organization's files, attached as it publishes (a late refusal is said on the proposal's page).
  const saved = await applyUpload(c.deps.db, actorOf(req).id, place(c), result.value.id, upload, c.settings.global);
  const error = saved.ok ? null : Object.values(saved.errors)[0];
  if (error) return redirectWithFlash(reply, `${c.base}/${result.value.id}`, "error", req.ctx.t(error.key, error.values));
  return redirectWithFlash(reply, `${c.base}/${result.value.id}`, "success", req.ctx.t("proposals.admin.officialPublished"));
};

const states: Handler = async (req, reply, c) => {
  const all = await listStates(c.deps.db, c.component.id);
  return page(req, reply, c, req.ctx.t("proposals.admin.states.title"), <StatesPage ctx={req.ctx} base={c.base} states={all} />);
};

async function stateForm(req: FastifyRequest, reply: FastifyReply, c: C, stateId: number | null, values: StateValues | null, errors?: FieldErrors) {
  const { t } = req.ctx;
  const current = stateId === null ? null : (await listStates(c.deps.db, c.component.id)).find((s) => s.id === stateId);
  if (stateId !== null && !current) throw notFound();
  const heading = current ? t("proposals.admin.states.edit") : t("proposals.admin.states.new");
  const action = current ? `${c.base}/states/${current.id}/edit` : `${c.base}/states/new`;
  const shown: StateValues = values ?? (current ? { token: current.token, name: current.name, bgColor: current.bgColor, textColor: current.textColor, weight: current.weight } : {});
  return page(req, reply, c, heading, <StateForm ctx={req.ctx} action={action} heading={heading} values={shown} errors={errors} system={Boolean(current && SYSTEM_TOKENS.includes(current.token))} />, errors ? 422 : 200);
}

function saveStateRoute(existing: boolean): Handler {
  return async (req, reply, c) => {
    const stateId = existing ? idOf(c.params.stateId) : null;
    const values = nestFields(req.body);
    const parsed = parseNested(stateInput, values);
    const result = parsed.ok ? await saveState(c.deps.db, actorOf(req), place(c), stateId, parsed.value) : parsed;
    if (!result.ok) return stateForm(req, reply, c, stateId, values as StateValues, result.errors);
    return redirectWithFlash(reply, `${c.base}/states`, "success", req.ctx.t("proposals.admin.states.saved"));
  };
}

const confirmDeleteState: Handler = async (req, reply, c) => {
  const state = (await listStates(c.deps.db, c.component.id)).find((s) => s.id === idOf(c.params.stateId));
  if (!state || SYSTEM_TOKENS.includes(state.token)) throw notFound();
  const { ctx } = req;
  return page(
    req,
    reply,
    c,
    ctx.t("spaces.confirm.title"),
    <ConfirmPage ctx={ctx} heading={ctx.t("spaces.confirm.deleteNamed", { name: text(ctx, state.name).text })} action={`${c.base}/states/${state.id}/delete`} cancelHref={`${c.base}/states`}>
      <p>{ctx.t("proposals.admin.states.deleteIntro")}</p>
    </ConfirmPage>,
  );
};

const removeState: Handler = async (req, reply, c) => {
  const result = await deleteState(c.deps.db, actorOf(req), place(c), idOf(c.params.stateId));
  const { t } = req.ctx;
  if (!result.ok) {
    const error = Object.values(result.errors)[0];
    return redirectWithFlash(reply, `${c.base}/states`, "error", error ? t(error.key, error.values) : "");
  }
  return redirectWithFlash(reply, `${c.base}/states`, "success", t("proposals.admin.states.deleted"));
};

export const proposalAdminRoutes: Array<ComponentRoute<ProposalSettings, ProposalStepSettings>> = [
  { method: "GET", path: "/", handler: list },
  { method: "POST", path: "/publish-answers", handler: publishSelected },
  ...evaluationRoutes,
  ...answerImportRoutes,
  ...proposalToolRoutes,
  { method: "GET", path: "/new", handler: newOfficial },
  { method: "POST", path: "/new", handler: createOfficial },
  { method: "GET", path: "/states", handler: states },
  { method: "GET", path: "/states/new", handler: async (req, reply, c) => stateForm(req, reply, c, null, null) },
  { method: "POST", path: "/states/new", handler: saveStateRoute(false) },
  { method: "GET", path: "/states/:stateId/edit", params: stateParams, handler: async (req, reply, c) => stateForm(req, reply, c, idOf(c.params.stateId), null) },
  { method: "POST", path: "/states/:stateId/edit", params: stateParams, handler: saveStateRoute(true) },
  { method: "GET", path: "/states/:stateId/delete", params: stateParams, handler: confirmDeleteState },
  { method: "POST", path: "/states/:stateId/delete", params: stateParams, handler: removeState },
  { method: "GET", path: "/:proposalId", params: proposalParams, handler: show },
  { method: "POST", path: "/:proposalId/answer", params: proposalParams, handler: answer },
];
