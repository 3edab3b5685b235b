/** Signing in (back to where the person was, same-site only) and out. */
import type { FastifyInstance } from "fastify";
import { parseForm } from "../../http/forms";
import { safeReturnPath } from "../../home/routes";
import { redirectWithFlash, sendPage } from "../../../web/render";
import { signInInput } from "../inputs";
import { checkCredentials } from "../service/sign-in";
import { endSession, knownBrowser, startSession } from "../session-cookie";
import { SignInView } from "../views/auth";
import { echo, errorStatus, limit, LIMITS } from "./shared";

export async function signInRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  app.get<{ Querystring: { return_to?: string } }>("/users/sign-in", async (req, reply) => {
    const returnTo = safeReturnPath(req.query.return_to);
    if (req.ctx.user) return reply.redirect(returnTo, 303);
    return sendPage(req, reply, { title: req.ctx.t("accounts.signIn.title"), body: <SignInView ctx={req.ctx} returnTo={returnTo} /> });
  });

  app.post("/users/sign-in", limit(LIMITS.signIn), async (req, reply) => {
    const { ctx } = req;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const returnTo = safeReturnPath(body.return_to);
    const form = (status: number, errors: Parameters<typeof SignInView>[0]["errors"]) =>
      sendPage(req, reply, { status, title: ctx.t("accounts.signIn.title"), body: <SignInView ctx={ctx} values={echo(body)} errors={errors} returnTo={returnTo} /> });
    const parsed = parseForm(signInInput, body);
    if (!parsed.ok) return form(422, parsed.errors);
    const result = await checkCredentials(db, parsed.value.email, parsed.value.password, req.ip, knownBrowser(req, parsed.value.email));
    if (!result.ok) return form(errorStatus(result.errors), result.errors);
    await startSession(app, req, reply, result.value.userId);
    return redirectWithFlash(reply, returnTo, "success", ctx.t("accounts.signIn.welcome"));
  });

  app.post("/users/sign-out", async (req, reply) => {
    await endSession(app, req, reply);
    return redirectWithFlash(reply, "/", "info", req.ctx.t("accounts.signOut.done"));
  });
}
