/**
 * The back office's routes for a citizens' suggestion: the parliament's decision (accept, creating the
 * committee's assembly, or refuse with reasons) and the follow-up report (its due date, then the report).
 * Plain form posts: a 303 with a flash, or the petition's file again with the errors and what was typed.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { siteRoute, type SiteRoute } from "../../core/components/define";
import { parseForm } from "../../core/http/forms";
import type { MessageKey } from "../../core/i18n/catalogues";
import type { Result } from "../../core/http/result";
import { redirectWithFlash } from "../../web/render";
import { asStrings, managePage, requireServices } from "./admin-routes";
import { decideSuggestion } from "./committee";
import { acceptInput, followUpInput, refuseInput, reportInput } from "./committee-inputs";
import { publishFollowUpReport, setFollowUpDue } from "./follow-up";

/** One post: check the services' right, parse, act, then redirect with `flash` or show the file again with the errors. */
function post<T>(path: string, act: (req: FastifyRequest, body: Record<string, string>, actor: { id: number; ip: string | null }, petitionId: number) => Promise<Result<T>>, flash: MessageKey): SiteRoute {
  return siteRoute({
    method: "POST",
    path: `/admin/petitions/:id/${path}`,
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      const a = await requireServices(req, reply);
      if (!a) return reply;
      const body = asStrings(req.body);
      const result = await act(req, body, { id: a.user.id, ip: req.ip }, a.p.id);
      if (!result.ok) return managePage(req, reply, a.p, result.errors, body);
      return redirectWithFlash(reply, `/admin/petitions/${a.p.id}`, "success", req.ctx.t(flash));
    },
  });
}

export const committeeAdminRoutes: SiteRoute[] = [
  post(
    "decision/accept",
    async (req, body, actor, id) => {
      const parsed = parseForm(acceptInput, body);
      return parsed.ok ? decideSuggestion(req.server.deps, actor, id, { outcome: "accepted", ...parsed.value }) : parsed;
    },
    "petitions.committee.flash.accepted",
  ),
  post(
    "decision/refuse",
    async (req, body, actor, id) => {
      const parsed = parseForm(refuseInput, body);
      return parsed.ok ? decideSuggestion(req.server.deps, actor, id, { outcome: "refused", reasons: parsed.value.reasons }) : parsed;
    },
    "petitions.committee.flash.refused",
  ),
  post(
    "follow-up",
    async (req, body, actor, id) => {
      const parsed = parseForm(followUpInput, body);
      return parsed.ok ? setFollowUpDue(req.server.deps.db, actor, id, parsed.value) : parsed;
    },
    "petitions.followUp.flash.due",
  ),
  post(
    "follow-up/report",
    async (req, body, actor, id) => {
      const parsed = parseForm(reportInput, body);
      return parsed.ok ? publishFollowUpReport(req.server.deps.db, actor, id, { body: parsed.value.reportBody, url: parsed.value.reportUrl }) : parsed;
    },
    "petitions.followUp.flash.published",
  ),
];
