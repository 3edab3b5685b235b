/**
 * A conversation's report (relative to /spaces/:slug/c/:componentId): public or for the space's
 * organizers only, as the conversation says; and its CSV at a site-wide address beside the openData
 * exports (`/conversations/:id/export/report.csv`).
 */
import { Readable } from "node:stream";
import { z } from "zod";
import { siteRoute, type ComponentRoute, type ComponentRequest, type SiteRoute } from "../../core/components/define";
import { sendComponentPage } from "../../core/components/page";
import { forbidden, notFound } from "../../core/http/result";
import { localize } from "../../core/i18n/translator";
import { reportModel } from "./report-model";
import { findReportConversation, isPublicReport, loadReport } from "./report-queries";
import { ReportView } from "./report-views";
import type { ConversationSettings, ConversationStepSettings } from "./settings";

type Route = ComponentRoute<ConversationSettings, ConversationStepSettings>;

const params = z.object({ conversationId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** The space's organizers: administrators (of the space or the organization), moderators, collaborators. */
export const isOrganizer = (c: ComponentRequest<ConversationSettings, ConversationStepSettings>) =>
  c.access.orgAdmin || c.access.roles.some((r) => r === "admin" || r === "moderator" || r === "collaborator");

const report: Route["handler"] = async (req, reply, c) => {
  const id = Number(c.params.conversationId);
  const conversation = await findReportConversation(c.deps.db, c.component.id, id);
  const organizer = isOrganizer(c);
  if (!conversation || (!conversation.published && !organizer)) throw notFound();
  if (!conversation.reportPublic && !organizer) throw forbidden();
  const data = await loadReport(c.deps.db, id);
  const model = reportModel(data.blob, data.mathTick, data.statements);
  const exports = conversation.published ? ["participants-votes", "comments", "votes", ...(conversation.reportPublic ? ["report"] : [])].map((name) => ({ name: `${name}.csv`, url: `/conversations/${id}/export/${name}.csv` })) : [];
  const topic = localize(conversation.topic, req.ctx.locale, req.ctx.org.defaultLocale).text;
  return sendComponentPage(req, reply, c, {
    title: `${req.ctx.t("conversations.report.title")} ${topic}`,
    body: (
      <ReportView
        ctx={req.ctx}
        topic={conversation.topic}
        description={conversation.description}
        participants={conversation.participants}
        votes={conversation.votes}
        days={data.days}
        statements={data.statements}
        model={model}
        computedAt={data.computedAt}
        votingUrl={`${c.base}/conversations/${id}`}
        exports={exports}
        organizersOnly={!conversation.reportPublic}
      />
    ),
  });
};

export const reportRoutes: Route[] = [{ method: "GET", path: "/conversations/:conversationId/report", params, handler: report }];

const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export const reportSiteRoutes: SiteRoute[] = [
  siteRoute<z.infer<typeof idParams>>({
    method: "GET",
    path: "/conversations/:id/export/report.csv",
    params: idParams,
    handler: async (_req, reply, { deps, params: p }) => {
      if (!(await isPublicReport(deps.db, p.id))) throw notFound();
      const { reportCsv } = await import("./export-csv");
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="report.csv"')
        .header("cache-control", "public, max-age=5")
        .send(Readable.from(reportCsv(deps.db, p.id)));
    },
  }),
];
