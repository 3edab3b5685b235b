/** The back office frame: a navigation column and the page's content. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ComponentChildren } from "preact";
import { sendPage } from "../../web/render";
import { adminNav } from "./nav";

export function sendAdminPage(req: FastifyRequest, reply: FastifyReply, page: { title: string; body: ComponentChildren; status?: number }) {
  const { t } = req.ctx;
  // The navigation lists organization-wide pages; a space's own administrators (who reach the back
  // office through their space) would only meet refusals there, so they get the page without it.
  if (!req.ctx.user?.isAdmin) {
    return sendPage(req, reply, { title: `${page.title} · ${t("common.administration")}`, status: page.status ?? 200, body: <div class="admin-content">{page.body}</div> });
  }
  const path = req.url.split("?")[0] ?? "";
  const current = adminNav()
    .filter((e) => path === e.href || (e.href !== "/admin" && path.startsWith(`${e.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return sendPage(req, reply, {
    title: `${page.title} · ${t("common.administration")}`,
    status: page.status ?? 200,
    body: (
      <div class="admin-layout">
        <nav class="admin-nav" aria-label={t("common.administration")}>
          <ul>
            {adminNav().map((e) => (
              <li>
                <a href={e.href} aria-current={e === current ? "page" : undefined}>
                  {t(e.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="admin-content">{page.body}</div>
      </div>
    ),
  });
}
