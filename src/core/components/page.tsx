/** The frame of a component's public page: the space's theme, a way back to the space, the component's name. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ComponentChildren } from "preact";
import { localize } from "../i18n/translator";
import { spacePath } from "../spaces/types";
import { PreviewNotice } from "../spaces/view-parts";
import { pageHtml, sendHtmlText } from "../../web/render";
import type { ComponentRequest } from "./define";

type Place = Pick<ComponentRequest<unknown, unknown>, "space" | "component" | "base">;
type ComponentPage = { title: string; body: ComponentChildren; status?: number };

/** Also for a component's pages at site-wide addresses (a petition at /petitions/:id): only the space, component and base are needed. */
export function sendComponentPage(req: FastifyRequest, reply: FastifyReply, c: Place, page: ComponentPage) {
  return sendHtmlText(reply, componentPageHtml(req, c, page), page.status ?? 200);
}

/** A component's page as HTML (for a page assembled from pieces, like a text's). */
export function componentPageHtml(req: FastifyRequest, c: Place, page: ComponentPage): string {
  const { ctx } = req;
  const spaceTitle = localize(c.space.title, ctx.locale, ctx.org.defaultLocale).text;
  return pageHtml(req, {
    title: `${page.title} · ${spaceTitle}`,
    theme: c.space.theme,
    status: page.status ?? 200,
    body: (
      <>
        <nav class="breadcrumb" aria-label={ctx.t("components.breadcrumb")}>
          <ol>
            <li>
              <a href={spacePath(c.space)}>{spaceTitle}</a>
            </li>
            <li>
              <a href={c.base} aria-current={req.url.split("?")[0] === c.base ? "page" : undefined}>
                {localize(c.component.name, ctx.locale, ctx.org.defaultLocale).text}
              </a>
            </li>
          </ol>
        </nav>
        {(!c.component.publishedAt || !c.space.publishedAt) && <PreviewNotice ctx={ctx} />}
        {page.body}
      </>
    ),
  });
}
