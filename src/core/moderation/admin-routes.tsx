/**
 * The moderators' back office: a space's queue (/admin/spaces/:spaceId/moderation) for its admins and
 * moderators, the organization-wide queue (/admin/moderation: every space for organization admins, the
 * spaces one moderates for others), decisions on one thing, title corrections, and blocking
 * participants (organization admins). Access is checked on the thing's space for every action.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ComponentChildren } from "preact";
import { sendAdminPage } from "../admin/layout";
import { findUserById } from "../accounts/users";
import { parseForm } from "../http/forms";
import { requireAdmin, requireUser } from "../http/guards";
import type { CurrentUser } from "../http/context";
import { localPath } from "../http/local-path";
import { forbidden, notFound, type FieldErrors } from "../http/result";
import { localize } from "../i18n/translator";
import { canAdministerSpace, loadSpaceAccess, type SpaceAccess } from "../permissions/access";
import { can } from "../permissions/can";
import { sendSpaceAdminPage, spaceAdminPath } from "../spaces/admin-parts";
import { findSpaceById } from "../spaces/queries";
import type { SpaceRecord } from "../spaces/types";
import { redirectWithFlash } from "../../web/render";
import { blockParticipant, unblockParticipant } from "./block";
import { blockInput, decisionInput, idParam, queueQuery, reportTarget, titleInput } from "./inputs";
import { listQueue, moderatedSpaceIds } from "./queue";
import { decide, editTitle, findModeration, targetOf, type Decision, type ModerationRow } from "./service";
import { BlockForm, QueueView, TitleForm } from "./admin-views";
import { resolveTarget } from "./targets";

const DECISIONS: Decision[] = ["hide", "unhide", "keep"];
const FLASH = { hide: "moderation.decision.hidden", unhide: "moderation.decision.unhidden", keep: "moderation.decision.kept" } as const;

/** A back-office path to return to (a form's `return_to`), else `fallback`. */
function backTo(value: unknown, fallback: string): string {
  const path = localPath(value);
  return path && path.startsWith("/admin/") ? path : fallback;
}

/** The space and the person moderating it (space admin or moderator, or organization admin), or a 403/404. */
async function requireModerator(req: FastifyRequest, reply: FastifyReply, spaceId: number): Promise<{ user: CurrentUser; space: SpaceRecord; access: SpaceAccess } | null> {
  const user = requireUser(req, reply);
  if (!user) return null;
  const { db } = req.server.deps;
  const space = await findSpaceById(db, spaceId);
  if (!space) throw notFound();
  const access = await loadSpaceAccess(db, user, space.id);
  const permission = await can(user, "space.moderate", { space }, { db, returnTo: req.url, access });
  if (permission.status !== "ok") throw forbidden();
  return { user, space, access };
}

/** The moderation row named in the path and its moderator, or a 403/404. */
async function requireModeration(req: FastifyRequest, reply: FastifyReply, rawId: unknown) {
  const id = idParam.safeParse({ id: rawId });
  const m = id.success ? await findModeration(req.server.deps.db, id.data.id) : null;
  if (!m) throw notFound();
  const who = await requireModerator(req, reply, m.spaceId);
  return who ? { ...who, m } : null;
}

const spaceQueuePath = (spaceId: number) => spaceAdminPath({ id: spaceId }, "/moderation");

