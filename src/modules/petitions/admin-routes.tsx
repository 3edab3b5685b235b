/**
 * The services' back office: /admin/petitions (queue, bulk actions), /admin/petitions/:id (criteria,
 * transitions, paper signatures, internal notes, signature export), types and abuse controls.
 * Petition pages need the evaluate permission of the petition's space; queue, types and abuse
 * controls are for organization administrators.
 */
import { countSignatureRows, isPetitionComponent, listPetitionComponents, typeComponentId } from "./type-queries";
import { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import { siteRoute, type SiteRoute } from "../../core/components/define";
import { z } from "zod";
import { sendAdminPage } from "../../core/admin/layout";
import { audit } from "../../core/audit/audit";
import { nestFields } from "../../core/components/form-values";
import type { CurrentUser } from "../../core/http/context";
import { parseForm } from "../../core/http/forms";
import { requireAdmin, requireUser } from "../../core/http/guards";
import { forbidden, notFound, type FieldErrors } from "../../core/http/result";
import { localize } from "../../core/i18n/translator";
import { can } from "../../core/permissions/can";
import { findSpaceById } from "../../core/spaces/queries";
import { ALL_REGIONS } from "../../core/verifications/regions";
import { redirectWithFlash } from "../../web/render";
import { invalidateSignatures, listBlockedDomains, setDomainBlocked } from "./abuse";
import { AbusePage, ManagePage, QUEUE_TABS, QueuePage, TypesPage, type QueueTab } from "./admin-views";
import { formValuesOfBody, formValuesOfType, NEW_TYPE, TypeFormPage } from "./type-form";
import { assessmentInput, invalidationInput, noteInput, paperInput, transitionInput } from "./inputs";
import { STATE_LABELS } from "./labels";
import { signaturesCsv } from "./presenters";
import { internalNotes, loadPetition, reviewQueue, type PetitionDetails } from "./queries";
import { isPetitionState } from "./states";
import { criteriaFromText, findType, listTypes, saveType, typeInput, valuesFromInput } from "./types-service";
import { addInternalNote, addPaperSignatures, assessCriterion, transition } from "./workflow";

const idParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export const asStrings = (body: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (body && typeof body === "object") for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") out[k] = v;
  return out;
};

/** The petition, if the person may evaluate in its space (organization admins always may). */

export async function requireServices(req: FastifyRequest, reply: FastifyReply): Promise<{ user: CurrentUser; p: PetitionDetails } | null> {
  const { db } = req.server.deps;
  const user = requireUser(req, reply);
  if (!user) return null;
  const parsed = idParam.safeParse(req.params);
  if (!parsed.success) throw notFound();
  const { id } = parsed.data;
  const p = await loadPetition(db, id);
  if (!p) throw notFound();
  if (!user.isAdmin) {
    const space = await findSpaceById(db, p.spaceId);
    if (!space) throw notFound();
    const perm = await can(user, "space.evaluate", { space }, { db, returnTo: req.url });
    if (perm.status !== "ok") throw forbidden();
  }
  return { user, p };
}

/** A petition's file in the back office; with errors, the refused form again with what was typed (`values`). */
export async function managePage(req: FastifyRequest, reply: FastifyReply, p: PetitionDetails, errors?: FieldErrors, values?: Record<string, string>) {
  const { db } = req.server.deps;
  const notes = await internalNotes(db, p.id);
  return sendAdminPage(req, reply, { title: req.ctx.t("petitions.admin.manage", { title: p.title }), status: errors ? 422 : 200, body: <ManagePage ctx={req.ctx} p={p} notes={notes} errors={errors} values={values} /> });
}

const componentQuery = z.object({ component: z.coerce.number().int().positive() });

async function saveTypeRoute(req: FastifyRequest, reply: FastifyReply, componentId: number, id: number | null) {
  const { db } = req.server.deps;
  const user = requireAdmin(req, reply);
  if (!user) return reply;
  const t = req.ctx.t;
  // Nested names (title.fr, quota.BE-BRU) become objects; the checkbox groups stay lists.
  const raw = (req.body ?? {}) as Record<string, unknown>;
  const body = { ...nestFields(raw), residence: raw.residence, signerFields: raw.signerFields };
  const refuse = (errors: FieldErrors) =>
    sendAdminPage(req, reply, { title: t("petitions.admin.typeEdit"), status: 422, body: <TypeFormPage ctx={req.ctx} action={req.url} v={formValuesOfBody(body)} errors={errors} title={t("petitions.admin.typeEdit")} /> });
  const parsed = parseForm(typeInput, body);
  if (!parsed.ok) return refuse(parsed.errors);
  const before = id === null ? null : await findType(db, componentId, id);
  // Keep the translations of criteria whose text did not change.
  const criteria = criteriaFromText(parsed.value.criteria, req.ctx.locale).map((c) => before?.criteria.find((b) => localize(b.label, req.ctx.locale).text === localize(c.label, req.ctx.locale).text) ?? c);
  const saved = await saveType(db, { id: user.id, ip: req.ip }, componentId, id, valuesFromInput(parsed.value, criteria));
  if (!saved.ok) return refuse(saved.errors);
  return redirectWithFlash(reply, "/admin/petitions/types", "success", t("petitions.flash.saved"));
}

/** The services' back office, declared in the manifest (every route needs a signed-in person first). */
export const petitionAdminSiteRoutes: SiteRoute[] = [
  siteRoute({
    method: "GET",
    path: "/admin/petitions",
    handler: async (req, reply, { deps }) => {
      const { db } = deps;
      if (!requireAdmin(req, reply)) return reply;
      const tab = z.object({ tab: z.enum(["review", "transmit", "decide", "answer"]).default("review") }).catch({ tab: "review" }).parse(req.query ?? {}).tab as QueueTab;
      const items = await reviewQueue(db, [...QUEUE_TABS[tab]]);
      return sendAdminPage(req, reply, { title: req.ctx.t("petitions.admin.queue"), body: <QueuePage ctx={req.ctx} tab={tab} items={items} /> });
    },
  }),

  siteRoute({
    method: "POST",
    path: "/admin/petitions/bulk",
    handler: async (req, reply, { deps }) => {
      const user = requireAdmin(req, reply);
      if (!user) return reply;
      const body = req.body as Record<string, unknown>;
      const ids = (Array.isArray(body.ids) ? body.ids : body.ids ? [body.ids] : []).map(Number).filter((n) => Number.isInteger(n) && n > 0);
      const to = typeof body.to === "string" ? body.to : "";
      const tab = typeof body.tab === "string" && body.tab in QUEUE_TABS ? body.tab : "review";
      let done = 0;
      for (const id of ids.slice(0, 200)) {
        const r = await transition(deps, { id: user.id, ip: req.ip }, id, { to }, "services");
        if (r.ok) done++;
      }
      return redirectWithFlash(reply, `/admin/petitions?tab=${tab}`, done === ids.length ? "success" : "error", req.ctx.t("petitions.flash.bulk", { done, total: ids.length }));
    },
  }),

  siteRoute({
    method: "GET",
    path: "/admin/petitions/:id",
    handler: async (req, reply) => {
      const a = await requireServices(req, reply);
      if (!a) return reply;
      return managePage(req, reply, a.p);
    },
  }),

  siteRoute({
    method: "POST",
    path: "/admin/petitions/:id/transition",
    handler: async (req, reply, { deps }) => {
      const a = await requireServices(req, reply);
      if (!a) return reply;
      const body = asStrings(req.body);
      const to = body.to ?? "";
      const parsed = parseForm(transitionInput, { ...body, note: body[`note_${to}`] });
      const result = parsed.ok ? await transition(deps, { id: a.user.id, ip: req.ip }, a.p.id, parsed.value, "services") : parsed;
      if (!result.ok) return managePage(req, reply, a.p, result.errors);
      return redirectWithFlash(reply, `/admin/petitions/${a.p.id}`, "success", req.ctx.t("petitions.flash.transition", { state: isPetitionState(to) ? req.ctx.t(STATE_LABELS[to]) : to }));
    },
  }),

  siteRoute({
    method: "POST",
    path: "/admin/petitions/:id/assess/:criterion",
    handler: async (req, reply, { deps }) => {
      const { db } = deps;
      const a = await requireServices(req, reply);
      if (!a) return reply;
      const criterion = String((req.params as Record<string, string>).criterion ?? "");
      const body = asStrings(req.body);
      const parsed = parseForm(assessmentInput, { met: body.met, note: body[`note_${criterion}`] });
      const result = parsed.ok ? await assessCriterion(db, { id: a.user.id, ip: req.ip }, a.p.id, criterion, parsed.value.met === "met", parsed.value.note) : parsed;
      if (!result.ok) return managePage(req, reply, a.p, result.errors);
      return redirectWithFlash(reply, `/admin/petitions/${a.p.id}`, "success", req.ctx.t("petitions.flash.saved"));
    },
  }),

  siteRoute({
    method: "POST",
    path: "/admin/petitions/:id/paper",
    handler: async (req, reply, { deps }) => {
      const { db } = deps;
      const a = await requireServices(req, reply);
      if (!a) return reply;
      const parsed = parseForm(paperInput, req.body);
      const errors: FieldErrors | null = !parsed.ok ? parsed.errors : !ALL_REGIONS.includes(parsed.value.region) ? { region: { key: "validation.invalid" } } : null;
      if (errors || !parsed.ok) return managePage(req, reply, a.p, errors ?? {});
      const result = await addPaperSignatures(db, { id: a.user.id, ip: req.ip }, a.p.id, parsed.value.region, parsed.value.count);
      if (!result.ok) return managePage(req, reply, a.p, result.errors);
      return redirectWithFlash(reply, `/admin/petitions/${a.p.id}`, "success", req.ctx.t("petitions.flash.saved"));
    },
  }),

  siteRoute({
    method: "POST",
    path: "/admin/petitions/:id/notes",
    handler: async (req, reply, { deps }) => {
      const a = await requireServices(req, reply);
      if (!a) return reply;
      const parsed = parseForm(noteInput, req.body);
      if (!parsed.ok) return managePage(req, reply, a.p, parsed.errors);
      await addInternalNote(deps.db, { id: a.user.id, ip: req.ip }, a.p.id, parsed.value.body);
      return redirectWithFlash(reply, `/admin/petitions/${a.p.id}`, "success", req.ctx.t("petitions.flash.saved"));
    },
  }),

  // Personal data: the services of the petition's space only, and every export is in the audit log.
  siteRoute({
    method: "GET",
    path: "/admin/petitions/:id/signatures.csv",
    handler: async (req, reply, { deps }) => {
      const { db } = deps;
      const a = await requireServices(req, reply);
      if (!a) return reply;
      const rows = await countSignatureRows(db, a.p.id);
      // Audited before the first byte leaves: an interrupted download was still an export.
      await audit(db, { actorId: a.user.id, action: "petition.signatures.export", resourceType: "petition", resourceId: a.p.id, spaceId: a.p.spaceId, after: { rows }, ip: req.ip });
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="petition-${a.p.id}-signatures.csv"`)
        .header("cache-control", "no-store")
        .send(Readable.from(signaturesCsv(deps.pool, a.p.id)));
    },
  }),

  siteRoute({
    method: "GET",
    path: "/admin/petitions/abuse",
    handler: async (req, reply, { deps }) => {
      const { db } = deps;
      if (!requireAdmin(req, reply)) return reply;
      return sendAdminPage(req, reply, { title: req.ctx.t("petitions.admin.abuse"), body: <AbusePage ctx={req.ctx} domains={await listBlockedDomains(db)} /> });
    },
  }),

  siteRoute({
    method: "POST",
    path: "/admin/petitions/abuse/invalidate",
    handler: async (req, reply, { deps }) => {
      const { db } = deps;
      const user = requireAdmin(req, reply);
      if (!user) return reply;
      const parsed = parseForm(invalidationInput, req.body);
      const result = parsed.ok ? await invalidateSignatures(db, { id: user.id, ip: req.ip }, parsed.value) : parsed;
      if (!result.ok) {
        return sendAdminPage(req, reply, { title: req.ctx.t("petitions.admin.abuse"), status: 422, body: <AbusePage ctx={req.ctx} domains={await listBlockedDomains(db)} errors={result.errors} values={asStrings(req.body)} /> });
      }
      return redirectWithFlash(reply, "/admin/petitions/abuse", "success", req.ctx.t("petitions.flash.invalidated", result.value));
    },
  }),

  siteRoute({
    method: "POST",
    path: "/admin/petitions/abuse/domains",
    handler: async (req, reply, { deps }) => {
      const { db } = deps;
      const user = requireAdmin(req, reply);
      if (!user) return reply;
      const parsed = parseForm(z.object({ domain: z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, { message: "petitions.validation.domain" }), block: z.enum(["on", "off"]) }), req.body);
      if (!parsed.ok) {
        return sendAdminPage(req, reply, { title: req.ctx.t("petitions.admin.abuse"), status: 422, body: <AbusePage ctx={req.ctx} domains={await listBlockedDomains(db)} errors={parsed.errors} /> });
      }
      await setDomainBlocked(db, { id: user.id, ip: req.ip }, parsed.value.domain, parsed.value.block === "on");
      return redirectWithFlash(reply, "/admin/petitions/abuse", "success", req.ctx.t("petitions.flash.saved"));
    },
  }),

  siteRoute({
    method: "GET",
    path: "/admin/petitions/types",
    handler: async (req, reply, { deps }) => {
      const { db } = deps;
      if (!requireAdmin(req, reply)) return reply;
      const components = await listPetitionComponents(db);
      const all = (await Promise.all(components.map((c) => listTypes(db, c.id)))).flat();
      return sendAdminPage(req, reply, { title: req.ctx.t("petitions.admin.types"), body: <TypesPage ctx={req.ctx} components={components} types={all} /> });
    },
  }),

  siteRoute({
    method: "GET",
    path: "/admin/petitions/types/new",
    handler: async (req, reply) => {
      if (!requireAdmin(req, reply)) return reply;
      const q = componentQuery.safeParse(req.query);
      if (!q.success) throw notFound();
      const t = req.ctx.t;
      return sendAdminPage(req, reply, { title: t("petitions.admin.typeNew"), body: <TypeFormPage ctx={req.ctx} action={`/admin/petitions/types/new?component=${q.data.component}`} v={NEW_TYPE} title={t("petitions.admin.typeNew")} /> });
    },
  }),

  siteRoute({
    method: "GET",
    path: "/admin/petitions/types/:id",
    params: idParam,
    handler: async (req, reply, { deps, params }) => {
      const { db } = deps;
      if (!requireAdmin(req, reply)) return reply;
      const { id } = params;
      const componentId = await typeComponentId(db, id);
      const type = componentId === null ? null : await findType(db, componentId, id);
      if (!type) throw notFound();
      const t = req.ctx.t;
      return sendAdminPage(req, reply, {
        title: t("petitions.admin.typeEdit"),
        body: <TypeFormPage ctx={req.ctx} action={`/admin/petitions/types/${id}`} v={formValuesOfType(type, req.ctx)} title={`${t("petitions.admin.typeEdit")}: ${localize(type.title, req.ctx.locale, req.ctx.org.defaultLocale).text}`} />,
      });
    },
  }),

  siteRoute({
    method: "POST",
    path: "/admin/petitions/types/new",
    handler: async (req, reply, { deps }) => {
      const { db } = deps;
      const q = componentQuery.safeParse(req.query);
      if (!q.success) throw notFound();
      if (!(await isPetitionComponent(db, q.data.component))) throw notFound();
      return saveTypeRoute(req, reply, q.data.component, null);
    },
  }),

  siteRoute({
    method: "POST",
    path: "/admin/petitions/types/:id",
    params: idParam,
    handler: async (req, reply, { deps, params }) => {
      const { db } = deps;
      const { id } = params;
      const componentId = await typeComponentId(db, id);
      if (componentId === null) throw notFound();
      return saveTypeRoute(req, reply, componentId, id);
    },
  }),
];
