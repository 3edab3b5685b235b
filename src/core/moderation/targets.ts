/**
 * What can be reported and moderated: a resource of any kind a component declares (src/core/resources)
 * or a comment (`type` "comment"). A comment is placed, and seen, through the resource it is about:
 * who cannot see the resource cannot see, report or moderate its comments.
 */
import type { Db } from "../../db/client";
import type { CurrentUser } from "../http/context";
import type { MessageKey } from "../i18n/catalogues";
import type { Translatable } from "../i18n/locales";
import { resolveResource } from "../resources/access";
import { getResourceKind, type ResourceFacts, type ResourceRef } from "../resources/kinds";
import { loadComments } from "./comment-rows";

export const COMMENT = "comment";

/** A reportable thing as moderation sees it. */
export interface Target {
  type: string;
  id: number;
  spaceId: number;
  componentId: number | null;
  /** The kind's name in a sentence ("petition", "comment"). */
  label: MessageKey;
  /** A resource's title, or the first words of a comment. */
  title: string | Translatable;
  /** Its page (a comment: its resource's page, at the comment). */
  url: string;
  authorIds: number[];
}

/** Where a comment is shown on its resource's page (the comments' view gives each comment this id). */
export const commentAnchor = (id: number) => `comment-${id}`;

const excerpt = (body: string) => (body.length > 160 ? `${body.slice(0, 159).trimEnd()}…` : body);

/**
 * The thing as this person may see it, with whether they moderate its space; null when it does not
 * exist or is not theirs to see (a 404). A hidden comment is seen by its author and moderators only.
 */
export async function resolveTarget(db: Db, ref: ResourceRef, user: CurrentUser | null): Promise<{ target: Target; moderator: boolean; hidden: boolean } | null> {
  if (ref.type !== COMMENT) {
    const r = await resolveResource(db, ref, user);
    if (!r) return null;
    const { facts } = r;
    return { target: fromFacts(facts, r.kind.label), moderator: r.moderator, hidden: !facts.public };
  }
  const comment = (await loadComments(db, [ref.id])).get(ref.id);
  if (!comment || comment.deleted) return null;
  const r = await resolveResource(db, { type: comment.resourceType, id: comment.resourceId }, user);
  if (!r) return null;
  if (comment.hidden && !r.moderator && !(user && comment.authorId === user.id)) return null;
  return {
    target: {
      type: COMMENT,
      id: comment.id,
      spaceId: comment.spaceId,
      componentId: comment.componentId,
      label: "moderation.kind.comment",
      title: excerpt(comment.body),
      url: `${r.facts.url}#${commentAnchor(comment.id)}`,
      authorIds: comment.authorId === null ? [] : [comment.authorId],
    },
    moderator: r.moderator,
    hidden: comment.hidden,
  };
}

function fromFacts(facts: ResourceFacts, label: MessageKey): Target {
  return { type: facts.type, id: facts.id, spaceId: facts.spaceId, componentId: facts.componentId, label, title: facts.title, url: facts.url, authorIds: facts.authorIds };
}

const keyOf = (type: string, id: number) => `${type}:${id}`;

/**
 * Many things at once for the moderators' queue (no visibility check: the queue checks the space):
 * one query for the comments, then one per resource kind present, whatever the number of things.
 */
export async function loadTargets(db: Db, refs: ResourceRef[]): Promise<Map<string, Target>> {
  const out = new Map<string, Target>();
  const comments = await loadComments(db, refs.filter((r) => r.type === COMMENT).map((r) => r.id));
  const byType = new Map<string, Set<number>>();
  const want = (type: string, id: number) => {
    if (type === COMMENT) return;
    const set = byType.get(type) ?? new Set<number>();
    set.add(id);
    byType.set(type, set);
  };
  for (const r of refs) want(r.type, r.id);
  for (const c of comments.values()) want(c.resourceType, c.resourceId);
  const facts = new Map<string, ResourceFacts>();
  await Promise.all(
    [...byType].map(async ([type, ids]) => {
      const kind = getResourceKind(type);
      if (!kind) return;
      for (const [id, f] of await kind.load(db, [...ids])) facts.set(keyOf(type, id), f);
    }),
  );
  for (const r of refs) {
    if (r.type === COMMENT) {
      const c = comments.get(r.id);
      if (!c) continue;
      const parent = facts.get(keyOf(c.resourceType, c.resourceId));
      out.set(keyOf(COMMENT, c.id), {
        type: COMMENT,
        id: c.id,
        spaceId: c.spaceId,
        componentId: c.componentId,
        label: "moderation.kind.comment",
        title: excerpt(c.body),
        url: parent ? `${parent.url}#${commentAnchor(c.id)}` : "",
        authorIds: c.authorId === null ? [] : [c.authorId],
      });
      continue;
    }
    const f = facts.get(keyOf(r.type, r.id));
    const kind = getResourceKind(r.type);
    if (f && kind) out.set(keyOf(r.type, r.id), fromFacts(f, kind.label));
  }
  return out;
}

export { keyOf as targetKey };
