/**
 * Public petition routes at stable addresses: /petitions, /petitions/:id and its actions, the live
 * stream, the open-data CSV and the JSON API.
 */
import { Readable } from "node:stream";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { siteRoute, type ComponentRequest, type SiteRoute } from "../../core/components/define";
import { sendComponentPage } from "../../core/components/page";
import { componentPath } from "../../core/spaces/types";
import type { CurrentUser } from "../../core/http/context";
import { parseForm } from "../../core/http/forms";
import { requireUser } from "../../core/http/guards";
import { notFound, type FieldErrors } from "../../core/http/result";
import { loadCommentsSection } from "../../core/comments/section";
import { can, SIGN_IN, type Permission } from "../../core/permissions/can";
import { streamTopic } from "../../core/realtime/sse";
import { findSpaceById } from "../../core/spaces/queries";
import { ALL_REGIONS } from "../../core/verifications/regions";
import { redirectWithFlash, sendPage } from "../../web/render";
import { browseFilterOf, petitionIdParams, petitionListQuery, petitionListResponse, petitionResponse } from "./api-schemas";
import { signingInfo, type SigningInfo } from "./cache";
import { petitionInput, signerInputFor } from "./inputs";
import { STATE_LABELS } from "./labels";
import { petitionFacts } from "./kit";
import { petitionTopic } from "./notify";
import { detailsJson, openDataCsv, summaryJson } from "./presenters";
import { browsePetitions, isFollowing, loadPetition, PAGE_SIZE, petitionsByAuthor, SORTS, type BrowseFilter, type PetitionDetails } from "./queries";
import { confirmSignature, findOwnSignature, isSignable, sign, withdrawSignature } from "./signing";
import { PUBLIC_STATES } from "./states";
import { componentHome, listCreatableTypes } from "./type-queries";
import { ConfirmPage, IndexPage, MinePage, PetitionFormPage, ShowPage } from "./views";
import { filterIdParam } from "../../core/categories/filter";
import { categoriesFor, scopesFor } from "../../core/categories/taxonomy";
import { categoriesOfComponents, listedCategories } from "./filing";
import { cosponsor, createPetition, transition, updateDraft } from "./workflow";
import { follow as followResource, unfollow } from "../../core/follows/service";
import { resolveFollowTarget } from "../../core/follows/target";

const idParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const tokenParam = idParam.extend({ token: z.string().min(10).max(200) });
const browseQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  state: z.enum(PUBLIC_STATES as [string, ...string[]]).optional().catch(undefined),
  category: filterIdParam,
  scope: filterIdParam,
  region: z.enum(ALL_REGIONS as [string, ...string[]]).optional().catch(undefined),
  sort: z.enum(SORTS).optional().catch(undefined),
  component: z.coerce.number().int().positive().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

function browseFilter(query: unknown): BrowseFilter {
  const q = browseQuery.parse(query ?? {});
  return { q: q.q || undefined, state: q.state as BrowseFilter["state"], categoryId: q.category, scopeId: q.scope, region: q.region, sort: q.sort, componentId: q.component, page: q.page };
}

const asStrings = (body: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (body && typeof body === "object") for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") out[k] = v;
  return out;
};

/** Whether the person is one of the services of the petition's space (or, with `space.moderate`, its moderators). */
async function isServices(req: FastifyRequest, p: { spaceId: number }, action: "space.evaluate" | "space.moderate" = "space.evaluate"): Promise<boolean> {
  const user = req.ctx.user;
  if (!user) return false;
  if (user.isAdmin) return true;
  const space = await findSpaceById(req.server.deps.db, p.spaceId);
  if (!space) return false;
  const perm = await can(user, action, { space }, { db: req.server.deps.db, returnTo: req.url });
  return perm.status === "ok";
}

/**
 * The permission to sign, as for any component action: visitors may (the manifest says so) until an
 * administrator attaches a verification to signing; accounts go through the attached verifications.
 */
