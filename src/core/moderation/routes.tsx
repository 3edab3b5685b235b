/**
 * Reporting: GET /reports/new?resourceType=&resourceId= (the form's page) and POST /reports, for any
 * signed-in person who may see the thing (resolved first: a private space's or a hidden thing is a 404).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { parseForm } from "../http/forms";
import { requireUser } from "../http/guards";
import { notFound, type FieldErrors } from "../http/result";
import { redirectWithFlash, sendPage } from "../../web/render";
import { moderationAdminRoutes } from "./admin-routes";
import { reportInput, reportTarget } from "./inputs";
import { hasReported } from "./queries";
import { report } from "./service";
import { COMMENT, resolveTarget, type Target } from "./targets";
import { ReportPage } from "./views";
// The person's reports in "download my data", anonymised with the account.
import "./personal-data";

// Reports are cheap to send and costly to read: a few a minute per person is plenty.
const reportRateLimit = { rateLimit: { max: 20, timeWindow: "10 minutes", keyGenerator: (req: FastifyRequest) => (req.ctx?.user ? `u${req.ctx.user.id}` : req.ip) } };

export async function moderationRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  const page = (req: FastifyRequest, reply: FastifyReply, target: Target, opts: { already?: boolean; values?: Record<string, string | undefined>; errors?: FieldErrors; status?: number } = {}) =>
    sendPage(req, reply, {
      title: req.ctx.t("moderation.report.title"),
      status: opts.status ?? 200,
      body: <ReportPage ctx={req.ctx} target={target} already={opts.already ?? false} values={opts.values} errors={opts.errors} />,
    });

  app.get("/reports/new", async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const ref = reportTarget.safeParse(req.query ?? {});
    if (!ref.success) throw notFound();
    const resolved = await resolveTarget(db, { type: ref.data.resourceType, id: ref.data.resourceId }, user);
    if (!resolved) throw notFound();
    return page(req, reply, resolved.target, { already: await hasReported(db, resolved.target, user.id) });
  });

  app.post("/reports", { config: reportRateLimit }, async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const ref = reportTarget.safeParse(req.body ?? {});
    if (!ref.success) throw notFound();
    const resolved = await resolveTarget(db, { type: ref.data.resourceType, id: ref.data.resourceId }, user);
    if (!resolved) throw notFound();
    const body = (req.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(reportInput, body);
    if (!parsed.ok) {
      const values = { reason: typeof body.reason === "string" ? body.reason : undefined, details: typeof body.details === "string" ? body.details : undefined };
      return page(req, reply, resolved.target, { values, errors: parsed.errors, status: 422 });
    }
    const outcome = await report(db, { id: user.id, ip: req.ip }, resolved.target, parsed.value);
    // Back to the thing when it is still there for them; once hidden, a comment's resource, or home.
    const still = await resolveTarget(db, { type: resolved.target.type, id: resolved.target.id }, user);
    const back = still ? resolved.target.url : resolved.target.type === COMMENT ? (resolved.target.url.split("#")[0] ?? "/") : "/";
    if (outcome === "already") return redirectWithFlash(reply, back, "info", req.ctx.t("moderation.report.already"));
    return redirectWithFlash(reply, back, "success", req.ctx.t("moderation.report.thanks"));
  });

  await moderationAdminRoutes(app);
}
