/**
 * Comments on any resource, at site-wide addresses: post (POST /comments), edit, delete and vote on
 * one's comments, a thread's own pages, the live stream of a discussion and the fragment the live
 * script inserts, and the open-data CSV. Every route resolves the resource for the person first
 * (service/loaders), so a private space's comments are a 404 to everyone outside it.
 */
import { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { render } from "preact-render-to-string";
import { z } from "zod";
import type { CurrentUser } from "../http/context";
import { requireUser } from "../http/guards";
import { localPath } from "../http/local-path";
import { notFound, type FieldErrors } from "../http/result";
import { streamTopic } from "../realtime/sse";
import { redirectWithFlash, sendPage } from "../../web/render";
import { followCountChanges } from "./counts-cache";
import { commentsTopic } from "./events";
import { loadCommentFragment, loadDiscussion, parentAuthor, postedLocation } from "./loaders";
import { commentCsvLines } from "./open-data";
import { CommentFormPage, EditCommentPage, ThreadPage } from "./pages";
import "./personal-data";
import type { Alignment } from "./queries";
import { loadThread } from "./section";
import { deleteComment, editComment, loadEditable, postComment, voteComment, type CommentResult, type Refusal } from "./service";
import { CommentItem, titleText } from "./views";

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const idParam = z.object({ id });
const streamParams = z.object({ type: z.string().regex(/^[a-z][a-z0-9_-]{0,59}$/), id });
const target = z.object({ resourceType: z.string().regex(/^[a-z][a-z0-9_-]{0,59}$/), resourceId: id, parentId: id.optional() });
const ALIGNMENTS: Record<string, Alignment> = { in_favour: 1, against: -1, neutral: 0 };
const VOTES: Record<string, Alignment> = { up: 1, down: -1, none: 0 };

/** Comments posted per person per minute; past it the form comes back with the text kept. */
export const POSTS_PER_MINUTE = 10;

const field = (body: unknown, name: string): string | undefined => {
  const v = body && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;
  return typeof v === "string" ? v : undefined;
};
const returnTo = (body: unknown): string | null => localPath(field(body, "return_to"));

/** What a refusal from `can()` becomes: sign in (and come back), or verify first. */
function answerRefusal(req: FastifyRequest, reply: FastifyReply, refusal: Refusal, back: string): FastifyReply {
  if (refusal.status === "pending") return redirectWithFlash(reply, refusal.verifyUrl, "info", req.ctx.t("permissions.pending"));
  if (refusal.status === "signIn") return redirectWithFlash(reply, `/users/sign-in?return_to=${encodeURIComponent(back)}`, "info", req.ctx.t(refusal.reason));
  return redirectWithFlash(reply, back, "error", req.ctx.t(refusal.reason, refusal.values));
}

/** The signed-in person, or off to sign in and back to the page the form was on. */
function signedIn(req: FastifyRequest, reply: FastifyReply): CurrentUser | null {
  if (req.ctx.user) return req.ctx.user;
  void redirectWithFlash(reply, `/users/sign-in?return_to=${encodeURIComponent(returnTo(req.body) ?? "/")}`, "info", req.ctx.t("error.signInRequired"));
  return null;
}

/** After a change to one comment: back where the form was, at the comment, or with the reason on failure. */
function afterChange(req: FastifyRequest, reply: FastifyReply, result: CommentResult<{ id: number; url: string }>, success: string): FastifyReply {
  const back = returnTo(req.body);
  if (!result.ok && "refusal" in result) return answerRefusal(req, reply, result.refusal, back ?? "/");
  if (!result.ok) {
    const first = Object.values(result.errors)[0];
    return redirectWithFlash(reply, back ?? "/", "error", first ? req.ctx.t(first.key, first.values) : req.ctx.t("error.forbidden.title"));
  }
  return redirectWithFlash(reply, `${back ?? result.value.url}#comment-${result.value.id}`, "success", success);
}

export async function commentRoutes(app: FastifyInstance): Promise<void> {
  const { db, pool, bus, config } = app.deps;
  // Every instance forgets a discussion's cached counts when any instance changes them (ADR 0025).
  const stopFollowing = followCountChanges(db, bus);
  app.addHook("onClose", async () => stopFollowing());
  const postLimit = app.createRateLimit({ max: POSTS_PER_MINUTE, timeWindow: 60_000, keyGenerator: (req) => `comments.post:${req.ctx.user?.id ?? req.ip}` });

  /** The form again, with the reason and the text as typed (a reply names whom it answers). */
  async function formAgain(req: FastifyRequest, reply: FastifyReply, user: CurrentUser, ref: { type: string; id: number }, parentId: number | undefined, errors: FieldErrors, status: number) {
    const d = await loadDiscussion(db, ref, user, returnTo(req.body));
    if (!d) throw notFound();
    const parent = parentId === undefined ? null : await parentAuthor(db, parentId);
    const values = { body: field(req.body, "body"), alignment: field(req.body, "alignment") };
    const page = <CommentFormPage ctx={req.ctx} d={d} parent={parent ? { id: parent.id, authorName: parent.authorName ?? req.ctx.t("accounts.deletedParticipant") } : undefined} values={values} errors={errors} />;
    return sendPage(req, reply, { title: req.ctx.t("comments.form.title"), status, body: page });
  }

  app.post("/comments", async (req, reply) => {
    const user = signedIn(req, reply);
    if (!user) return reply;
    const parsed = target.safeParse({ resourceType: field(req.body, "resourceType"), resourceId: field(req.body, "resourceId"), parentId: field(req.body, "parentId") || undefined });
    if (!parsed.success) throw notFound();
    const ref = { type: parsed.data.resourceType, id: parsed.data.resourceId };
    const alignmentValue = field(req.body, "alignment");
    const alignment = alignmentValue === undefined || alignmentValue === "" ? 0 : ALIGNMENTS[alignmentValue];
    if (alignment === undefined) return formAgain(req, reply, user, ref, parsed.data.parentId, { alignment: { key: "comments.errors.alignment" } }, 422);
    const verdict = await postLimit(req);
    if (!verdict.isAllowed && verdict.isExceeded) return formAgain(req, reply, user, ref, parsed.data.parentId, { _form: { key: "comments.errors.rateLimited" } }, 429);
    const result = await postComment(db, user, { ref, parentId: parsed.data.parentId, body: field(req.body, "body") ?? "", alignment }, { organizationMax: req.ctx.org.commentMaxLength, locale: req.ctx.locale });
    if (!result.ok && "refusal" in result) return answerRefusal(req, reply, result.refusal, returnTo(req.body) ?? "/");
    if (!result.ok) return formAgain(req, reply, user, ref, parsed.data.parentId, result.errors, result.status);
    return redirectWithFlash(reply, await postedLocation(db, result.value, returnTo(req.body)), "success", req.ctx.t("comments.flash.posted"));
  });

  app.get("/comments/:id/edit", async (req, reply) => {
    const user = requireUser(req, reply);
    if (!user) return reply;
    const params = idParam.safeParse(req.params);
    if (!params.success) throw notFound();
    const back = localPath((req.query as Record<string, unknown> | undefined)?.return_to);
    const editable = await loadEditable(db, user, params.data.id, req.ctx.org.commentMaxLength);
    if (!editable.ok) {
      const first = "errors" in editable ? Object.values(editable.errors)[0] : undefined;
      return redirectWithFlash(reply, back ?? "/", "error", first ? req.ctx.t(first.key, first.values) : req.ctx.t("error.forbidden.title"));
    }
    const { comment, until, maxLength, resource } = editable.value;
    return sendPage(req, reply, {
      title: req.ctx.t("comments.edit.title"),
      body: <EditCommentPage ctx={req.ctx} id={comment.id} body={comment.body} until={until} returnTo={back ?? resource.facts.url} maxLength={maxLength} />,
    });
  });

  app.post("/comments/:id/edit", async (req, reply) => {
    const user = signedIn(req, reply);
    if (!user) return reply;
    const params = idParam.safeParse(req.params);
    if (!params.success) throw notFound();
    const body = field(req.body, "body") ?? "";
    const result = await editComment(db, user, params.data.id, body, req.ctx.org.commentMaxLength);
    if (!result.ok && "errors" in result) {
      // Still editable (a too long text) or not any more: the typed text comes back either way.
      const editable = await loadEditable(db, user, params.data.id, req.ctx.org.commentMaxLength);
      const until = editable.ok ? editable.value.until : null;
      const maxLength = editable.ok ? editable.value.maxLength : req.ctx.org.commentMaxLength;
      return sendPage(req, reply, {
        title: req.ctx.t("comments.edit.title"),
        status: result.status,
        body: <EditCommentPage ctx={req.ctx} id={params.data.id} body={body} until={until} returnTo={returnTo(req.body) ?? "/"} maxLength={maxLength} errors={result.errors} />,
      });
    }
    return afterChange(req, reply, result, req.ctx.t("comments.flash.edited"));
  });

  app.post("/comments/:id/delete", async (req, reply) => {
    const user = signedIn(req, reply);
    if (!user) return reply;
    const params = idParam.safeParse(req.params);
    if (!params.success) throw notFound();
    return afterChange(req, reply, await deleteComment(db, user, params.data.id), req.ctx.t("comments.flash.deleted"));
  });

  app.post("/comments/:id/vote", async (req, reply) => {
    const user = signedIn(req, reply);
    if (!user) return reply;
    const params = idParam.safeParse(req.params);
    const value = VOTES[field(req.body, "value") ?? ""];
    if (!params.success || value === undefined) throw notFound();
    return afterChange(req, reply, await voteComment(db, user, params.data.id, value), req.ctx.t(value === 0 ? "comments.flash.unvoted" : "comments.flash.voted"));
  });

  // A thread's own page: its replies beyond those shown under the resource.
  app.get("/comments/:id/thread", async (req, reply) => {
    const params = idParam.safeParse(req.params);
    if (!params.success) throw notFound();
    const data = await loadThread(db, params.data.id, req.ctx.user, (req.query as Record<string, unknown> | undefined)?.page);
    if (!data) throw notFound();
    return sendPage(req, reply, { title: req.ctx.t("comments.thread.title", { title: titleText(req.ctx, data.title) }), body: <ThreadPage ctx={req.ctx} data={data} /> });
  });

  // One comment as HTML, for the live script (the page it is inserted in is `return_to`).
  app.get("/comments/:id/fragment", async (req, reply) => {
    const params = idParam.safeParse(req.params);
    if (!params.success) throw notFound();
    const found = await loadCommentFragment(db, params.data.id, req.ctx.user, localPath((req.query as Record<string, unknown> | undefined)?.return_to));
    if (!found) throw notFound();
    return reply
      .header("content-type", "text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .send(render(<CommentItem ctx={req.ctx} c={found.c} d={found.d} />));
  });

  // New comments of a discussion as they are posted: `{ id }` events.
  app.get("/comments/:type/:id/events", async (req, reply) => {
    const params = streamParams.safeParse(req.params);
    if (!params.success) throw notFound();
    const ref = { type: params.data.type, id: params.data.id };
    if (!(await loadDiscussion(db, ref, req.ctx.user, null))) throw notFound();
    streamTopic(req, reply, bus, commentsTopic(ref));
    return reply;
  });

  app.get("/open-data/comments.csv", async (_req, reply) =>
    reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="comments.csv"')
      .header("cache-control", "public, max-age=300")
      .send(Readable.from(commentCsvLines(pool, db, config.PUBLIC_URL))),
  );
}