async function signPermission(req: FastifyRequest, info: SigningInfo): Promise<Permission> {
  // A type that wants an account (or its age-and-residence verification) closes anonymous signing too.
  if (!req.ctx.user && info.verification !== "email") return SIGN_IN;
  return can(req.ctx.user, "sign", { space: info.space, component: info.component }, { db: req.server.deps.db, returnTo: `/petitions/${info.id}` });
}

/** The author's own draft, as the manifest's rule says (`edit`), with the space's and component's checks. */
async function mayEdit(req: FastifyRequest, user: CurrentUser, p: PetitionDetails): Promise<boolean> {
  const info = await signingInfo(req.server.deps.db, p.id);
  if (!info) return false;
  const resource = { authorId: p.authorId, state: p.state };
  const permission = await can(user, "edit", { space: info.space, component: info.component, resource }, { db: req.server.deps.db, returnTo: `/petitions/${p.id}/edit` });
  return permission.status === "ok";
}

/** The author's draft and the types they may choose for it; anything else is not found. */
async function draftToEdit(req: FastifyRequest, user: CurrentUser, id: number): Promise<{ p: PetitionDetails; types: Awaited<ReturnType<typeof listCreatableTypes>> }> {
  const p = await loadVisible(req, id);
  if (!(await mayEdit(req, user, p))) throw notFound();
  return { p, types: await listCreatableTypes(req.server.deps.db, user, p.componentId) };
}

/**
 * Public petitions for everyone; drafts and petitions in review for their author and the services; a
 * petition hidden by moderation for its author, the services and the space's moderators (a 404 to others).
 */
async function loadVisible(req: FastifyRequest, id: number): Promise<PetitionDetails> {
  const p = await loadPetition(req.server.deps.db, id);
  if (!p) throw notFound();
  const isPublic = p.visible && PUBLIC_STATES.includes(p.state) && !p.hidden;
  if (isPublic || (req.ctx.user && req.ctx.user.id === p.authorId) || (await isServices(req, p))) return p;
  if (p.hidden && (await isServices(req, p, "space.moderate"))) return p;
  throw notFound();
}

async function renderShow(req: FastifyRequest, reply: FastifyReply, p: PetitionDetails, opts: { errors?: FieldErrors; values?: Record<string, string>; status?: number } = {}) {
  const { db } = req.server.deps;
  const user: CurrentUser | null = req.ctx.user;
  const info = await signingInfo(db, p.id);
  const permission = info ? await signPermission(req, info) : null;
  const [own, following] = user
    ? await Promise.all([
        findOwnSignature(db, p.id, user.id),
        isFollowing(db, p.id, user.id),
      ])
    : [null, false];
  // The discussion (core comments): its sort and page from the query string, in the space already loaded
  // and with the petition's facts as read above (the section reads neither again).
  const query = (req.query ?? {}) as Record<string, unknown>;
  const comments = await loadCommentsSection(db, { type: "petition", id: p.id }, user, { sort: query.comments_sort, page: query.comments_page, place: info ? { space: info.space, component: info.component, facts: petitionFacts(p) } : undefined });
  const page = {
    title: p.title,
    status: opts.status ?? 200,
    body: (
      <ShowPage
        ctx={req.ctx}
        p={p}
        signable={Boolean(info && isSignable(info))}
        permission={permission}
        showRegions={info ? info.settings.showRegionBreakdown : true}
        own={own}
        following={following}
        errors={opts.errors}
        values={opts.values}
        publicUrl={req.server.deps.config.PUBLIC_URL}
        comments={comments}
      />
    ),
  };
  // In its space's frame: the space's look, and a way back to the space and its petitions.
  if (info) return sendComponentPage(req, reply, { space: info.space, component: info.component, base: componentPath(info.space, info.component.id) }, page);
  return sendPage(req, reply, page);
}

