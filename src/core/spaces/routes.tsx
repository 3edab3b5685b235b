/** Public pages of spaces: /processes, /processes/:slug, /assemblies, /assemblies/:slug. */
import { cacheForVisitors } from "../http/visitor-cache";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { localize } from "../i18n/translator";
import { notFound } from "../http/result";
import { canAdministerSpace, canPreviewSpace, canViewSpace, loadSpaceAccess } from "../permissions/access";
import { sendPage } from "../../web/render";
import type { Db } from "../../db/client";
import type { CurrentUser } from "../http/context";
import { findGroup, findSpaceById, findSpaceBySlug, listComponents, listGroups, listMembers, listSteps, listVisibleSpaces, pageVisibleSpaces, type SpaceTiming } from "./queries";
import type { SpaceType } from "./schema";
import { spacePath, type SpaceRecord } from "./types";
import { AssembliesList, AssemblyPage, GroupPage, ProcessesList, ProcessPage } from "./views";
import { isFollowing } from "../follows/service";
import { SPACE_TYPE } from "../follows/target";
import { listSpaceSnapshots } from "../archive/queries";

/** The space at `slug` if this person may see it; otherwise a 404 (private spaces do not reveal themselves). */
export async function visibleSpace(app: FastifyInstance, req: FastifyRequest, slug: string, type?: SpaceType) {
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

/** `?page=N` (from 1; anything else is the first page). */
const pageOf = (query: { page?: string }) => {
  const n = /^\d{1,5}$/.test(query.page ?? "") ? Number(query.page) : 1;
  return Math.max(1, n);
};

/** Whether the signed-in person follows this published space (null: no button, for visitors and unpublished spaces). */
async function followsSpace(db: Db, user: CurrentUser | null, space: SpaceRecord): Promise<boolean | null> {
  if (!user || !space.publishedAt) return null;
  return isFollowing(db, user.id, { type: SPACE_TYPE, id: space.id });
}

const titleOf = (req: FastifyRequest, space: SpaceRecord) => localize(space.title, req.ctx.locale, req.ctx.org.defaultLocale).text;

export async function spacePublicRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  app.get<{ Querystring: { when?: string; page?: string } }>("/processes", async (req, reply) => {
    cacheForVisitors(req);
    const timing = TIMINGS.find((t) => t === req.query.when);
    const page = pageOf(req.query);
    const [groups, { items, hasNext }] = await Promise.all([listGroups(db), pageVisibleSpaces(db, "process", req.ctx.user, timing ? { timing } : {}, page)]);
    return sendPage(req, reply, { title: req.ctx.t("spaces.processes.title"), body: <ProcessesList ctx={req.ctx} groups={groups} processes={items} timing={timing ?? null} paging={{ page, hasNext }} /> });
  });

  app.get<{ Params: { id: string }; Querystring: { page?: string } }>("/processes/groups/:id", async (req, reply) => {
    cacheForVisitors(req);
    const group = /^\d{1,15}$/.test(req.params.id) ? await findGroup(db, Number(req.params.id)) : null;
    if (!group) throw notFound();
    const page = pageOf(req.query);
    const { items, hasNext } = await pageVisibleSpaces(db, "process", req.ctx.user, { groupId: group.id }, page);
    return sendPage(req, reply, { title: localize(group.title, req.ctx.locale, req.ctx.org.defaultLocale).text, body: <GroupPage ctx={req.ctx} group={group} processes={items} paging={{ page, hasNext }} /> });
  });

  app.get<{ Params: { slug: string } }>("/processes/:slug", async (req, reply) => {
    cacheForVisitors(req);
    const { space, access } = await visibleSpace(app, req, req.params.slug, "process");
    const [steps, components, following, snapshots] = await Promise.all([
      listSteps(db, space.id),
      listComponents(db, space.id, canPreviewSpace(access)),
      followsSpace(db, req.ctx.user, space),
      listSpaceSnapshots(db, space.id),
    ]);
    return sendPage(req, reply, {
      title: titleOf(req, space),
      theme: space.theme,
      body: <ProcessPage ctx={req.ctx} space={space} steps={steps} components={components} canManage={canAdministerSpace(access)} canModerate={access.roles.includes("moderator")} following={following} snapshots={snapshots} />,
    });
  });

  app.get<{ Querystring: { page?: string } }>("/assemblies", async (req, reply) => {
    cacheForVisitors(req);
    const page = pageOf(req.query);
    const { items, hasNext } = await pageVisibleSpaces(db, "assembly", req.ctx.user, { parentId: "top" }, page);
    return sendPage(req, reply, { title: req.ctx.t("spaces.assemblies.title"), body: <AssembliesList ctx={req.ctx} assemblies={items} paging={{ page, hasNext }} /> });
  });

  app.get<{ Params: { slug: string } }>("/assemblies/:slug", async (req, reply) => {
    cacheForVisitors(req);
    const { space, access } = await visibleSpace(app, req, req.params.slug, "assembly");
    const [members, components, children, parent, following, phases, snapshots] = await Promise.all([
      listMembers(db, space.id),
      listComponents(db, space.id, canPreviewSpace(access)),
      listVisibleSpaces(db, "assembly", req.ctx.user, { parentId: space.id }),
      space.parentId === null ? null : findVisibleParent(db, req.ctx.user, space.parentId),
      followsSpace(db, req.ctx.user, space),
      listSteps(db, space.id),
      listSpaceSnapshots(db, space.id),
    ]);
    return sendPage(req, reply, {
      title: titleOf(req, space),
      theme: space.theme,
      body: (
        <AssemblyPage
          ctx={req.ctx}
          space={space}
          members={members}
          components={components}
          children={children}
          parent={parent}
          canManage={canAdministerSpace(access)}
          canModerate={access.roles.includes("moderator")}
          following={following}
          phases={phases}
          snapshots={snapshots}
        />
      ),
    });
  });

  /** A space by slug whatever its type (links from components and notifications). */
  app.get<{ Params: { slug: string } }>("/spaces/:slug", async (req, reply: FastifyReply) => {
    cacheForVisitors(req);
    const { space } = await visibleSpace(app, req, req.params.slug);
    return reply.redirect(spacePath(space), 303);
  });
}
