/** Forgotten password: ask for a link, then choose a new password from it. */
import type { FastifyInstance } from "fastify";
import { parseForm } from "../../http/forms";
import { redirectWithFlash, sendPage } from "../../../web/render";
import { emailOnlyInput, resetInput } from "../inputs";
import { requestPasswordReset, resetPassword } from "../service/password-reset";
import { startSession } from "../session-cookie";
import { peekToken } from "../tokens";
import { EmailRequestView, InvalidLinkView, ResetView } from "../views/auth";
import { echo, errorStatus, limit, LIMITS, mailEnv } from "./shared";

export async function passwordRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  app.get("/users/password/forgot", async (req, reply) =>
    sendPage(req, reply, { title: req.ctx.t("accounts.forgot.title"), body: <EmailRequestView ctx={req.ctx} kind="forgot" /> }),
  );

  app.post("/users/password/forgot", limit(LIMITS.mailRequest), async (req, reply) => {
    const { ctx } = req;
    const form = (status: number, errors: Parameters<typeof EmailRequestView>[0]["errors"]) =>
      sendPage(req, reply, { status, title: ctx.t("accounts.forgot.title"), body: <EmailRequestView ctx={ctx} kind="forgot" values={echo(req.body)} errors={errors} /> });
    const parsed = parseForm(emailOnlyInput, req.body);
    if (!parsed.ok) return form(422, parsed.errors);
    const result = await requestPasswordReset(db, mailEnv(app, req), parsed.value.email, ctx.locale);
    if (!result.ok) return form(errorStatus(result.errors), result.errors);
    // The same answer whether or not the address has an account.
    return redirectWithFlash(reply, "/users/sign-in", "info", ctx.t("accounts.forgot.sent"));
  });

  const invalidLink = (req: Parameters<typeof sendPage>[0], reply: Parameters<typeof sendPage>[1]) =>
    sendPage(req, reply, {
      status: 400,
      title: req.ctx.t("accounts.confirm.invalid.title"),
      body: <InvalidLinkView ctx={req.ctx} again={{ href: "/users/password/forgot", text: req.ctx.t("accounts.reset.askAgain") }} />,
    });

  app.get<{ Querystring: { token?: string } }>("/users/password/reset", limit(LIMITS.link), async (req, reply) => {
    const token = req.query.token;
    if (!token || !(await peekToken(db, "reset_password", token))) return invalidLink(req, reply);
    return sendPage(req, reply, { title: req.ctx.t("accounts.reset.title"), body: <ResetView ctx={req.ctx} token={token} /> });
  });

  app.post("/users/password/reset", limit(LIMITS.mailRequest), async (req, reply) => {
    const { ctx } = req;
    const parsed = parseForm(resetInput, req.body);
    if (!parsed.ok) {
      const token = echoToken(req.body);
      if (!token || parsed.errors.token) return invalidLink(req, reply);
      return sendPage(req, reply, { status: 422, title: ctx.t("accounts.reset.title"), body: <ResetView ctx={ctx} token={token} errors={parsed.errors} /> });
    }
    const result = await resetPassword(db, parsed.value.token, parsed.value.password);
    if (!result.ok) return invalidLink(req, reply);
    if (!result.value.canSignIn) return redirectWithFlash(reply, "/users/sign-in", "success", ctx.t("accounts.reset.doneSignIn"));
    await startSession(app, req, reply, result.value.userId);
    return redirectWithFlash(reply, "/", "success", ctx.t("accounts.reset.done"));
  });
}

/** The reset token from a posted form, to show the form again after a bad password. */
function echoToken(body: unknown): string | null {
  const token = body && typeof body === "object" ? (body as Record<string, unknown>).token : undefined;
  return typeof token === "string" && token.length <= 100 ? token : null;
}
