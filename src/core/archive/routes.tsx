/**
 * The archive's addresses: `/spaces/:slug/archive` (the snapshots), `/spaces/:slug/archive/:snapshotId`
 * (one snapshot's contents), `/spaces/:slug/archive/:snapshotId/:partId` (a component frozen), readable
 * by whoever may see the space (a transparent assembly's by everyone); and the back office's
 * "close this phase and archive".
 */
import type { FastifyInstance } from "fastify";
import { localize } from "../i18n/translator";
import { notFound } from "../http/result";
import { cacheForVisitors } from "../http/visitor-cache";
import { requireSpaceAdmin, spaceAdminPath } from "../spaces/admin-parts";
import { visibleSpace } from "../spaces/routes";
import { redirectWithFlash, sendPage } from "../../web/render";
import { findSnapshotPart, findSpaceSnapshot, listSpaceSnapshots } from "./queries";
import { closePhaseAndArchive } from "./service";
import { ArchiveIndexPage, SnapshotPage, SnapshotPartPage } from "./views";

const idOf = (raw: string | undefined) => (/^\d{1,15}$/.test(raw ?? "") ? Number(raw) : null);

export async function archiveRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  app.get<{ Params: { slug: string } }>("/spaces/:slug/archive", async (req, reply) => {
    cacheForVisitors(req);
    const { space } = await visibleSpace(app, req, req.params.slug);
    const snapshots = await listSpaceSnapshots(db, space.id);
    const title = req.ctx.t("archive.pageTitle", { space: localize(space.title, req.ctx.locale, req.ctx.org.defaultLocale).text });
    return sendPage(req, reply, { title, theme: space.theme, body: <ArchiveIndexPage ctx={req.ctx} space={space} snapshots={snapshots} /> });
  });

  app.get<{ Params: { slug: string; snapshotId: string } }>("/spaces/:slug/archive/:snapshotId", async (req, reply) => {
    cacheForVisitors(req);
    const { space } = await visibleSpace(app, req, req.params.slug);
    const id = idOf(req.params.snapshotId);
    const snapshot = id === null ? null : await findSpaceSnapshot(db, space.id, id);
    if (!snapshot) throw notFound();
    const title = req.ctx.t("archive.pageTitle", { space: localize(space.title, req.ctx.locale, req.ctx.org.defaultLocale).text });
    return sendPage(req, reply, { title, theme: space.theme, body: <SnapshotPage ctx={req.ctx} space={space} snapshot={snapshot} /> });
  });

  app.get<{ Params: { slug: string; snapshotId: string; partId: string } }>("/spaces/:slug/archive/:snapshotId/:partId", async (req, reply) => {
    cacheForVisitors(req);
    const { space } = await visibleSpace(app, req, req.params.slug);
    const id = idOf(req.params.snapshotId);
    const partId = idOf(req.params.partId);
    const snapshot = id === null ? null : await findSpaceSnapshot(db, space.id, id);
    const part = snapshot && partId !== null ? await findSnapshotPart(db, snapshot.id, partId) : null;
    if (!snapshot || !part) throw notFound();
    const title = `${localize(part.title, req.ctx.locale, req.ctx.org.defaultLocale).text} — ${req.ctx.t("archive.heading")}`;
    return sendPage(req, reply, { title, theme: space.theme, body: <SnapshotPartPage ctx={req.ctx} space={space} snapshot={snapshot} part={part} /> });
  });

  app.post<{ Params: { id: string } }>("/admin/spaces/:id/steps/close-and-archive", async (req, reply) => {
    const a = await requireSpaceAdmin(req, reply, req.params.id);
    if (!a) return reply;
    const done = await closePhaseAndArchive(db, { actorId: a.actor.id, ip: a.actor.ip }, a.space.id);
    if (!done) return redirectWithFlash(reply, spaceAdminPath(a.space, "/steps"), "error", req.ctx.t("archive.noCurrent"));
    return redirectWithFlash(reply, spaceAdminPath(a.space, "/steps"), "success", req.ctx.t("archive.closed"));
  });
}