export async function moderationAdminRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  /** A page in the space's back-office frame for its admins; moderators get the plain frame. */
  function sendSpacePage(req: FastifyRequest, reply: FastifyReply, space: SpaceRecord, access: SpaceAccess, page: { title: string; body: ComponentChildren; status?: number }) {
    if (canAdministerSpace(access)) return sendSpaceAdminPage(req, reply, space, { ...page, tab: "moderation" });
    return sendAdminPage(req, reply, page);
  }

  app.get<{ Params: { spaceId: string } }>("/admin/spaces/:spaceId/moderation", async (req, reply) => {
    const id = idParam.safeParse({ id: req.params.spaceId });
    if (!id.success) throw notFound();
    const who = await requireModerator(req, reply, id.data.id);
    if (!who) return reply;
    const q = queueQuery.parse(req.query ?? {});
    const filter = q.filter ?? "pending";
    const data = await listQueue(db, [who.space.id], filter, q.page ?? 1);
    const spaceTitle = localize(who.space.title, req.ctx.locale, req.ctx.org.defaultLocale).text;
    const heading = req.ctx.t("moderation.queue.spaceTitle", { space: spaceTitle });
    return sendSpacePage(req, reply, who.space, who.access, { title: heading, body: <QueueView ctx={req.ctx} heading={heading} base={spaceQueuePath(who.space.id)} filter={filter} data={data} showSpace={false} /> });
  });

  app.get("/admin/moderation", async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    // Organization admins see every space; a space's moderators, the spaces they moderate.
    const scope = user.isAdmin ? "all" : await moderatedSpaceIds(db, user.id);
    if (scope !== "all" && scope.length === 0) throw forbidden();
    const q = queueQuery.parse(req.query ?? {});
    const filter = q.filter ?? "pending";
    const data = await listQueue(db, scope, filter, q.page ?? 1);
    const heading = req.ctx.t("moderation.queue.title");
    return sendAdminPage(req, reply, { title: heading, body: <QueueView ctx={req.ctx} heading={heading} base="/admin/moderation" filter={filter} data={data} showSpace /> });
  });

  for (const decision of DECISIONS) {
    app.post<{ Params: { id: string } }>(`/admin/moderation/:id/${decision}`, async (req, reply) => {
      const who = await requireModeration(req, reply, req.params.id);
      if (!who) return reply;
      const parsed = parseForm(decisionInput, req.body);
      const back = backTo(parsed.ok ? parsed.value.return_to : undefined, spaceQueuePath(who.m.spaceId));
      if (!parsed.ok) return redirectWithFlash(reply, back, "error", req.ctx.t("moderation.decision.noteTooLong"));
      const target = await targetOf(db, who.m);
      if (!target) return redirectWithFlash(reply, back, "error", req.ctx.t("moderation.queue.gone"));
      await decide(db, { id: who.user.id, ip: req.ip }, target, decision, parsed.value.note);
      return redirectWithFlash(reply, back, "success", req.ctx.t(FLASH[decision]));
    });
  }

  // Hiding something nobody reported yet (a moderator's "Hide" next to a comment): by type and id.
  app.post("/admin/moderation/hide", async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const ref = reportTarget.safeParse(req.body ?? {});
    const resolved = ref.success ? await resolveTarget(db, { type: ref.data.resourceType, id: ref.data.resourceId }, user) : null;
    if (!resolved) throw notFound();
    if (!resolved.moderator) throw forbidden();
    const parsed = parseForm(decisionInput, req.body);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const back = localPath(body.return_to) ?? resolved.target.url.split("#")[0] ?? "/";
    await decide(db, { id: user.id, ip: req.ip }, resolved.target, "hide", parsed.ok ? parsed.value.note : undefined);
    return redirectWithFlash(reply, back, "success", req.ctx.t(FLASH.hide));
  });

  const titlePage = async (req: FastifyRequest, reply: FastifyReply, who: { space: SpaceRecord; access: SpaceAccess; m: ModerationRow }, back: string, values: { title?: string; note?: string }, errors?: FieldErrors) => {
    const target = await targetOf(db, who.m);
    if (!target) throw notFound();
    const heading = req.ctx.t("moderation.title.heading");
    return sendSpacePage(req, reply, who.space, who.access, {
      title: heading,
      status: errors ? 422 : 200,
      body: <TitleForm ctx={req.ctx} action={`/admin/moderation/${who.m.id}/title`} target={target} back={back} values={values} {...(errors ? { errors } : {})} />,
    });
  };

  app.get<{ Params: { id: string }; Querystring: { return_to?: string } }>("/admin/moderation/:id/title", async (req, reply) => {
    const who = await requireModeration(req, reply, req.params.id);
    if (!who) return reply;
    return titlePage(req, reply, who, backTo(req.query.return_to, spaceQueuePath(who.m.spaceId)), {});
  });

  app.post<{ Params: { id: string } }>("/admin/moderation/:id/title", async (req, reply) => {
    const who = await requireModeration(req, reply, req.params.id);
    if (!who) return reply;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const back = backTo(body.return_to, spaceQueuePath(who.m.spaceId));
    const values = { title: typeof body.title === "string" ? body.title : "", note: typeof body.note === "string" ? body.note : "" };
    const parsed = parseForm(titleInput, body);
    const result = parsed.ok ? await editTitle(db, { id: who.user.id, ip: req.ip }, who.m, parsed.value.title, parsed.value.note) : parsed;
    if (!result.ok) return titlePage(req, reply, who, back, values, result.errors);
    return redirectWithFlash(reply, back, "success", req.ctx.t("moderation.title.saved"));
  });

  // Blocking: organization admins only (it reaches every space).
  const loadPerson = async (rawId: string) => {
    const id = idParam.safeParse({ id: rawId });
    const u = id.success ? await findUserById(db, id.data.id) : null;
    if (!u || u.deletedAt) throw notFound();
    return { id: u.id, name: u.name, blocked: u.blockedAt !== null, reason: u.blockedReason };
  };

  app.get<{ Params: { userId: string }; Querystring: { return_to?: string } }>("/admin/moderation/users/:userId/block", async (req, reply) => {
    if (!requireAdmin(req, reply)) return reply;
    const person = await loadPerson(req.params.userId);
    const back = backTo(req.query.return_to, "/admin/moderation");
    return sendAdminPage(req, reply, { title: req.ctx.t("moderation.block.heading", { name: person.name }), body: <BlockForm ctx={req.ctx} person={person} back={back} values={{}} /> });
  });

  app.post<{ Params: { userId: string } }>("/admin/moderation/users/:userId/block", async (req, reply) => {
    const admin = requireAdmin(req, reply);
    if (!admin) return reply;
    const person = await loadPerson(req.params.userId);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const back = backTo(body.return_to, "/admin/moderation");
    const parsed = parseForm(blockInput, body);
    const result = parsed.ok ? await blockParticipant(app.deps, { id: admin.id, ip: req.ip }, person.id, parsed.value.reason) : parsed;
    if (!result.ok) {
      return sendAdminPage(req, reply, {
        title: req.ctx.t("moderation.block.heading", { name: person.name }),
        status: 422,
        body: <BlockForm ctx={req.ctx} person={person} back={back} values={{ reason: typeof body.reason === "string" ? body.reason : "" }} errors={result.errors} />,
      });
    }
    return redirectWithFlash(reply, back, "success", req.ctx.t("moderation.block.done", { name: person.name }));
  });

  app.post<{ Params: { userId: string } }>("/admin/moderation/users/:userId/unblock", async (req, reply) => {
    const admin = requireAdmin(req, reply);
    if (!admin) return reply;
    const person = await loadPerson(req.params.userId);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const back = backTo(body.return_to, "/admin/moderation");
    const result = await unblockParticipant(app.deps, { id: admin.id, ip: req.ip }, person.id);
    if (!result.ok) return sendAdminPage(req, reply, { title: req.ctx.t("moderation.block.heading", { name: person.name }), status: 422, body: <BlockForm ctx={req.ctx} person={person} back={back} values={{}} errors={result.errors} /> });
    return redirectWithFlash(reply, back, "success", req.ctx.t("moderation.block.undone", { name: person.name }));
  });
}
