/**
 * What the comments' routes read besides a discussion's page: the discussion a form came from (to show
 * it again with an error), one comment as a fragment for the live script, and where a comment lands
 * after it is posted.
 */
import type { Db } from "../../db/client";
import type { CurrentUser } from "../http/context";
import { resolveResource } from "../resources/access";
import type { ResourceRef } from "../resources/kinds";
import { findComment, loadCommentView, replyPosition, REPLIES_SHOWN, THREAD_PAGE_SIZE } from "./queries";
import { discussionContextFor, discussionUrl, nodeFor, threadUrl, type CommentNode, type DiscussionContext } from "./section";
import { commentsShown, type Posted } from "./service";

/** The discussion of `ref` for this reader (null: not theirs to see, or comments off). */
export async function loadDiscussion(db: Db, ref: ResourceRef, user: CurrentUser | null, viewUrl: string | null): Promise<DiscussionContext | null> {
  const r = await resolveResource(db, ref, user);
  if (!r || !commentsShown(r)) return null;
  return discussionContextFor(db, r, user, viewUrl ?? r.facts.url);
}

/** The author's name of a comment replied to (for the reply's own page). */
export async function parentAuthor(db: Db, id: number): Promise<{ id: number; authorName: string | null } | null> {
  const c = await loadCommentView(db, id, null);
  return c ? { id: c.id, authorName: c.authorName } : null;
}

/** One comment as the reader sees it on a page open at `viewUrl` (its replies are not included). */
export async function loadCommentFragment(db: Db, id: number, user: CurrentUser | null, viewUrl: string | null): Promise<{ c: CommentNode; d: DiscussionContext } | null> {
  const record = await findComment(db, id);
  if (!record || record.hidden) return null;
  const r = await resolveResource(db, record.ref, user);
  if (!r || !commentsShown(r)) return null;
  const [d, view] = await Promise.all([discussionContextFor(db, r, user, viewUrl ?? r.facts.url), loadCommentView(db, id, user?.id ?? null)]);
  if (!view) return null;
  return { c: nodeFor(view, d, r), d };
}

/** The path part of a same-site address ("/petitions/3?comments_page=2" → "/petitions/3"). */
const pathOf = (url: string): string => url.split(/[?#]/)[0] ?? url;

/**
 * Where to show a comment just posted: a new thread first among the most recent; a reply in the view
 * it was written from while its thread shows it there, else on its thread's page that holds it.
 */
export async function postedLocation(db: Db, posted: Posted, returnTo: string | null): Promise<string> {
  const view = returnTo ?? posted.url;
  if (posted.parentId === null) return `${discussionUrl(pathOf(view), "recent", 1)}#comment-${posted.id}`;
  const position = await replyPosition(db, posted.rootId, posted.id);
  if (position <= REPLIES_SHOWN && !pathOf(view).startsWith("/comments/")) return `${view}#comment-${posted.id}`;
  return `${threadUrl(posted.rootId, Math.ceil(position / THREAD_PAGE_SIZE))}#comment-${posted.id}`;
}
