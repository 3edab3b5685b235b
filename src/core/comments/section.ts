/**
 * Everything a resource page needs to show its discussion, for any component: `loadCommentsSection`
 * resolves the resource for the reader, decides what they may do (post, reply, vote, edit, delete),
 * and reads one page of threads and the counts: a fixed number of queries whatever the size of the
 * discussion. Null means no comments section at all (comments off, or not the reader's to see).
 */
import type { Db } from "../../db/client";
import type { CurrentUser } from "../http/context";
import type { FieldErrors } from "../http/result";
import { getOrganization } from "../organization/service";
import { canSeeResource, resolveResource, type ResolvedResource } from "../resources/access";
import { asksAlignment, commentsLayout, getResourceKind, type CommentsLayout, type ResourceFacts, type ResourceRef } from "../resources/kinds";
import { kitSettings } from "../resources/kit-settings";
import { currentSettings } from "../components/settings";
import { loadSpaceAccess } from "../permissions/access";
import type { ComponentRecord, SpaceRecord } from "../spaces/types";
import {
  authorNames,
  compareRoots,
  COMMENT_SORTS,
  findComment,
  loadDiscussionPage,
  loadThreadPage,
  MAX_DEPTH,
  REPLIES_SHOWN,
  THREAD_PAGE_SIZE,
  THREADS_PER_PAGE,
  type CommentSort,
  type CommentView,
  type DiscussionCounts,
} from "./queries";
import { discussionCounts } from "./counts-cache";
import { commentMaxLength, commentsShown, editableUntil, writePermission, type Refusal } from "./service";

export interface CommentNode extends CommentView {
  children: CommentNode[];
  /** Replies of this thread not shown here (top-level comments on a discussion's page). */
  more: number;
  /** Shown under a thread's later page although its parent is on an earlier one. */
  inReplyTo?: string | null;
  canReply: boolean;
  canVote: boolean;
  canDelete: boolean;
  /** Until when its author may still edit it; null when they may not. */
  editUntil: Date | null;
}

/** Whether the reader may write here, and if not, what the page offers instead. */
export type WriteState = { ok: true } | { ok: false; errors: FieldErrors } | { ok: false; refusal: Refusal };

export interface DiscussionContext {
  ref: ResourceRef;
  /** The resource's title and page. */
  title: ResolvedResource["facts"]["title"];
  url: string;
  /** Where the discussion is shown (forms come back here), with its sort and page. */
  viewUrl: string;
  alignment: boolean;
  /** One list, or in favour and against side by side with neutral below (the kind's choice). */
  layout: CommentsLayout;
  /** Read-only: comments blocked in the component's current step. */
  blocked: boolean;
  write: WriteState;
  maxLength: number;
  viewerId: number | null;
  /** The reader moderates this space (hide buttons next to comments). */
  moderator: boolean;
  /** The live stream of new comments. */
  eventsUrl: string;
}

export interface CommentsSectionData extends DiscussionContext {
  /** The address sort links and pages start from (the resource's page). */
  path: string;
  sort: CommentSort;
  page: number;
  hasNext: boolean;
  threads: CommentNode[];
  counts: DiscussionCounts;
}

export interface SectionOptions {
  /** From the query string as it came (anything unknown is the default). */
  sort?: unknown;
  page?: unknown;
  /** The page showing the discussion, when not the resource's own address (e.g. under its space). */
  path?: string | undefined;
  /**
   * The space and component the page already loaded (saves reading them again), and the resource's
   * facts when the page read them too (saves reading the resource twice; ignored unless they are this
   * resource's, in this space and component).
   */
  place?: { space: SpaceRecord; component: ComponentRecord; facts?: ResourceFacts | undefined } | undefined;
}

export const parseSort = (value: unknown): CommentSort => (COMMENT_SORTS.includes(value as CommentSort) ? (value as CommentSort) : "oldest");
/** Pages beyond this are refused (offsets stay bounded). */
export const MAX_PAGE = 500;
export const parsePage = (value: unknown): number => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_PAGE) : 1;
};

