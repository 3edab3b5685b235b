/** Registration, confirmation by mail (which signs the person in), and resending the confirmation. */
import type { FastifyInstance } from "fastify";
import { parseForm } from "../../http/forms";
import { redirectWithFlash, sendPage } from "../../../web/render";
import { emailOnlyInput, registerInput } from "../inputs";
import { confirmEmail, register, resendConfirmation } from "../service/registration";
import { registeredHere, rememberRegistration, startSession } from "../session-cookie";
import { CheckMailView, EmailRequestView, InvalidLinkView, RegisterView } from "../views/auth";
import { echo, errorStatus, limit, LIMITS, mailEnv } from "./shared";

export async function registerRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  app.get("/users/sign-up", async (req, reply) => {
    if (req.ctx.user) return reply.redirect("/account", 303);
    return sendPage(req, reply, { title: req.ctx.t("accounts.register.title"), body: <RegisterView ctx={req.ctx} /> });
  });

  app.post("/users/sign-up", limit(LIMITS.register), async (req, reply) => {
    const { ctx } = req;
    const form = (status: number, errors: Parameters<typeof RegisterView>[0]["errors"]) =>
      sendPage(req, reply, { status, title: ctx.t("accounts.register.title"), body: <RegisterView ctx={ctx} values={echo(req.body)} errors={errors} /> });
    const parsed = parseForm(registerInput, req.body);
    if (!parsed.ok) return form(422, parsed.errors);
    const result = await register(db, mailEnv(app, req), parsed.value, ctx.locale);
    if (!result.ok) return form(errorStatus(result.errors), result.errors);
    rememberRegistration(app, reply, parsed.value.email);
    // The same page whether the address was new or already had an account (the owner got a mail).
    return reply.redirect("/users/sign-up/sent", 303);
  });

  app.get("/users/sign-up/sent", async (req, reply) =>
    sendPage(req, reply, { title: req.ctx.t("accounts.register.sent.title"), body: <CheckMailView ctx={req.ctx} /> }),
  );

  app.get<{ Querystring: { token?: string } }>("/users/confirm", limit(LIMITS.link), async (req, reply) => {
    const { t } = req.ctx;
    // HEAD (link previews, scanners) must not use up the link.
    if (req.method === "HEAD") return reply.status(200).send();
    const outcome = await confirmEmail(db, req.query.token);
    if (outcome.kind === "confirmed") {
      if (!outcome.canSignIn) return redirectWithFlash(reply, "/users/sign-in", "error", t("accounts.confirm.doneBlocked"));
      if (!registeredHere(req, reply, outcome.email)) return redirectWithFlash(reply, "/users/sign-in", "success", t("accounts.confirm.doneSignIn"));
      await startSession(app, req, reply, outcome.userId);
      return redirectWithFlash(reply, "/", "success", t("accounts.confirm.done"));
    }
    if (outcome.kind === "already") return redirectWithFlash(reply, "/users/sign-in", "info", t("accounts.confirm.already"));
    return sendPage(req, reply, {
      status: 400,
      title: t("accounts.confirm.invalid.title"),
      body: <InvalidLinkView ctx={req.ctx} again={{ href: "/users/confirm/resend", text: t("accounts.resend.title") }} />,
    });
  });

  app.get("/users/confirm/resend", async (req, reply) =>
    sendPage(req, reply, { title: req.ctx.t("accounts.resend.title"), body: <EmailRequestView ctx={req.ctx} kind="resend" /> }),
  );

  app.post("/users/confirm/resend", limit(LIMITS.mailRequest), async (req, reply) => {
    const { ctx } = req;
    const form = (status: number, errors: Parameters<typeof EmailRequestView>[0]["errors"]) =>
      sendPage(req, reply, { status, title: ctx.t("accounts.resend.title"), body: <EmailRequestView ctx={ctx} kind="resend" values={echo(req.body)} errors={errors} /> });
    const parsed = parseForm(emailOnlyInput, req.body);
    if (!parsed.ok) return form(422, parsed.errors);
    const result = await resendConfirmation(db, mailEnv(app, req), parsed.value.email);
    if (!result.ok) return form(errorStatus(result.errors), result.errors);
    rememberRegistration(app, reply, parsed.value.email);
    return redirectWithFlash(reply, "/users/sign-in", "info", ctx.t("accounts.resend.sent"));
  });
}
