/**
 * The rules of commenting on any resource a component declares commentable: who may post (the
 * resource as the person may see it, the kit's step settings, then the `comment` action through
 * `can()` so attached verifications apply), how deep threads go, how long a comment may be, when
 * its author may still edit it, votes, and what posting tells others (the "commented" event, a live
 * event, an automatic follow), all in the posting transaction.
 */
import type { Db } from "../../db/client";
import { autoFollow } from "../follows/service";
import type { CurrentUser } from "../http/context";
import { notFound, type FieldErrors } from "../http/result";
import { notify } from "../notifications/outbox";
import { can, type Permission } from "../permissions/can";
import { CHANNEL } from "../realtime/bus";
import { resolveResource, type ResolvedResource } from "../resources/access";
import { asksAlignment, type ResourceRef } from "../resources/kinds";
import type { KitSettings } from "../resources/kit-settings";
import { COUNTS_TOPIC, forgetCounts } from "./counts-cache";
import { commentsTopic } from "./events";
import { findComment, MAX_DEPTH, type Alignment, type CommentRecord } from "./queries";
import { insertComment, lockParent, markDeleted, publishOnCommit, resolveHandles, setVote, updateBody } from "./store";
import { bodyLength, excerpt, mentionHandles, normaliseBody } from "./text";

/** The longest comment when neither the component nor the organization says. */
export const DEFAULT_MAX_LENGTH = 1000;

/** The component's limit, else the organization's, else 1,000 characters. */
export function commentMaxLength(settings: Pick<KitSettings, "commentsMaxLength">, organizationMax: number | null | undefined): number {
  if (settings.commentsMaxLength > 0) return settings.commentsMaxLength;
  if (organizationMax && organizationMax > 0) return organizationMax;
  return DEFAULT_MAX_LENGTH;
}

/** Whether the kind takes comments and the component's current step shows them. */
export function commentsShown(r: ResolvedResource): boolean {
  return Boolean(r.kind.comments) && r.settings.commentsEnabled;
}

export type Refusal = Exclude<Permission, { status: "ok" }>;

export type CommentResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors; status: 403 | 422 } | { ok: false; refusal: Refusal };

type Invalid<S extends 403 | 422> = { ok: false; errors: FieldErrors; status: S };
function invalid(errors: FieldErrors): Invalid<422>;
function invalid<S extends 403 | 422>(errors: FieldErrors, status: S): Invalid<S>;
function invalid(errors: FieldErrors, status: 403 | 422 = 422): Invalid<403 | 422> {
  return { ok: false, errors, status };
}

/**
 * May this person write in this discussion now? The kit's settings first (a read-only discussion says
 * so to everyone), then the resource (only a public one is open), then `can(user, "comment")`.
 */
export async function writePermission(db: Db, r: ResolvedResource, user: CurrentUser | null): Promise<{ ok: true } | Invalid<403> | { ok: false; refusal: Refusal }> {
  if (!commentsShown(r)) return invalid({ _form: { key: "comments.errors.disabled" } }, 403);
  if (r.settings.commentsBlocked) return invalid({ _form: { key: "comments.errors.blocked" } }, 403);
  if (!r.facts.public) return invalid({ _form: { key: "comments.errors.closed" } }, 403);
  const permission = await can(user, "comment", { space: r.space, component: r.component, resource: r.facts.permissionResource }, { db, returnTo: r.facts.url, access: r.access });
  if (permission.status === "ok") return { ok: true };
  if (permission.status === "unauthorized") return invalid({ _form: { key: permission.reason, ...(permission.values ? { values: permission.values } : {}) } }, 403);
  return { ok: false, refusal: permission };
}

function checkBody(body: string, max: number): FieldErrors | null {
  if (body.length === 0) return { body: { key: "validation.required" } };
  if (bodyLength(body) > max) return { body: { key: "validation.tooLong", values: { max } } };
  return null;
}

export interface PostInput {
  ref: ResourceRef;
  parentId?: number | undefined;
  body: string;
  alignment?: Alignment | undefined;
}

export interface Posted {
  id: number;
  rootId: number;
  parentId: number | null;
  /** The resource's page. */
  url: string;
}

/** Posts a comment or a reply; a resource the person may not see is a 404 (thrown). */
export async function postComment(db: Db, user: CurrentUser, input: PostInput, opts: { organizationMax: number; locale: string | null }): Promise<CommentResult<Posted>> {
  const r = await resolveResource(db, input.ref, user);
  if (!r) throw notFound();
  const allowed = await writePermission(db, r, user);
  if (!allowed.ok) return allowed;
  const body = normaliseBody(input.body);
  const bodyErrors = checkBody(body, commentMaxLength(r.settings, opts.organizationMax));
  if (bodyErrors) return invalid(bodyErrors);
  const replying = input.parentId !== undefined;
  const alignment: Alignment = !replying && asksAlignment(r.kind) ? (input.alignment ?? 0) : 0;
  const mentions = await resolveHandles(db, mentionHandles(body));
  const ref: ResourceRef = { type: input.ref.type, id: input.ref.id };

  const outcome = await db.transaction(async (tx) => {
    let parent: Awaited<ReturnType<typeof lockParent>> = null;
    if (input.parentId !== undefined) {
      parent = await lockParent(tx, input.parentId);
      if (!parent || parent.ref.type !== ref.type || parent.ref.id !== ref.id || parent.gone) return invalid({ _form: { key: "comments.errors.parentGone" } });
      if (parent.depth >= MAX_DEPTH) return invalid({ _form: { key: "comments.errors.tooDeep" } });
    }
    const created = await insertComment(tx, {
      ref,
      componentId: r.component.id,
      spaceId: r.space.id,
      authorId: user.id,
      body,
      locale: opts.locale,
      alignment,
      mentions,
      parent: parent ? { id: parent.id, rootId: parent.rootId, depth: parent.depth } : null,
    });
    await autoFollow(tx, user.id, ref, { componentId: r.component.id, spaceId: r.space.id });
    const mentioned = [...new Set(Object.values(mentions))].filter((id) => id !== user.id);
    const parentAuthor = parent?.authorId && parent.authorId !== user.id ? [parent.authorId] : [];
    await notify(tx, ref, "commented", { actorId: user.id, values: { commentId: created.id, excerpt: excerpt(body) }, recipients: { mentioned, parentAuthor } });
    await publishOnCommit(tx, CHANNEL, commentsTopic(ref), { id: created.id });
    await publishOnCommit(tx, CHANNEL, COUNTS_TOPIC, ref);
    return { ok: true as const, value: { id: created.id, rootId: parent ? parent.rootId : created.id, parentId: parent?.id ?? null, url: r.facts.url } };
  });
  if (outcome.ok) forgetCounts(db, ref);
  return outcome;
}

