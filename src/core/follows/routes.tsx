/**
 * Following, for any resource kind and for spaces: POST /follows (follow or stop, then back with a
 * flash), GET /follows/unfollow (the confirmation that notices and mails link to: a GET never changes
 * anything), GET /account/follows (what the person follows, a page at a time).
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireUser } from "../http/guards";
import { safeReturnPath } from "../http/local-path";
import { notFound } from "../http/result";
import { getResourceKind, type ResourceRef } from "../resources/kinds";
import { redirectWithFlash, sendPage } from "../../web/render";
import "./personal-data";
import { listFollows } from "./queries";
import { follow, isFollowing, unfollow } from "./service";
import { resolveFollowTarget, SPACE_TYPE } from "./target";
import { FollowsPage, UnfollowPage } from "./views";

const resourceType = z.string().regex(/^[a-z][a-z0-9_-]{0,40}$/);
const resourceId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const followInput = z.object({ resourceType, resourceId, follow: z.enum(["on", "off"]).default("on"), returnTo: z.string().max(2000).optional() });
const unfollowQuery = z.object({ type: resourceType, id: resourceId });
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined) });

/** A type the kit knows: a manifest's resource kind, or a space. */
const knownType = (type: string) => type === SPACE_TYPE || getResourceKind(type) !== undefined;

export async function followRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  app.post("/follows", async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const parsed = followInput.safeParse(req.body ?? {});
    if (!parsed.success || !knownType(parsed.data.resourceType)) throw notFound();
    const { resourceType: type, resourceId: id, follow: on } = parsed.data;
    const ref: ResourceRef = { type, id };
    const target = await resolveFollowTarget(db, ref, user);
    const back = parsed.data.returnTo ? safeReturnPath(parsed.data.returnTo) : (target?.url ?? "/account/follows");
    if (on === "on") {
      // Only what the person may see: anything else does not exist for them.
      if (!target) throw notFound();
      await follow(db, user.id, ref, target.place);
      return redirectWithFlash(reply, back, "success", req.ctx.t(type === SPACE_TYPE ? "follows.space.followed" : "follows.followed"));
    }
    // Stopping needs no sight of it: someone who left a private space can still clean up their list.
    await unfollow(db, user.id, ref);
    return redirectWithFlash(reply, back, "success", req.ctx.t("follows.unfollowed"));
  });

  app.get("/follows/unfollow", async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const parsed = unfollowQuery.safeParse(req.query ?? {});
    if (!parsed.success || !knownType(parsed.data.type)) throw notFound();
    const ref: ResourceRef = parsed.data;
    const [target, following] = await Promise.all([resolveFollowTarget(db, ref, user), isFollowing(db, user.id, ref)]);
    const spaceFollowed = target && ref.type !== SPACE_TYPE && (await isFollowing(db, user.id, { type: SPACE_TYPE, id: target.space.id }));
    return sendPage(req, reply, {
      title: req.ctx.t("follows.confirm.title"),
      body: (
        <UnfollowPage
          ctx={req.ctx}
          target={ref}
          title={target?.title ?? null}
          url={target?.url ?? null}
          following={following}
          space={spaceFollowed && target ? { id: target.space.id, title: target.space.title } : null}
        />
      ),
    });
  });

  app.get("/account/follows", async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const page = pageQuery.parse(req.query ?? {}).page ?? 1;
    const { items, hasNext } = await listFollows(db, user.id, page);
    return sendPage(req, reply, { title: req.ctx.t("follows.title"), body: <FollowsPage ctx={req.ctx} items={items} page={page} hasNext={hasNext} /> });
  });
}