/** The resource for this reader, reusing the space and component the page has in hand. */
async function resolveWith(db: Db, ref: ResourceRef, user: CurrentUser | null, place: SectionOptions["place"]): Promise<ResolvedResource | null> {
  const kind = getResourceKind(ref.type);
  if (!place || !kind) return resolveResource(db, ref, user);
  const given = place.facts && place.facts.type === ref.type && place.facts.id === ref.id ? place.facts : undefined;
  const facts = given ?? (await kind.load(db, [ref.id])).get(ref.id);
  if (!facts) return null;
  if (facts.componentId !== place.component.id || facts.spaceId !== place.space.id) return resolveResource(db, ref, user);
  const access = await loadSpaceAccess(db, user, place.space.id);
  if (!canSeeResource(facts, place.space, place.component, access, user)) return null;
  const moderator = access.orgAdmin || access.roles.includes("admin") || access.roles.includes("moderator");
  return { kind, facts, space: place.space, component: place.component, access, settings: kitSettings(currentSettings(place.component, place.space)), moderator };
}

/** What every view of a discussion needs: its resource, what the reader may do, its limits. */
export async function discussionContextFor(db: Db, r: ResolvedResource, user: CurrentUser | null, viewUrl: string): Promise<DiscussionContext> {
  const [write, org] = await Promise.all([writePermission(db, r, user), getOrganization(db)]);
  const ref = { type: r.facts.type, id: r.facts.id };
  return {
    ref,
    title: r.facts.title,
    url: r.facts.url,
    viewUrl,
    alignment: asksAlignment(r.kind),
    layout: commentsLayout(r.kind),
    blocked: r.settings.commentsBlocked,
    write: write.ok ? { ok: true } : "refusal" in write ? { ok: false, refusal: write.refusal } : { ok: false, errors: write.errors },
    maxLength: commentMaxLength(r.settings, org.commentMaxLength),
    viewerId: user?.id ?? null,
    moderator: r.moderator,
    eventsUrl: `/comments/${encodeURIComponent(ref.type)}/${ref.id}/events`,
  };
}

/** A comment with what the reader may do with it. */
export function nodeFor(c: CommentView, d: DiscussionContext, r: ResolvedResource): CommentNode {
  const own = d.viewerId !== null && c.authorId === d.viewerId;
  const live = !c.deleted && !c.hidden;
  return {
    ...c,
    children: [],
    more: 0,
    canReply: d.write.ok && live && c.depth < MAX_DEPTH,
    canVote: d.write.ok && live && !own && d.viewerId !== null,
    canDelete: own && !c.deleted,
    editUntil: own && live && !d.blocked ? editableUntil(c.createdAt, r.settings) : null,
  };
}

/** Hidden comments go, unless replies hang from them (a placeholder keeps the thread's shape). */
function prune(nodes: CommentNode[]): CommentNode[] {
  return nodes.flatMap((n) => {
    n.children = prune(n.children);
    return n.hidden && n.children.length === 0 ? [] : [n];
  });
}

/** Threads from rows (top-level comments in `sort` order, replies by date under their parent). */
function buildThreads(rows: CommentView[], sort: CommentSort, d: DiscussionContext, r: ResolvedResource): CommentNode[] {
  const byId = new Map<number, CommentNode>();
  for (const row of rows) byId.set(row.id, nodeFor(row, d, r));
  const roots = [...byId.values()].filter((n) => n.parentId === null).sort(compareRoots(sort));
  const loaded = new Map<number, number>();
  for (const n of [...byId.values()].filter((x) => x.parentId !== null).sort((a, b) => a.id - b.id)) {
    const parent = byId.get(n.parentId ?? 0) ?? byId.get(n.rootId);
    if (!parent) continue;
    parent.children.push(n);
    loaded.set(n.rootId, (loaded.get(n.rootId) ?? 0) + 1);
  }
  for (const root of roots) root.more = Math.max(0, root.repliesCount - (loaded.get(root.id) ?? 0));
  return prune(roots);
}