/** Type names in the reader's language (Accept-Language or their chosen language), else the organization's. */
const reader = (req: FastifyRequest) => ({ locale: req.ctx.locale, fallback: req.ctx.org.defaultLocale });


/** A component's petitions under its space (`/spaces/:slug/c/:id`), in the space's frame. */
export async function renderComponentIndex(req: FastifyRequest, reply: FastifyReply, c: Pick<ComponentRequest<unknown, unknown>, "deps" | "space" | "component" | "base">): Promise<FastifyReply> {
  const filter = { ...browseFilter(req.query), componentId: c.component.id };
  const [{ items, total }, categories, scopes] = await Promise.all([browsePetitions(c.deps.db, filter), categoriesFor(req, c.deps.db, [c.space.id]), scopesFor(req, c.deps.db)]);
  return sendComponentPage(req, reply, c, {
    title: req.ctx.t("petitions.index.title"),
    body: <IndexPage ctx={req.ctx} filter={filter} items={items} total={total} categories={categories} scopes={scopes} regions={ALL_REGIONS} base={c.base} />,
  });
}

/** The form to start a petition in this component, in its space's frame (it posts to /petitions/new). */
export async function renderComponentNew(req: FastifyRequest, reply: FastifyReply, c: Pick<ComponentRequest<unknown, unknown>, "deps" | "space" | "component" | "base">): Promise<FastifyReply> {
  const user = requireUser(req, reply);
  if (!user) return reply;
  const [types, categories, scopes] = await Promise.all([listCreatableTypes(c.deps.db, user, c.component.id), categoriesFor(req, c.deps.db, [c.space.id]), scopesFor(req, c.deps.db)]);
  return sendComponentPage(req, reply, c, {
    title: req.ctx.t("petitions.form.newTitle"),
    body: <PetitionFormPage ctx={req.ctx} types={types} categories={categories} scopes={scopes} action="/petitions/new" title={req.ctx.t("petitions.form.newTitle")} />,
  });
}

/** A petition under its component's address; another component's petition is not found here. */
export async function renderComponentPetition(req: FastifyRequest, reply: FastifyReply, c: Pick<ComponentRequest<unknown, unknown>, "component" | "params">): Promise<FastifyReply> {
  const parsed = idParam.safeParse({ id: c.params.petitionId });
  if (!parsed.success) throw notFound();
  const p = await loadVisible(req, parsed.data.id);
  if (p.componentId !== c.component.id) throw notFound();
  return renderShow(req, reply, p);
}

