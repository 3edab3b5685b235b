/** Sends a server-rendered page. Preact escapes every text value, so views are safe by default. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ComponentChildren, VNode } from "preact";
import { render } from "preact-render-to-string";
import type { ThemeTokens } from "../core/theme/tokens";
import { Layout } from "./layout";

export function sendHtml(reply: FastifyReply, vnode: VNode, status = 200): FastifyReply {
  return sendHtmlText(reply, `<!doctype html>${render(vnode)}`, status);
}

/** Sends a page already rendered to HTML. */
export function sendHtmlText(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply.status(status).header("content-type", "text/html; charset=utf-8").header("cache-control", "no-store").send(html);
}

type PageInput = { title: string; body: ComponentChildren; status?: number; theme?: Partial<ThemeTokens> | null };

/** `body` in the site layout, as HTML (for a page assembled from pieces, like a text's). */
export function pageHtml(req: FastifyRequest, page: PageInput): string {
  return `<!doctype html>${render(
    <Layout ctx={req.ctx} title={page.title} path={req.url} theme={page.theme ?? null}>
      {page.body}
    </Layout>,
  )}`;
}

/** Renders `body` in the site layout. */
export function sendPage(req: FastifyRequest, reply: FastifyReply, page: PageInput): FastifyReply {
  return sendHtmlText(reply, pageHtml(req, page), page.status ?? 200);
}

/** POST/redirect/GET with a one-time flash message. */
export function redirectWithFlash(reply: FastifyReply, to: string, kind: "success" | "error" | "info", text: string): FastifyReply {
  reply.setCookie("pnyx_flash", JSON.stringify({ kind, text }), { path: "/", httpOnly: true, sameSite: "lax", signed: true, maxAge: 60 });
  return reply.redirect(to, 303);
}
