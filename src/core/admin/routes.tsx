/** The back office's dashboard. Areas register their own admin routes under /admin/... */
import type { FastifyInstance } from "fastify";
import { listComponentManifests } from "../components/registry";
import { requireAdmin } from "../http/guards";
import { formatNumber } from "../i18n/numbers";
import { sendAdminPage } from "./layout";
import { adminNav } from "./nav";

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  app.get("/admin", async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    const { t } = req.ctx;
    // Each component's figures (one query each), over the whole organization.
    const statistics = listComponentManifests().flatMap((m) => m.statistics ?? []);
    const figures = await Promise.all(statistics.map(async (s) => ({ label: s.label, value: await s.count(app.deps.db, null) })));
    return sendAdminPage(req, reply, {
      title: t("admin.dashboard.title"),
      body: (
        <>
          <h1>{t("admin.dashboard.title")}</h1>
          <p>{t("admin.dashboard.intro")}</p>
          {figures.length > 0 && (
            <section aria-labelledby="dashboard-figures">
              <h2 id="dashboard-figures">{t("admin.dashboard.figures")}</h2>
              <dl class="figures">
                {figures.map((f) => (
                  <div>
                    <dt>{t(f.label)}</dt>
                    <dd>{formatNumber(req.ctx.locale, f.value)}</dd>
                  </div>
                ))}
              </dl>
            </section>
          )}
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
