/**
 * Back-office routes of evaluation (relative to the component's back office; `roles: ["evaluator"]`
 * lets the space's evaluators in besides its administrators): an evaluator's proposals, a proposal's
 * evaluation page (its answer, internal until an administrator publishes it, its evaluators and
 * private notes), notes, and assigning evaluators (administrators only, one proposal or in bulk).
 * An evaluator reaches only the proposals assigned to them: any other is a 404.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { ComponentRequest, ComponentRoute } from "../../../core/components/define";
import { nestFields, parseNested, stringList } from "../../../core/components/form-values";
import { sendAdminPage } from "../../../core/admin/layout";
import { notFound, type FieldErrors } from "../../../core/http/result";
import type { Translatable } from "../../../core/i18n/locales";
import { canAdministerSpace } from "../../../core/permissions/access";
import { actorOf, sendSpaceAdminPage } from "../../../core/spaces/admin-parts";
import { componentPath } from "../../../core/spaces/types";
import { redirectWithFlash } from "../../../web/render";
import { AdminProposalPage, type AnswerValues } from "../admin-views";
import { answerProposal } from "../answers";
import { answerInput } from "../inputs";
import { loadProposal } from "../queries";
import type { ProposalSettings, ProposalStepSettings } from "../settings";
import { listStates } from "../states";
import { text } from "../view-parts";
import { addNote, isEvaluatorOf, listAssigned, listEvaluators, loadEvaluation, setEvaluator } from "./service";
import { EvaluationSection, EvaluatorListPage } from "./views";

type C = ComponentRequest<ProposalSettings, ProposalStepSettings>;
type Handler = ComponentRoute<ProposalSettings, ProposalStepSettings>["handler"];

const place = (c: C) => ({ componentId: c.component.id, spaceId: c.space.id });
const params = z.object({ proposalId: z.string().regex(/^\d{1,15}$/) });
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) });
const isAdmin = (c: C) => canAdministerSpace(c.access);

/** Administrators get the space's back-office frame; evaluators, whose other tabs would refuse them, the plain one. */
function page(req: FastifyRequest, reply: FastifyReply, c: C, title: string, body: preact.ComponentChildren, status = 200) {
  return isAdmin(c) ? sendSpaceAdminPage(req, reply, c.space, { title, tab: "components", body, status }) : sendAdminPage(req, reply, { title, body, status });
}

/** The published proposal, if the reader administers the space or evaluates it; otherwise not found. */
async function evaluable(req: FastifyRequest, c: C) {
  const id = Number(c.params.proposalId);
  const user = req.ctx.user;
  if (!user) throw notFound();
  const [p, assigned] = await Promise.all([loadProposal(c.deps.db, c.component.id, id, null), isAdmin(c) ? Promise.resolve(true) : isEvaluatorOf(c.deps.db, id, user.id)]);
  if (!p || !p.publishedAt || !assigned) throw notFound();
  return p;
}

const list: Handler = async (req, reply, c) => {
  const { page: n } = pageQuery.parse(req.query ?? {});
  const user = req.ctx.user;
  if (!user) throw notFound();
  const [{ rows, hasNext }, states] = await Promise.all([listAssigned(c.deps.db, c.component.id, user.id, n), listStates(c.deps.db, c.component.id)]);
  const name = text(req.ctx, c.component.name).text;
  return page(req, reply, c, req.ctx.t("proposals.evaluation.title", { name }), <EvaluatorListPage ctx={req.ctx} base={c.base} componentName={name} rows={rows} hasNext={hasNext} page={n} states={states} />);
};

async function showEvaluation(req: FastifyRequest, reply: FastifyReply, c: C, opts: { values?: AnswerValues; errors?: FieldErrors; noteValue?: string; noteErrors?: FieldErrors; status?: number } = {}) {
  const { db } = c.deps;
  const p = await evaluable(req, c);
  const admin = isAdmin(c);
  const [states, evaluation, candidates] = await Promise.all([listStates(db, c.component.id), loadEvaluation(db, p.id), admin ? listEvaluators(db, c.space.id) : Promise.resolve(null)]);
  const values: AnswerValues = opts.values ?? {
    stateId: p.state ? String(p.state.id) : "",
    answer: p.answer,
    cost: p.costCents === null ? "" : (p.costCents / 100).toFixed(2),
    costReport: p.costReport,
    executionPeriod: p.executionPeriod,
  };
  return page(
    req,
    reply,
    c,
    text(req.ctx, p.title).text,
    <AdminProposalPage
      ctx={req.ctx}
      base={admin ? c.base : `${c.base}/evaluation`}
      answerAction={`${c.base}/evaluation/${p.id}/answer`}
      publicUrl={componentPath(c.space, c.component.id, `/${p.id}`)}
      p={p}
      states={states}
      values={values}
      errors={opts.errors}
      publishNow={admin && c.settings.step.answersPublishedImmediately}
      mayPublish={admin}
      withCosts={c.settings.step.answersWithCosts}
      evaluation={<EvaluationSection ctx={req.ctx} base={c.base} proposalId={p.id} evaluators={evaluation.evaluators} notes={evaluation.notes} candidates={candidates} noteValue={opts.noteValue} errors={opts.noteErrors} />}
    />,
    opts.status,
  );
}

