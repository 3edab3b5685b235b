/** Back office: the audit log (/admin/audit). */
import type { FastifyInstance } from "fastify";
import { sendAdminPage } from "../admin/layout";
import { requireAdmin } from "../http/guards";
import { auditFilter, listAudit } from "./query";
import { AuditPage } from "./views";

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: Record<string, string> }>("/admin/audit", async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    // Blank filters are "not given"; an invalid page falls back to the first.
    const raw = Object.fromEntries(Object.entries(req.query).filter(([, v]) => typeof v === "string" && v.trim() !== ""));
    const parsed = auditFilter.safeParse(raw);
    const filter = parsed.success ? parsed.data : auditFilter.parse({});
    const { rows, hasNext } = await listAudit(app.deps.db, filter);
    return sendAdminPage(req, reply, { title: req.ctx.t("audit.title"), body: <AuditPage ctx={req.ctx} filter={filter} rows={rows} hasNext={hasNext} /> });
  });
}
