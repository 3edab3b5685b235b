/**
 * Endorsing any resource (POST /endorsements with resourceType, resourceId, endorse=on|off) and the
 * full list of its endorsers (GET /endorsements/:type/:id). Both start from `resolveResource`, so a
 * private space's or a hidden resource's endorsements are a 404 to those who may not see them.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { sendComponentPage } from "../components/page";
import { notFound } from "../http/result";
import { can } from "../permissions/can";
import { resolveResource, type ResolvedResource } from "../resources/access";
import { componentPath } from "../spaces/types";
import { redirectWithFlash } from "../../web/render";
import "./endorsement-coauthor-data";
import { endorsable, endorse, endorsementRefusal, listEndorsers, endorsementCounts, endorsersUrl, withdrawEndorsement } from "./endorsements";
import { EndorsersPage, titleText } from "./endorsement-views";

export const resourceType = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/);
export const resourceId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const endorseForm = z.object({ resourceType, resourceId, endorse: z.enum(["on", "off"]) });
const listParams = z.object({ type: resourceType, id: resourceId });
const listQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1) });

/** The resource's component frame (breadcrumb, theme) for a kit page. */
export const frameOf = (r: ResolvedResource) => ({ space: r.space, component: r.component, base: componentPath(r.space, r.component.id) });

/** A refusal from `can()` shown as a 403 page in the resource's frame. */
export function sendRefusal(req: FastifyRequest, reply: FastifyReply, r: ResolvedResource, reason: string): Promise<FastifyReply> | FastifyReply {
  const { t } = req.ctx;
  return sendComponentPage(req, reply, frameOf(r), {
    title: t("error.forbidden.title"),
    status: 403,
    body: (
      <section class="error-page">
        <h1>{t("error.forbidden.title")}</h1>
        <p>{reason}</p>
      </section>
    ),
  });
}

export async function endorsementRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  app.post("/endorsements", async (req, reply) => {
    const form = endorseForm.safeParse(req.body);
    if (!form.success) throw notFound();
    const { user, t } = req.ctx;
    const r = await resolveResource(db, { type: form.data.resourceType, id: form.data.resourceId }, user);
    if (!r || !endorsable(r.kind) || !r.settings.endorsementsEnabled) throw notFound();
    if (!user) return redirectWithFlash(reply, `/users/sign-in?return_to=${encodeURIComponent(r.facts.url)}`, "info", t("error.signInRequired"));
    const back = `${r.facts.url}#endorsements`;
    const title = titleText(req.ctx, r.facts.title);
    if (form.data.endorse === "off") {
      const out = await withdrawEndorsement(db, r, user.id);
      if (!out.ok) return redirectWithFlash(reply, back, "error", t(out.reason));
      return redirectWithFlash(reply, back, out.changed ? "success" : "info", t(out.changed ? "endorsements.flash.withdrawn" : "endorsements.flash.notEndorsed", { title }));
    }
    // The kit's own rules first (nobody is sent to verify themselves for something they cannot do).
    const refusal = endorsementRefusal(r, user.id);
    if (refusal) return redirectWithFlash(reply, back, "error", t(refusal));
    const permission = await can(user, "endorse", { space: r.space, component: r.component, resource: r.facts.permissionResource }, { db, returnTo: r.facts.url, access: r.access });
    if (permission.status === "pending") return redirectWithFlash(reply, permission.verifyUrl, "info", t("permissions.pending"));
    if (permission.status === "signIn") return redirectWithFlash(reply, `/users/sign-in?return_to=${encodeURIComponent(r.facts.url)}`, "info", t(permission.reason));
    if (permission.status === "unauthorized") return sendRefusal(req, reply, r, t(permission.reason, permission.values));
    const out = await endorse(db, r, user.id);
    if (!out.ok) return redirectWithFlash(reply, back, "error", t(out.reason));
    return redirectWithFlash(reply, back, out.changed ? "success" : "info", t(out.changed ? "endorsements.flash.endorsed" : "endorsements.flash.already", { title }));
  });

  app.get("/endorsements/:type/:id", async (req, reply) => {
    const params = listParams.safeParse(req.params);
    if (!params.success) throw notFound();
    const { page } = listQuery.parse(req.query ?? {});
    const ref = { type: params.data.type, id: params.data.id };
    const r = await resolveResource(db, ref, req.ctx.user);
    // Endorsements turned off in this step: no list either.
    if (!r || !endorsable(r.kind) || !r.settings.endorsementsEnabled) throw notFound();
    const [list, counts] = await Promise.all([listEndorsers(db, ref, page), endorsementCounts(db, ref.type, [ref.id])]);
    if (page > 1 && list.endorsers.length === 0) throw notFound();
    const title = titleText(req.ctx, r.facts.title);
    return sendComponentPage(req, reply, frameOf(r), {
      title: req.ctx.t("endorsements.list.title", { title }),
      body: <EndorsersPage ctx={req.ctx} title={title} backUrl={r.facts.url} count={counts.get(ref.id)?.count ?? 0} endorsers={list.endorsers} page={page} hasNext={list.hasNext} listUrl={endorsersUrl(ref)} />,
    });
  });
}
