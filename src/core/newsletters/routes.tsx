/**
 * /admin/newsletters (organization administrators): drafts, preview, a test to oneself, sending with a
 * confirmation step that says how many people it reaches. /newsletter/unsubscribe/:token for everyone.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { nestFields, parseNested, stringList, translatable } from "../components/form-values";
import { renderRichText } from "../components/rich-text";
import { sendAdminPage } from "../admin/layout";
import { requireAdmin } from "../http/guards";
import { notFound, type FieldErrors } from "../http/result";
import { localize } from "../i18n/translator";
import { queueMail } from "../jobs/handlers";
import { redirectWithFlash, sendPage } from "../../web/render";
import { listSpaceChoices } from "./queries";
import type { NewsletterAudience, NewsletterRow } from "./schema";
import { countAudience, deliveryProgress, findNewsletter, listNewsletters, newsletterMail, saveDraft, sendNewsletter, unsubscribe } from "./service";
import { readUnsubscribeToken } from "./tokens";
import { ConfirmSendPage, NewsletterForm, NewsletterPage, NewslettersPage, UnsubscribePage } from "./views";

const draftInput = z.object({ subject: translatable({ required: true, max: 200 }), body: translatable({ required: true, max: 50_000 }) });
const idParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export async function newsletterRoutes(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const { db } = deps;
  const actorOf = (req: FastifyRequest, id: number) => ({ id, ip: req.ip });

  async function load(req: FastifyRequest): Promise<NewsletterRow> {
    const parsed = idParam.safeParse(req.params);
    const row = parsed.success ? await findNewsletter(db, parsed.data.id) : null;
    if (!row) throw notFound();
    return row;
  }

  async function showNewsletter(req: FastifyRequest, reply: FastifyReply, row: NewsletterRow, errors?: FieldErrors) {
    const locale = localize(row.body, req.ctx.locale, req.ctx.org.defaultLocale);
    const [progress, spaces] = await Promise.all([row.status === "sent" ? deliveryProgress(db, row.id) : null, listSpaceChoices(db)]);
    return sendAdminPage(req, reply, {
      title: localize(row.subject, req.ctx.locale, req.ctx.org.defaultLocale).text,
      status: errors ? 422 : 200,
      body: <NewsletterPage ctx={req.ctx} row={row} html={renderRichText(locale.text).html} progress={progress} spaces={spaces} errors={errors} />,
    });
  }

  app.get("/admin/newsletters", async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    const [rows, subscribers] = await Promise.all([listNewsletters(db), countAudience(db, { kind: "all" })]);
    return sendAdminPage(req, reply, { title: req.ctx.t("newsletters.title"), body: <NewslettersPage ctx={req.ctx} rows={rows} subscribers={subscribers} /> });
  });

  app.get("/admin/newsletters/new", async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    return sendAdminPage(req, reply, { title: req.ctx.t("newsletters.new"), body: <NewsletterForm ctx={req.ctx} action="/admin/newsletters/new" values={{}} heading={req.ctx.t("newsletters.new")} /> });
  });

  async function saveRoute(req: FastifyRequest, reply: FastifyReply, id: number | null) {
    const user = requireAdmin(req, reply);
    if (!user) return reply;
    const values = nestFields(req.body);
    const parsed = parseNested(draftInput, values);
    const saved = parsed.ok ? await saveDraft(db, actorOf(req, user.id), id, parsed.value) : parsed;
    if (!saved.ok) {
      const heading = req.ctx.t(id === null ? "newsletters.new" : "newsletters.edit");
      return sendAdminPage(req, reply, { title: heading, status: 422, body: <NewsletterForm ctx={req.ctx} action={req.url} values={values as { subject?: Record<string, string>; body?: Record<string, string> }} errors={saved.errors} heading={heading} /> });
    }
    return redirectWithFlash(reply, `/admin/newsletters/${saved.value.id}`, "success", req.ctx.t("newsletters.saved"));
  }

  app.post("/admin/newsletters/new", (req, reply) => saveRoute(req, reply, null));

  app.get("/admin/newsletters/:id", async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    return showNewsletter(req, reply, await load(req));
  });

  app.get("/admin/newsletters/:id/edit", async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    const row = await load(req);
    if (row.status !== "draft") return redirectWithFlash(reply, `/admin/newsletters/${row.id}`, "error", req.ctx.t("newsletters.errors.alreadySent"));
    return sendAdminPage(req, reply, { title: req.ctx.t("newsletters.edit"), body: <NewsletterForm ctx={req.ctx} action={`/admin/newsletters/${row.id}/edit`} values={row} heading={req.ctx.t("newsletters.edit")} /> });
  });

  app.post("/admin/newsletters/:id/edit", async (req, reply) => saveRoute(req, reply, (await load(req)).id));

  app.post("/admin/newsletters/:id/test", async (req, reply) => {
    const user = requireAdmin(req, reply);
    if (!user) return reply;
    const row = await load(req);
    const org = req.ctx.org;
    await queueMail(deps, newsletterMail(deps.config, row, { id: user.id, email: user.email, locale: req.ctx.locale, fallback: org.defaultLocale, orgName: localize(org.name, req.ctx.locale, org.defaultLocale).text }));
    return redirectWithFlash(reply, `/admin/newsletters/${row.id}`, "success", req.ctx.t("newsletters.testSent", { email: user.email }));
  });

  app.post("/admin/newsletters/:id/send", async (req, reply) => {
    const user = requireAdmin(req, reply);
    if (!user) return reply;
    const row = await load(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const spaceIds = stringList(body.spaceIds).map(Number).filter((n) => Number.isInteger(n) && n > 0);
    const audience: NewsletterAudience = body.audience === "spaces" ? { kind: "spaces", spaceIds } : { kind: "all" };
    if (audience.kind === "spaces" && spaceIds.length === 0) return showNewsletter(req, reply, row, { spaceIds: { key: "newsletters.errors.chooseSpace" } });
    if (body.confirm !== "yes") {
      const count = await countAudience(db, audience);
      return sendAdminPage(req, reply, { title: req.ctx.t("newsletters.confirmTitle"), body: <ConfirmSendPage ctx={req.ctx} row={row} audience={{ kind: audience.kind, spaceIds }} count={count} /> });
    }
    const sent = await sendNewsletter(deps, actorOf(req, user.id), row.id, audience);
    if (!sent.ok) return showNewsletter(req, reply, row, sent.errors);
    return redirectWithFlash(reply, `/admin/newsletters/${row.id}`, "success", req.ctx.t("newsletters.sentFlash", { count: sent.value.recipients }));
  });

  // Unsubscribing needs no account: the link in every newsletter names the person and is signed.
  const tokenParam = z.object({ token: z.string().max(80) });
  app.get("/newsletter/unsubscribe/:token", async (req, reply) => {
    const { token } = tokenParam.parse(req.params);
    if (readUnsubscribeToken(deps.config, token) === null) throw notFound();
    return sendPage(req, reply, { title: req.ctx.t("newsletters.unsubscribe.title"), body: <UnsubscribePage ctx={req.ctx} action={`/newsletter/unsubscribe/${token}`} done={false} /> });
  });
  app.post("/newsletter/unsubscribe/:token", async (req, reply) => {
    const { token } = tokenParam.parse(req.params);
    const userId = readUnsubscribeToken(deps.config, token);
    if (userId === null) throw notFound();
    await unsubscribe(db, userId);
    return sendPage(req, reply, { title: req.ctx.t("newsletters.unsubscribe.title"), body: <UnsubscribePage ctx={req.ctx} action={req.url} done /> });
  });
}
