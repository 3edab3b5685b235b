/** The account page and its forms; "download my data"; deleting the account. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { parseForm } from "../../http/forms";
import { requireUser } from "../../http/guards";
import type { FieldErrors } from "../../http/result";
import { translator } from "../../i18n/translator";
import { redirectWithFlash, sendPage } from "../../../web/render";
import { changeEmailInput, changePasswordInput, deleteAccountInput, profileInput } from "../inputs";
import { exportPersonalData } from "../personal-data";
import { preferencesInput, savePreferences } from "../../notifications/preferences";
import { changePassword, confirmEmailChange, deleteAccount, listSessions, requestEmailChange, updateProfile } from "../service/account";
import { destroyUserSessions } from "../sessions";
import { endSession } from "../session-cookie";
import { findUserById } from "../users";
import { AccountView, DeleteAccountView, type AccountData, type AccountForm } from "../views/account";
import { InvalidLinkView } from "../views/auth";
import { echo, errorStatus, limit, LIMITS, mailEnv } from "./shared";

export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  async function loadAccount(userId: number, sessionId: string | null): Promise<AccountData> {
    const [u, sessions] = await Promise.all([findUserById(db, userId), listSessions(db, userId, sessionId)]);
    const notifications = { emailFrequency: u?.emailFrequency ?? "realtime", followByDefault: u?.followByDefault ?? true };
    return { name: u?.name ?? "", email: u?.email ?? "", pendingEmail: u?.unconfirmedEmail ?? null, locale: u?.locale ?? "", newsletter: u?.newsletterOptIn ?? false, notifications, sessions };
  }

  async function showAccount(req: FastifyRequest, reply: FastifyReply, userId: number, failed?: { form: AccountForm; errors: FieldErrors }) {
    const data = await loadAccount(userId, req.ctx.sessionId);
    if (!data.locale) data.locale = req.ctx.locale;
    return sendPage(req, reply, {
      status: failed ? errorStatus(failed.errors) : 200,
      title: req.ctx.t("accounts.account.title"),
      body: <AccountView ctx={req.ctx} data={data} failed={failed ? { ...failed, values: echo(req.body) } : undefined} />,
    });
  }

  app.get("/account", async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    return showAccount(req, reply, user.id);
  });

  app.post("/account/profile", async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const parsed = parseForm(profileInput, req.body);
    if (!parsed.ok || !req.ctx.org.availableLocales.includes(parsed.value.locale)) {
      return showAccount(req, reply, user.id, { form: "profile", errors: parsed.ok ? { locale: { key: "validation.invalid" } } : parsed.errors });
    }
    await updateProfile(db, user.id, parsed.value);
    // Said in the language just chosen: the next page is in it too.
    return redirectWithFlash(reply, "/account", "success", translator(parsed.value.locale)("accounts.profile.saved"));
  });

  app.post("/account/notifications", async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const parsed = parseForm(preferencesInput, req.body);
    if (!parsed.ok) return showAccount(req, reply, user.id, { form: "notifications", errors: parsed.errors });
    await savePreferences(db, user.id, parsed.value);
    return redirectWithFlash(reply, "/account#notifications", "success", req.ctx.t("notifications.preferences.saved"));
  });

  app.post("/account/email", limit(LIMITS.account), async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const parsed = parseForm(changeEmailInput, req.body);
    if (!parsed.ok) return showAccount(req, reply, user.id, { form: "email", errors: parsed.errors });
    const result = await requestEmailChange(db, mailEnv(app, req), user.id, parsed.value);
    if (!result.ok) return showAccount(req, reply, user.id, { form: "email", errors: result.errors });
    return redirectWithFlash(reply, "/account", "success", req.ctx.t("accounts.email.sent", { email: result.value.email }));
  });

  app.get<{ Querystring: { token?: string } }>("/account/email/confirm", limit(LIMITS.link), async (req, reply) => {
    const { t } = req.ctx;
    if (req.method === "HEAD") return reply.status(200).send();
    const result = await confirmEmailChange(db, mailEnv(app, req), req.query.token);
    if (result.ok) return redirectWithFlash(reply, req.ctx.user ? "/account" : "/users/sign-in", "success", t("accounts.email.done"));
    return sendPage(req, reply, {
      status: 400,
      title: t("accounts.confirm.invalid.title"),
      body: <InvalidLinkView ctx={req.ctx} again={{ href: "/account#email", text: t("accounts.email.title") }} />,
    });
  });

  app.post("/account/password", limit(LIMITS.account), async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const parsed = parseForm(changePasswordInput, req.body);
    if (!parsed.ok) return showAccount(req, reply, user.id, { form: "password", errors: parsed.errors });
    const result = await changePassword(db, mailEnv(app, req), user.id, req.ctx.sessionId, parsed.value);
    if (!result.ok) return showAccount(req, reply, user.id, { form: "password", errors: result.errors });
    return redirectWithFlash(reply, "/account", "success", req.ctx.t("accounts.password.changed"));
  });

  app.post("/account/sessions/end-others", async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    await destroyUserSessions(db, user.id, req.ctx.sessionId ?? undefined);
    return redirectWithFlash(reply, "/account#sessions", "success", req.ctx.t("accounts.sessions.ended"));
  });

  app.get("/account/data", async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const data = await exportPersonalData(db, user.id, req.ctx.sessionId);
    const day = new Date().toISOString().slice(0, 10);
    return reply
      .header("content-type", "application/json; charset=utf-8")
      .header("content-disposition", `attachment; filename="my-data-${day}.json"`)
      .header("cache-control", "no-store")
      .send(JSON.stringify(data, null, 2));
  });

  app.get("/account/delete", async (req, reply) => {
    if (!requireUser(req, reply)) return reply;
    return sendPage(req, reply, { title: req.ctx.t("accounts.delete.title"), body: <DeleteAccountView ctx={req.ctx} /> });
  });

  app.post("/account/delete", limit(LIMITS.account), async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const { ctx } = req;
    const form = (status: number, errors: FieldErrors) => sendPage(req, reply, { status, title: ctx.t("accounts.delete.title"), body: <DeleteAccountView ctx={ctx} errors={errors} /> });
    const parsed = parseForm(deleteAccountInput, req.body);
    if (!parsed.ok) return form(422, parsed.errors);
    // Stored in the organization's language; views show deleted accounts in the reader's (displayName).
    const deletedName = translator(ctx.org.defaultLocale)("accounts.deletedParticipant");
    const result = await deleteAccount(db, user.id, parsed.value.current_password, deletedName);
    if (!result.ok) return form(errorStatus(result.errors), result.errors);
    await endSession(app, req, reply);
    return redirectWithFlash(reply, "/", "success", ctx.t("accounts.delete.done"));
  });
}