/** Public petition routes at their stable addresses (links in sent mails), declared in the manifest. */
export const petitionSiteRoutes: SiteRoute[] = [
  siteRoute({
    method: "GET",
    path: "/petitions",
    visitorCache: true,
    handler: async (req, reply, { deps }) => {
      const { db } = deps;
      const filter = browseFilter(req.query);
      const [{ items, total }, categories, scopes] = await Promise.all([browsePetitions(db, filter), listedCategories(req, db), scopesFor(req, db)]);
      return sendPage(req, reply, { title: req.ctx.t("petitions.index.title"), body: <IndexPage ctx={req.ctx} filter={filter} items={items} total={total} categories={categories} scopes={scopes} regions={ALL_REGIONS} /> });
    },
  }),

  siteRoute({
    method: "GET",
    path: "/petitions/new",
    handler: async (req, reply, { deps }) => {
      const { db } = deps;
      const user = requireUser(req, reply);
      if (!user) return reply;
      const component = browseQuery.parse(req.query ?? {}).component;
      // Started from a component: its own form, in its space.
      const home = component ? await componentHome(db, component) : null;
      if (home) return reply.redirect(`${home}/new`, 303);
      const types = await listCreatableTypes(db, user, component);
      const [categories, scopes] = await Promise.all([categoriesOfComponents(req, db, types.map((ty) => ty.componentId)), scopesFor(req, db)]);
      return sendPage(req, reply, { title: req.ctx.t("petitions.form.newTitle"), body: <PetitionFormPage ctx={req.ctx} types={types} categories={categories} scopes={scopes} action="/petitions/new" title={req.ctx.t("petitions.form.newTitle")} /> });
    },
  }),

  siteRoute({
    method: "POST",
    path: "/petitions/new",
    handler: async (req, reply, { deps }) => {
      const { db } = deps;
      const user = requireUser(req, reply);
      if (!user) return reply;
      const types = await listCreatableTypes(db, user, undefined);
      const parsed = parseForm(petitionInput, req.body);
      const type = parsed.ok ? types.find((t) => t.id === parsed.value.typeId) : undefined;
      const errors: FieldErrors | null = !parsed.ok ? parsed.errors : !type ? { typeId: { key: "validation.required" } } : null;
      const again = async (errs: FieldErrors) => {
        const [categories, scopes] = await Promise.all([categoriesOfComponents(req, db, types.map((ty) => ty.componentId)), scopesFor(req, db)]);
        return sendPage(req, reply, {
          title: req.ctx.t("petitions.form.newTitle"),
          status: 422,
          body: <PetitionFormPage ctx={req.ctx} types={types} categories={categories} scopes={scopes} action="/petitions/new" title={req.ctx.t("petitions.form.newTitle")} values={asStrings(req.body)} errors={errs} />,
        });
      };
      if (errors || !parsed.ok || !type) return again(errors ?? {});
      const created = await createPetition(db, { id: user.id, ip: req.ip }, type.componentId, parsed.value);
      if (!created.ok) return again(created.errors);
      return redirectWithFlash(reply, `/petitions/${created.value.id}`, "success", req.ctx.t("petitions.flash.created"));
    },
  }),

  siteRoute({
    method: "GET",
    path: "/petitions/mine",
    handler: async (req, reply, { deps }) => {
      const { db } = deps;
      const user = requireUser(req, reply);
      if (!user) return reply;
      const petitions = await petitionsByAuthor(db, user.id);
      return sendPage(req, reply, { title: req.ctx.t("petitions.mine.title"), body: <MinePage ctx={req.ctx} petitions={petitions} /> });
    },
  }),

  siteRoute({
    method: "GET",
    path: "/petitions/:id",
    visitorCache: true,
    params: idParam,
    handler: async (req, reply, { params }) => {
      const { id } = params;
      return renderShow(req, reply, await loadVisible(req, id));
    },
  }),

  siteRoute({
    method: "GET",
    path: "/petitions/:id/edit",
    params: idParam,
    handler: async (req, reply, { deps, params }) => {
      const user = requireUser(req, reply);
      if (!user) return reply;
      const { id } = params;
      const { p, types } = await draftToEdit(req, user, id);
      const values = { typeId: String(p.type.id), title: p.title, summary: p.summary, body: p.body, language: p.language, categoryId: p.categoryId === null ? "" : String(p.categoryId), scopeId: p.scopeId === null ? "" : String(p.scopeId) };
      const [categories, scopes] = await Promise.all([categoriesFor(req, deps.db, [p.spaceId]), scopesFor(req, deps.db)]);
      return sendPage(req, reply, {
        title: req.ctx.t("petitions.form.editTitle"),
        body: <PetitionFormPage ctx={req.ctx} types={types} categories={categories} scopes={scopes} action={`/petitions/${id}/edit`} title={req.ctx.t("petitions.form.editTitle")} values={values} />,
      });
    },
  }),

  siteRoute({
    method: "POST",
    path: "/petitions/:id/edit",
    params: idParam,
    handler: async (req, reply, { deps, params }) => {
      const { db } = deps;
      const user = requireUser(req, reply);
      if (!user) return reply;
      const { id } = params;
      const { p, types } = await draftToEdit(req, user, id);
      const parsed = parseForm(petitionInput, req.body);
      const result = parsed.ok ? await updateDraft(db, { id: user.id, ip: req.ip }, id, parsed.value) : parsed;
      if (!result.ok) {
        const [categories, scopes] = await Promise.all([categoriesFor(req, db, [p.spaceId]), scopesFor(req, db)]);
        return sendPage(req, reply, {
          title: req.ctx.t("petitions.form.editTitle"),
          status: 422,
          body: <PetitionFormPage ctx={req.ctx} types={types} categories={categories} scopes={scopes} action={`/petitions/${id}/edit`} title={req.ctx.t("petitions.form.editTitle")} values={asStrings(req.body)} errors={result.errors} />,
        });
      }
      return redirectWithFlash(reply, `/petitions/${id}`, "success", req.ctx.t("petitions.flash.updated"));
    },
  }),

  siteRoute({
    method: "POST",
    path: "/petitions/:id/author-transition",
    params: idParam,
    handler: async (req, reply, { deps, params }) => {
      const user = requireUser(req, reply);
      if (!user) return reply;
      const { id } = params;
      const p = await loadVisible(req, id);
      const to = z.object({ to: z.enum(["submitted", "withdrawn"]) }).safeParse(req.body);
      if (p.authorId !== user.id || !to.success) throw notFound();
      const result = await transition(deps, { id: user.id, ip: req.ip }, id, { to: to.data.to }, "author");
      if (!result.ok) return renderShow(req, reply, p, { errors: result.errors, status: 422 });
      return redirectWithFlash(reply, `/petitions/${id}`, "success", req.ctx.t("petitions.flash.transition", { state: req.ctx.t(STATE_LABELS[to.data.to]) }));
    },
  }),

  // The hot path: cached rules, one statement, a redirect (see signing.ts).
  siteRoute({
    method: "POST",
    path: "/petitions/:id/sign",
    params: idParam,
    handler: async (req, reply, { deps, params }) => {
      const { db } = deps;
      const { id } = params;
      const info = await signingInfo(db, id);
      if (!info || !info.visible) throw notFound();
      const user = req.ctx.user;
      const permission = await signPermission(req, info);
      if (permission.status === "pending") return redirectWithFlash(reply, permission.verifyUrl, "info", req.ctx.t("permissions.pending"));
      if (permission.status === "unauthorized") {
        return renderShow(req, reply, await loadVisible(req, id), { errors: { _form: { key: permission.reason, ...(permission.values ? { values: permission.values } : {}) } }, status: 403 });
      }
      if (permission.status === "signIn") {
        return redirectWithFlash(reply, `/users/sign-in?return_to=${encodeURIComponent(`/petitions/${id}`)}`, "info", req.ctx.t(permission.reason));
      }
      const kind = !user ? "visitor" : info.verification === "age_residence" ? "verified" : "account";
      const parsed = parseForm(signerInputFor(info.signerFields, kind), req.body);
      const result = parsed.ok ? await sign(deps, info, { input: parsed.value, user, ip: req.ip, locale: req.ctx.locale }) : parsed;
      if (!result.ok) {
        const limited = result.errors._form?.key === "petitions.sign.rateLimited" || result.errors._form?.key === "petitions.sign.busy";
        return renderShow(req, reply, await loadVisible(req, id), { errors: result.errors, values: asStrings(req.body), status: limited ? 429 : 422 });
      }
      const message = { pending: "petitions.sign.pending", confirmed: "petitions.sign.confirmed", resent: "petitions.sign.resent", already: "petitions.sign.already" } as const;
      return redirectWithFlash(reply, `/petitions/${id}`, result.value === "pending" || result.value === "resent" ? "info" : "success", req.ctx.t(message[result.value]));
    },
  }),

  siteRoute({
    method: "GET",
    path: "/petitions/:id/confirm/:token",
    params: tokenParam,
    handler: async (req, reply, { deps, params }) => {
      const { db } = deps;
      const { id, token } = params;
      const info = await signingInfo(db, id);
      if (!info) throw notFound();
      const outcome = await confirmSignature(deps, info, token);
      const key = { confirmed: "petitions.sign.confirmed", already: "petitions.sign.already", invalid: "petitions.sign.invalidLink", closed: "petitions.sign.closed" } as const;
      return redirectWithFlash(reply, `/petitions/${id}`, outcome === "confirmed" || outcome === "already" ? "success" : "error", req.ctx.t(key[outcome]));
    },
  }),

  siteRoute({
    method: "POST",
    path: "/petitions/:id/unsign",
    params: idParam,
    handler: async (req, reply, { deps, params }) => {
      const { db } = deps;
      const user = requireUser(req, reply);
      if (!user) return reply;
      const { id } = params;
      const info = await signingInfo(db, id);
      if (!info) throw notFound();
      const result = await withdrawSignature(deps, info, { userId: user.id });
      if (!result.ok) return renderShow(req, reply, await loadVisible(req, id), { errors: result.errors, status: 422 });
      return redirectWithFlash(reply, `/petitions/${id}`, "success", req.ctx.t("petitions.sign.withdrawn"));
    },
  }),

  siteRoute({
    method: "GET",
    path: "/petitions/:id/withdraw/:token",
    params: tokenParam,
    handler: async (req, reply, { params }) => {
      const { id, token } = params;
      const t = req.ctx.t;
      return sendPage(req, reply, {
        title: t("petitions.sign.withdrawTitle"),
        body: <ConfirmPage ctx={req.ctx} title={t("petitions.sign.withdrawTitle")} intro={t("petitions.sign.withdrawIntro")} action={`/petitions/${id}/withdraw/${token}`} button={t("petitions.sign.withdraw")} />,
      });
    },
  }),

  siteRoute({
    method: "POST",
    path: "/petitions/:id/withdraw/:token",
    params: tokenParam,
    handler: async (req, reply, { deps, params }) => {
      const { db } = deps;
      const { id, token } = params;
      const t = req.ctx.t;
      const info = await signingInfo(db, id);
      if (!info) throw notFound();
      const result = await withdrawSignature(deps, info, { token });
      if (!result.ok) {
        return sendPage(req, reply, {
          title: t("petitions.sign.withdrawTitle"),
          status: 422,
          body: <ConfirmPage ctx={req.ctx} title={t("petitions.sign.withdrawTitle")} intro={t("petitions.sign.withdrawIntro")} action={`/petitions/${id}/withdraw/${token}`} button={t("petitions.sign.withdraw")} errors={result.errors} />,
        });
      }
      return redirectWithFlash(reply, `/petitions/${id}`, "success", t("petitions.sign.withdrawn"));
    },
  }),

  siteRoute({
    method: "GET",
    path: "/petitions/:id/cosponsor/:token",
    params: tokenParam,
    handler: async (req, reply, { deps, params }) => {
      const { db } = deps;
      const user = requireUser(req, reply);
      if (!user) return reply;
      const { id, token } = params;
      const p = await loadPetition(db, id);
      if (!p || p.sponsorToken !== token) throw notFound();
      const t = req.ctx.t;
      return sendPage(req, reply, {
        title: t("petitions.cosponsor.title", { title: p.title }),
        body: <ConfirmPage ctx={req.ctx} title={t("petitions.cosponsor.title", { title: p.title })} intro={t("petitions.cosponsor.intro")} action={`/petitions/${id}/cosponsor/${token}`} button={t("petitions.cosponsor.submit")} />,
      });
    },
  }),

  siteRoute({
    method: "POST",
    path: "/petitions/:id/cosponsor/:token",
    params: tokenParam,
    handler: async (req, reply, { deps, params }) => {
      const { db } = deps;
      const user = requireUser(req, reply);
      if (!user) return reply;
      const { id, token } = params;
      const t = req.ctx.t;
      const result = await cosponsor(db, { id: user.id, ip: req.ip }, id, token);
      if (!result.ok) {
        return sendPage(req, reply, {
          title: t("petitions.cosponsor.submit"),
          status: 422,
          body: <ConfirmPage ctx={req.ctx} title={t("petitions.cosponsor.submit")} intro={t("petitions.cosponsor.intro")} action={`/petitions/${id}/cosponsor/${token}`} button={t("petitions.cosponsor.submit")} errors={result.errors} />,
        });
      }
      return redirectWithFlash(reply, "/petitions/mine", "success", t("petitions.cosponsor.done", { count: result.value.count }));
    },
  }),

  siteRoute({
    method: "POST",
    path: "/petitions/:id/follow",
    params: idParam,
    handler: async (req, reply, { deps, params }) => {
      const { db } = deps;
      const user = requireUser(req, reply);
      if (!user) return reply;
      const { id } = params;
      // The kit's follows, through the kit's gate (a private space's or a hidden petition is a 404).
      const ref = { type: "petition", id };
      const target = await resolveFollowTarget(db, ref, user);
      if (!target) throw notFound();
      const follow = z.object({ follow: z.enum(["on", "off"]) }).safeParse(req.body);
      const on = !follow.success || follow.data.follow === "on";
      if (on) await followResource(db, user.id, ref, target.place);
      else await unfollow(db, user.id, ref);
      return redirectWithFlash(reply, `/petitions/${id}`, "success", req.ctx.t(on ? "petitions.flash.followed" : "petitions.flash.unfollowed"));
    },
  }),

  siteRoute({
    method: "GET",
    path: "/petitions/:id/events",
    params: idParam,
    handler: async (req, reply, { deps, params }) => {
      const { db } = deps;
      const { id } = params;
      const info = await signingInfo(db, id);
      // Drafts and petitions under review have no public page, so no public stream either.
      if (!info || !info.visible || !PUBLIC_STATES.includes(info.state)) throw notFound();
      streamTopic(req, reply, deps.bus, petitionTopic(id));
      return reply;
    },
  }),

  siteRoute({
    method: "GET",
    path: "/petitions.csv",
    handler: async (req, reply, { deps }) => {
      // Streamed from one query through a cursor: constant memory, the first rows out at once.
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="petitions.csv"')
        .header("cache-control", "public, max-age=60")
        .header("vary", "Accept-Language, Cookie")
        .send(Readable.from(openDataCsv(deps.pool, deps.config.PUBLIC_URL, reader(req))));
    },
  }),

  // The JSON API, described in /api/openapi.json; errors are problem details (application/problem+json).
  siteRoute({
    method: "GET",
    path: "/api/petitions",
    visitorCache: true,
    query: petitionListQuery,
    api: { summary: "petitions.api.list.summary", description: "petitions.api.list.description", response: petitionListResponse },
    handler: async (req, reply, { deps, query }) => {
      const filter = browseFilterOf(query);
      const { items, total } = await browsePetitions(deps.db, filter, { total: "exact" });
      return reply
        .header("cache-control", "public, max-age=5")
        .header("vary", "Accept-Language, Cookie")
        .send({ data: items.map((p) => summaryJson(deps.config.PUBLIC_URL, p, reader(req))), meta: { total, page: filter.page ?? 1, pageSize: PAGE_SIZE } });
    },
  }),

  siteRoute({
    method: "GET",
    path: "/api/petitions/:id",
    visitorCache: true,
    params: petitionIdParams,
    api: { summary: "petitions.api.show.summary", description: "petitions.api.show.description", response: petitionResponse, errors: [404] },
    handler: async (req, reply, { deps, params }) => {
      const p = await loadPetition(deps.db, params.id);
      // Drafts and petitions under review are as unknown as a number nobody used.
      if (!p || !p.visible || p.hidden || !PUBLIC_STATES.includes(p.state)) throw notFound();
      return reply
        .header("cache-control", "public, max-age=5")
        .header("vary", "Accept-Language, Cookie")
        .send({ data: detailsJson(deps.config.PUBLIC_URL, p, reader(req)) });
    },
  }),
];
