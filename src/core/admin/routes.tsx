/** The back office's dashboard. Areas register their own admin routes under /admin/... */
import type { FastifyInstance } from "fastify";
import { requireAdmin } from "../http/guards";
import { sendAdminPage } from "./layout";
import { adminNav } from "./nav";

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  app.get("/admin", async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    const { t } = req.ctx;
    return sendAdminPage(req, reply, {
      title: t("admin.dashboard.title"),
      body: (
        <>
          <h1>{t("admin.dashboard.title")}</h1>
          <p>{t("admin.dashboard.intro")}</p>
          <ul class="cards">
            {adminNav().slice(1).map((e) => (
              <li class="card"><a href={e.href}>{t(e.label)}</a></li>
            ))}
          </ul>
        </>
      ),
    });
  });
}
