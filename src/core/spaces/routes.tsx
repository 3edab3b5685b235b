/** Public pages of spaces: /processes, /processes/:slug, /assemblies, /assemblies/:slug. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { localize } from "../i18n/translator";
import { notFound } from "../http/result";
import { canAdministerSpace, canPreviewSpace, canViewSpace, loadSpaceAccess } from "../permissions/access";
import { sendPage } from "../../web/render";
import type { Db } from "../../db/client";
import type { CurrentUser } from "../http/context";
import { findGroup, findSpaceById, findSpaceBySlug, listComponents, listGroups, listMembers, listSteps, listVisibleSpaces, type SpaceTiming } from "./queries";
import type { SpaceType } from "./schema";
import { spacePath, type SpaceRecord } from "./types";
import { AssembliesList, AssemblyPage, GroupPage, ProcessesList, ProcessPage } from "./views";

/** The space at `slug` if this person may see it; otherwise a 404 (private spaces do not reveal themselves). */
async function visibleSpace(app: FastifyInstance, req: FastifyRequest, slug: string, type?: SpaceType) {
  const space = await findSpaceBySlug(app.deps.db, slug);
  if (!space || (type && space.type !== type)) throw notFound();
  const access = await loadSpaceAccess(app.deps.db, req.ctx.user, space.id);
  if (!canViewSpace(space, access)) throw notFound();
  return { space, access };
}

/** The parent assembly, if this person may see it (a private parent stays unnamed). */
async function findVisibleParent(db: Db, user: CurrentUser | null, parentId: number): Promise<SpaceRecord | null> {
  const parent = await findSpaceById(db, parentId);
  if (!parent) return null;
  return canViewSpace(parent, await loadSpaceAccess(db, user, parent.id)) && parent.publishedAt ? parent : null;
}

const TIMINGS: readonly SpaceTiming[] = ["active", "upcoming", "past"];

const titleOf = (req: FastifyRequest, space: SpaceRecord) => localize(space.title, req.ctx.locale, req.ctx.org.defaultLocale).text;

export async function spacePublicRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  app.get<{ Querystring: { when?: string } }>("/processes", async (req, reply) => {
    const timing = TIMINGS.find((t) => t === req.query.when);
    const [groups, processes] = await Promise.all([listGroups(db), listVisibleSpaces(db, "process", req.ctx.user, timing ? { timing } : {})]);
    return sendPage(req, reply, { title: req.ctx.t("spaces.processes.title"), body: <ProcessesList ctx={req.ctx} groups={groups} processes={processes} timing={timing ?? null} /> });
  });

  app.get<{ Params: { id: string } }>("/processes/groups/:id", async (req, reply) => {
    const group = /^\d{1,15}$/.test(req.params.id) ? await findGroup(db, Number(req.params.id)) : null;
    if (!group) throw notFound();
    const processes = await listVisibleSpaces(db, "process", req.ctx.user, { groupId: group.id });
    return sendPage(req, reply, { title: localize(group.title, req.ctx.locale, req.ctx.org.defaultLocale).text, body: <GroupPage ctx={req.ctx} group={group} processes={processes} /> });
  });

  app.get<{ Params: { slug: string } }>("/processes/:slug", async (req, reply) => {
    const { space, access } = await visibleSpace(app, req, req.params.slug, "process");
    const [steps, components] = await Promise.all([listSteps(db, space.id), listComponents(db, space.id, canPreviewSpace(access))]);
    return sendPage(req, reply, { title: titleOf(req, space), theme: space.theme, body: <ProcessPage ctx={req.ctx} space={space} steps={steps} components={components} canManage={canAdministerSpace(access)} /> });
  });

  app.get("/assemblies", async (req, reply) => {
    const assemblies = await listVisibleSpaces(db, "assembly", req.ctx.user, { parentId: "top" });
    return sendPage(req, reply, { title: req.ctx.t("spaces.assemblies.title"), body: <AssembliesList ctx={req.ctx} assemblies={assemblies} /> });
  });

  app.get<{ Params: { slug: string } }>("/assemblies/:slug", async (req, reply) => {
    const { space, access } = await visibleSpace(app, req, req.params.slug, "assembly");
    const [members, components, children, parent] = await Promise.all([
      listMembers(db, space.id),
      listComponents(db, space.id, canPreviewSpace(access)),
      listVisibleSpaces(db, "assembly", req.ctx.user, { parentId: space.id }),
      space.parentId === null ? null : findVisibleParent(db, req.ctx.user, space.parentId),
    ]);
    return sendPage(req, reply, {
      title: titleOf(req, space),
      theme: space.theme,
      body: <AssemblyPage ctx={req.ctx} space={space} members={members} components={components} children={children} parent={parent} canManage={canAdministerSpace(access)} />,
    });
  });

  /** A space by slug whatever its type (links from components and notifications). */
  app.get<{ Params: { slug: string } }>("/spaces/:slug", async (req, reply: FastifyReply) => {
    const { space } = await visibleSpace(app, req, req.params.slug);
    return reply.redirect(spacePath(space), 303);
  });
}
