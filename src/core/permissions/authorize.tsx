/**
 * What a route does with `can()`'s answer: go on when ok; send a signed-out person to sign in and a
 * "pending" one to verify (both come back to this page); otherwise show the reason with a 403.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ComponentRequest } from "../components/define";
import { sendComponentPage } from "../components/page";
import { redirectWithFlash } from "../../web/render";
import { can } from "./can";

/** True when the action may go ahead; otherwise the reply has been sent. */
export async function authorize(req: FastifyRequest, reply: FastifyReply, c: ComponentRequest<unknown, unknown>, action: string, resource?: unknown): Promise<boolean> {
  const returnTo = req.method === "GET" ? req.url : c.base;
  const where = resource === undefined ? { space: c.space, component: c.component } : { space: c.space, component: c.component, resource };
  const permission = await can(req.ctx.user, action, where, { db: c.deps.db, returnTo, access: c.access });
  if (permission.status === "ok") return true;
  const { t } = req.ctx;
  if (permission.status === "pending") {
    await redirectWithFlash(reply, permission.verifyUrl, "info", t("permissions.pending"));
    return false;
  }
  if (permission.status === "signIn") {
    await redirectWithFlash(reply, `/users/sign-in?return_to=${encodeURIComponent(returnTo)}`, "info", t(permission.reason));
    return false;
  }
  await sendComponentPage(req, reply, c, {
    title: t("error.forbidden.title"),
    status: 403,
    body: (
      <section class="error-page">
        <h1>{t("error.forbidden.title")}</h1>
        <p>{t(permission.reason, permission.values)}</p>
      </section>
    ),
  });
  return false;
}
