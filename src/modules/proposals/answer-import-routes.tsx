/**
 * Back-office routes importing answers from CSV (relative to the component's back office, for the
 * space's administrators): GET/POST /answers/import. A refused file comes back with every error by
 * line and nothing saved; an accepted one redirects to the list with how many were imported.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ComponentRequest, ComponentRoute } from "../../core/components/define";
import type { FieldErrors } from "../../core/http/result";
import { actorOf, sendSpaceAdminPage } from "../../core/spaces/admin-parts";
import { redirectWithFlash } from "../../web/render";
import { decodeCsv, importAnswers, type ImportError } from "./answer-import";
import { AnswerImportPage } from "./answer-import-views";
import type { ProposalSettings, ProposalStepSettings } from "./settings";
import { listStates } from "./states";

type C = ComponentRequest<ProposalSettings, ProposalStepSettings>;
type Handler = ComponentRoute<ProposalSettings, ProposalStepSettings>["handler"];

async function form(req: FastifyRequest, reply: FastifyReply, c: C, opts: { errors?: FieldErrors; lineErrors?: ImportError[] } = {}) {
  const states = await listStates(c.deps.db, c.component.id);
  const title = req.ctx.t("proposals.import.answers.title");
  const status = opts.errors || opts.lineErrors ? 422 : 200;
  const body = <AnswerImportPage ctx={req.ctx} base={c.base} states={states.map((s) => s.token)} publishNow={c.settings.step.answersPublishedImmediately} errors={opts.errors} lineErrors={opts.lineErrors} />;
  return sendSpaceAdminPage(req, reply, c.space, { title, tab: "components", body, status });
}

const importForm: Handler = async (req, reply, c) => form(req, reply, c);

const importFile: Handler = async (req, reply, c) => {
  const file = (req.body as Record<string, unknown> | undefined)?.file;
  if (!Buffer.isBuffer(file) || file.length === 0) return form(req, reply, c, { errors: { file: { key: "proposals.import.error.noFile" } } });
  const text = decodeCsv(file);
  if (text === null) return form(req, reply, c, { errors: { file: { key: "proposals.import.error.encoding" } } });
  const step = c.settings.step;
  const result = await importAnswers(c.deps.db, actorOf(req), { componentId: c.component.id, spaceId: c.space.id }, text, { publishNow: step.answersPublishedImmediately, withCosts: step.answersWithCosts });
  if (!result.ok) return form(req, reply, c, { lineErrors: result.errors });
  return redirectWithFlash(reply, c.base, "success", req.ctx.t(result.published ? "proposals.import.answers.published" : "proposals.import.answers.saved", { count: result.count }));
};

export const answerImportRoutes: Array<ComponentRoute<ProposalSettings, ProposalStepSettings>> = [
  { method: "GET", path: "/answers/import", handler: importForm },
  { method: "POST", path: "/answers/import", handler: importFile },
];
