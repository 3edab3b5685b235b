/** /notifications: someone's notifications, newest first; open one (marks it read); mark all read. */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { isLocalPath } from "../home/routes";
import { requireUser } from "../http/guards";
import { notFound } from "../http/result";
import { redirectWithFlash, sendPage } from "../../web/render";
import "./personal-data";
import { listNotifications, markAllRead, NOTIFICATIONS_PAGE, openNotification } from "./service";
import { NotificationsPage } from "./views";

const listQuery = z.object({ before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined) });
const idParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  app.get("/notifications", async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const { before } = listQuery.parse(req.query ?? {});
    const items = await listNotifications(db, user.id, before);
    const next = items.length === NOTIFICATIONS_PAGE ? items[items.length - 1]?.id : undefined;
    return sendPage(req, reply, { title: req.ctx.t("notifications.title"), body: <NotificationsPage ctx={req.ctx} items={items} next={next} /> });
  });

  app.get("/notifications/:id/open", async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const parsed = idParam.safeParse(req.params);
    const url = parsed.success ? await openNotification(db, user.id, parsed.data.id) : null;
    // Only paths on this platform: a stored URL never sends anyone elsewhere.
    if (!isLocalPath(url)) throw notFound();
    return reply.redirect(url, 303);
  });

  app.post("/notifications/read", async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    await markAllRead(db, user.id);
    return redirectWithFlash(reply, "/notifications", "success", req.ctx.t("notifications.allRead"));
  });
}