const withQuery = (path: string, params: Record<string, string | number | undefined>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}${path.includes("?") ? "&" : "?"}${s}` : path;
};

/** The address of a discussion's view (defaults left out). */
export function discussionUrl(path: string, sort: CommentSort, page: number): string {
  return withQuery(path, { comments_sort: sort === "oldest" ? undefined : sort, comments_page: page > 1 ? page : undefined });
}

/** A thread's own page. */
export const threadUrl = (rootId: number, page = 1): string => withQuery(`/comments/${rootId}/thread`, { page: page > 1 ? page : undefined });

/**
 * A resource's discussion as this reader sees it, or null when there is none to show (the kind takes
 * no comments, the component's step switched them off, or the resource is not the reader's to see).
 * Queries: the resource (its facts, the reader's access, and the space and component unless `place`
 * gives them), then the page of threads and the counts, and the verification checks of `comment`.
 */
export async function loadCommentsSection(db: Db, ref: ResourceRef, user: CurrentUser | null, opts: SectionOptions = {}): Promise<CommentsSectionData | null> {
  const r = await resolveWith(db, ref, user, opts.place);
  if (!r || !commentsShown(r)) return null;
  const sort = parseSort(opts.sort);
  const page = parsePage(opts.page);
  const path = opts.path ?? r.facts.url;
  const [d, rows, counts] = await Promise.all([
    discussionContextFor(db, r, user, discussionUrl(path, sort, page)),
    loadDiscussionPage(db, ref, user?.id ?? null, { sort, offset: (page - 1) * THREADS_PER_PAGE, limit: THREADS_PER_PAGE + 1, replies: REPLIES_SHOWN }),
    discussionCounts(db, ref),
  ]);
  const threads = buildThreads(rows, sort, d, r);
  // One thread more than a page was read to know whether another page follows.
  const roots = rows.filter((c) => c.parentId === null).sort(compareRoots(sort));
  const hasNext = roots.length > THREADS_PER_PAGE;
  const extra = hasNext ? roots[THREADS_PER_PAGE]?.id : undefined;
  return { ...d, path, sort, page, hasNext, threads: threads.filter((t) => t.id !== extra), counts };
}

export interface ThreadData extends DiscussionContext {
  root: CommentNode;
  page: number;
  hasNext: boolean;
}

/** A thread's own page: its first comment and one page of its replies. Null: not the reader's to see. */
export async function loadThread(db: Db, rootId: number, user: CurrentUser | null, pageValue: unknown): Promise<ThreadData | null> {
  const page = parsePage(pageValue);
  const record = await findComment(db, rootId);
  if (!record || record.parentId !== null) return null;
  const r = await resolveResource(db, record.ref, user);
  if (!r || !commentsShown(r)) return null;
  const [d, rows] = await Promise.all([
    discussionContextFor(db, r, user, threadUrl(rootId, page)),
    loadThreadPage(db, rootId, user?.id ?? null, { offset: (page - 1) * THREAD_PAGE_SIZE, limit: THREAD_PAGE_SIZE + 1 }),
  ]);
  const first = rows.find((c) => c.id === rootId);
  if (!first) return null;
  const replies = rows.filter((c) => c.id !== rootId).sort((a, b) => a.id - b.id);
  const hasNext = replies.length > THREAD_PAGE_SIZE;
  const root = nodeFor(first, d, r);
  const byId = new Map<number, CommentNode>([[rootId, root]]);
  const shown = replies.slice(0, THREAD_PAGE_SIZE).map((c) => nodeFor(c, d, r));
  for (const n of shown) byId.set(n.id, n);
  const orphans: CommentNode[] = [];
  for (const n of shown) {
    const parent = n.parentId === null ? undefined : byId.get(n.parentId);
    if (parent) parent.children.push(n);
    else orphans.push(n);
  }
  // Replies whose parent is on an earlier page hang from the thread's first comment, saying whom they answer.
  if (orphans.length > 0) {
    const names = await authorNames(db, orphans.map((o) => o.parentId ?? rootId));
    for (const o of orphans) {
      o.inReplyTo = names.get(o.parentId ?? rootId) ?? null;
      root.children.push(o);
    }
    root.children.sort((a, b) => a.id - b.id);
  }
  root.children = prune(root.children);
  return { ...d, root, page, hasNext };
}
