/** Access checks that routes run first. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { CurrentUser } from "./context";
import { forbidden } from "./result";
import { redirectWithFlash } from "../../web/render";

/** The signed-in user, or a redirect to sign in (and back here afterwards). */
export function requireUser(req: FastifyRequest, reply: FastifyReply): CurrentUser | null {
  if (req.ctx.user) return req.ctx.user;
  void redirectWithFlash(reply, `/users/sign-in?return_to=${encodeURIComponent(req.url)}`, "info", req.ctx.t("error.signInRequired"));
  return null;
}

/** The signed-in organization administrator; others get 403 (or are sent to sign in). */
export function requireAdmin(req: FastifyRequest, reply: FastifyReply): CurrentUser | null {
  const user = requireUser(req, reply);
  if (!user) return null;
  if (!user.isAdmin) throw forbidden();
  return user;
}
