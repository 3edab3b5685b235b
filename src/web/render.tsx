/** Sends a server-rendered page. Preact escapes every text value, so views are safe by default. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ComponentChildren, VNode } from "preact";
import { render } from "preact-render-to-string";
import type { ThemeTokens } from "../core/theme/tokens";
import { Layout } from "./layout";

export function sendHtml(reply: FastifyReply, vnode: VNode, status = 200): FastifyReply {
  return reply
    .status(status)
    .header("content-type", "text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .send(`<!doctype html>${render(vnode)}`);
}

/** Renders `body` in the site layout. */
export function sendPage(
  req: FastifyRequest,
  reply: FastifyReply,
  page: { title: string; body: ComponentChildren; status?: number; theme?: Partial<ThemeTokens> | null },
): FastifyReply {
  const path = req.url;
  return sendHtml(
    reply,
    <Layout ctx={req.ctx} title={page.title} path={path} theme={page.theme ?? null}>
      {page.body}
    </Layout>,
    page.status ?? 200,
  );
}

/** POST/redirect/GET with a one-time flash message. */
export function redirectWithFlash(reply: FastifyReply, to: string, kind: "success" | "error" | "info", text: string): FastifyReply {
  reply.setCookie("pnyx_flash", JSON.stringify({ kind, text }), { path: "/", httpOnly: true, sameSite: "lax", signed: true, maxAge: 60 });
  return reply.redirect(to, 303);
}