const show: Handler = async (req, reply, c) => showEvaluation(req, reply, c);

/** An evaluator's answer stays internal; an administrator's follows the step (as on the proposal's admin page). */
const answer: Handler = async (req, reply, c) => {
  const p = await evaluable(req, c);
  const admin = isAdmin(c);
  const values = nestFields(req.body);
  const parsed = parseNested(answerInput, values);
  const step = c.settings.step;
  const publishNow = admin && step.answersPublishedImmediately;
  const result = parsed.ok ? await answerProposal(c.deps.db, actorOf(req), place(c), p.id, parsed.value, { publishNow, withCosts: step.answersWithCosts }) : parsed;
  if (!result.ok) {
    const v = values as Record<string, unknown>;
    const str = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);
    const tr = (k: string) => (v[k] && typeof v[k] === "object" ? (v[k] as Translatable) : undefined);
    return showEvaluation(req, reply, c, { values: { stateId: str("stateId"), answer: tr("answer"), cost: str("cost"), costReport: tr("costReport"), executionPeriod: tr("executionPeriod") }, errors: result.errors, status: 422 });
  }
  const { t } = req.ctx;
  return redirectWithFlash(reply, `${c.base}/evaluation/${p.id}`, "success", result.value.published ? t("proposals.admin.answerPublished") : t("proposals.evaluation.answerSaved"));
};

const note: Handler = async (req, reply, c) => {
  const p = await evaluable(req, c);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const value = typeof body.body === "string" ? body.body : "";
  const result = await addNote(c.deps.db, actorOf(req), place(c), p.id, value);
  if (!result.ok) return showEvaluation(req, reply, c, { noteValue: value, noteErrors: result.errors, status: 422 });
  return redirectWithFlash(reply, `${c.base}/evaluation/${p.id}#notes-title`, "success", req.ctx.t("proposals.evaluation.noteAdded"));
};

/** Assigns or unassigns an evaluator: the selected proposals of the list, or one from its evaluation page. */
const assign: Handler = async (req, reply, c) => {
  if (!isAdmin(c)) throw notFound();
  const body = (req.body ?? {}) as Record<string, unknown>;
  const ids = stringList(body.ids)
    .filter((v) => /^\d{1,15}$/.test(v))
    .map(Number);
  const evaluatorId = typeof body.evaluatorId === "string" && /^\d{1,15}$/.test(body.evaluatorId) ? Number(body.evaluatorId) : 0;
  const doAssign = body.do !== "unassign";
  const back = body.from === "proposal" && ids.length === 1 ? `${c.base}/evaluation/${ids[0]}` : c.base;
  const { t } = req.ctx;
  if (ids.length === 0) return redirectWithFlash(reply, back, "error", t("proposals.admin.noneSelected"));
  if (evaluatorId === 0) return redirectWithFlash(reply, back, "error", t("proposals.evaluation.chooseEvaluator"));
  const result = await setEvaluator(c.deps.db, actorOf(req), place(c), ids, evaluatorId, doAssign);
  if (!result.ok) {
    const error = Object.values(result.errors)[0];
    return redirectWithFlash(reply, back, "error", error ? t(error.key, error.values) : "");
  }
  return redirectWithFlash(reply, back, "success", t(doAssign ? "proposals.evaluation.assigned" : "proposals.evaluation.unassigned", { count: result.value.count }));
};

/** Before the component's `/:proposalId` routes (the dispatcher takes the first pattern that fits). */
export const evaluationRoutes: Array<ComponentRoute<ProposalSettings, ProposalStepSettings>> = [
  { method: "GET", path: "/evaluation", roles: ["evaluator"], handler: list },
  { method: "GET", path: "/evaluation/:proposalId", params, roles: ["evaluator"], handler: show },
  { method: "POST", path: "/evaluation/:proposalId/answer", params, roles: ["evaluator"], handler: answer },
  { method: "POST", path: "/evaluation/:proposalId/notes", params, roles: ["evaluator"], handler: note },
  { method: "POST", path: "/evaluators", handler: assign },
];
