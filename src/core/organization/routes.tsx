/** Back office: the organization's settings (/admin/organization). */
import type { FastifyInstance } from "fastify";
import { stringList } from "../components/form-values";
import { renderRichText } from "../components/rich-text";
import { localize } from "../i18n/translator";
import { sendPage } from "../../web/render";
import { sendAdminPage } from "../admin/layout";
import { requireAdmin } from "../http/guards";
import { parseForm } from "../http/forms";
import { LOCALES } from "../i18n/locales";
import { redirectWithFlash } from "../../web/render";
import { reportThresholdOf } from "../moderation/queries";
import { saveOrganizationSettings, settingsForm, settingsFromForm } from "./settings";
import { SettingsPage, TermsPage, type SettingsValues } from "./views";

/** What the browser sent, to re-show in the form. */
function submitted(body: unknown): SettingsValues {
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const str = (k: string) => (typeof b[k] === "string" ? (b[k] as string) : "");
  const locales = b.availableLocales;
  return {
    name: Object.fromEntries(LOCALES.map((l) => [l, str(`name_${l}`)])),
    description: Object.fromEntries(LOCALES.map((l) => [l, str(`description_${l}`)])),
    termsOfUse: Object.fromEntries(LOCALES.map((l) => [l, str(`terms_${l}`)])),
    defaultLocale: str("defaultLocale"),
    availableLocales: stringList(locales),
    host: str("host"),
    reportThreshold: str("reportThreshold"),
    commentMaxLength: str("commentMaxLength"),
  };
}

export async function organizationRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  // The terms of use, in the reader's language (or the organization's, with a note).
  app.get("/terms", async (req, reply) => {
    const terms = localize(req.ctx.org.termsOfUse, req.ctx.locale, req.ctx.org.defaultLocale);
    const html = terms.text ? renderRichText(terms.text).html : null;
    return sendPage(req, reply, { title: req.ctx.t("organization.terms.title"), body: <TermsPage ctx={req.ctx} html={html} lang={terms.locale} missing={terms.missing && Boolean(html)} /> });
  });

  app.get("/admin/organization", async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    const { org } = req.ctx;
    const values: SettingsValues = { name: org.name, description: org.description, termsOfUse: org.termsOfUse, defaultLocale: org.defaultLocale, availableLocales: org.availableLocales, host: org.host, reportThreshold: await reportThresholdOf(db), commentMaxLength: org.commentMaxLength };
    return sendAdminPage(req, reply, { title: req.ctx.t("organization.title"), body: <SettingsPage ctx={req.ctx} values={values} /> });
  });

  app.post("/admin/organization", async (req, reply) => {
    const user = requireAdmin(req, reply);
    if (!user) return reply;
    const form = parseForm(settingsForm, req.body);
    const result = form.ok ? await saveOrganizationSettings(db, { id: user.id, ip: req.ip }, settingsFromForm(form.value)) : form;
    if (result.ok) return redirectWithFlash(reply, "/admin/organization", "success", req.ctx.t("organization.saved"));
    return sendAdminPage(req, reply, { status: 422, title: req.ctx.t("organization.title"), body: <SettingsPage ctx={req.ctx} values={submitted(req.body)} errors={result.errors} /> });
  });
}