/** A comment of this person, with its resource as they may see it; anything else is a 404 (thrown). */
async function ownComment(db: Db, user: CurrentUser, id: number): Promise<{ comment: CommentRecord; r: ResolvedResource }> {
  const comment = await findComment(db, id);
  if (!comment || comment.authorId !== user.id) throw notFound();
  const r = await resolveResource(db, comment.ref, user);
  if (!r || !commentsShown(r)) throw notFound();
  return { comment, r };
}

/** Until when the author may edit this comment (null: no longer, or never in this component). */
export function editableUntil(createdAt: Date, settings: Pick<KitSettings, "commentEditWindowMinutes">, now = Date.now()): Date | null {
  const until = createdAt.getTime() + settings.commentEditWindowMinutes * 60_000;
  return until > now ? new Date(until) : null;
}

export interface Editable {
  comment: CommentRecord;
  resource: ResolvedResource;
  until: Date;
  maxLength: number;
}

/** The author's comment while it may still be edited (for the edit form), or why not. */
export async function loadEditable(db: Db, user: CurrentUser, id: number, organizationMax: number): Promise<CommentResult<Editable>> {
  const { comment, r } = await ownComment(db, user, id);
  if (comment.deleted || comment.hidden) return invalid({ _form: { key: "comments.errors.gone" } }, 403);
  if (r.settings.commentsBlocked) return invalid({ _form: { key: "comments.errors.blocked" } }, 403);
  const until = editableUntil(comment.createdAt, r.settings);
  if (!until) return invalid({ _form: { key: "comments.errors.editWindow", values: { minutes: r.settings.commentEditWindowMinutes } } }, 403);
  return { ok: true, value: { comment, resource: r, until, maxLength: commentMaxLength(r.settings, organizationMax) } };
}

/** Changes the text within the edit window; the previous text is kept for moderators. */
export async function editComment(db: Db, user: CurrentUser, id: number, rawBody: string, organizationMax: number): Promise<CommentResult<Posted>> {
  const editable = await loadEditable(db, user, id, organizationMax);
  if (!editable.ok) return editable;
  const { comment, resource, maxLength } = editable.value;
  const body = normaliseBody(rawBody);
  const errors = checkBody(body, maxLength);
  if (errors) return invalid(errors);
  const mentions = await resolveHandles(db, mentionHandles(body));
  if (body !== comment.body) await db.transaction((tx) => updateBody(tx, comment.id, user.id, body, mentions));
  return { ok: true, value: { id: comment.id, rootId: comment.rootId, parentId: comment.parentId, url: resource.facts.url } };
}

/** Deletes the author's comment: "Deleted comment" is shown in its place, its replies stay. */
export async function deleteComment(db: Db, user: CurrentUser, id: number): Promise<CommentResult<Posted>> {
  const { comment, r } = await ownComment(db, user, id);
  if (comment.deleted) return invalid({ _form: { key: "comments.errors.gone" } }, 403);
  await db.transaction(async (tx) => {
    await markDeleted(tx, comment.id);
    await publishOnCommit(tx, CHANNEL, COUNTS_TOPIC, { type: comment.ref.type, id: comment.ref.id });
  });
  forgetCounts(db, comment.ref);
  return { ok: true, value: { id: comment.id, rootId: comment.rootId, parentId: comment.parentId, url: r.facts.url } };
}

/** Votes a comment up (1) or down (-1), or withdraws the vote (0); not on one's own comment. */
export async function voteComment(db: Db, user: CurrentUser, id: number, value: Alignment): Promise<CommentResult<Posted>> {
  const comment = await findComment(db, id);
  if (!comment || comment.hidden) throw notFound();
  const r = await resolveResource(db, comment.ref, user);
  if (!r || !commentsShown(r)) throw notFound();
  const located = { id: comment.id, rootId: comment.rootId, parentId: comment.parentId, url: r.facts.url };
  if (comment.authorId === user.id) return invalid({ _form: { key: "comments.errors.ownVote" } }, 403);
  if (comment.deleted) return invalid({ _form: { key: "comments.errors.gone" } }, 403);
  const allowed = await writePermission(db, r, user);
  if (!allowed.ok) return allowed;
  await db.transaction((tx) => setVote(tx, comment.id, user.id, value));
  return { ok: true, value: located };
}
