/**
 * Reading comments: a page of a discussion (its threads with their first replies, in one statement),
 * its counts (an index-only scan), a thread's replies page by page, one comment. Every read reaches
 * the index of its order, so the first page costs the same with ten comments and with ten thousand.
 * Hidden comments (moderation, or a blocked author) and deleted ones never carry their text out of here.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { ResourceRef } from "../resources/kinds";

export const COMMENT_SORTS = ["oldest", "recent", "best", "discussed"] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];

/** Top-level comments per page of a discussion. */
export const THREADS_PER_PAGE = 20;
/** Replies shown under each thread on the discussion's page; the rest are on the thread's own pages. */
export const REPLIES_SHOWN = 10;
/** Replies per page of a thread's own page. */
export const THREAD_PAGE_SIZE = 50;
/** The deepest level: 0 top-level, 1 a reply, 2 a reply to a reply. */
export const MAX_DEPTH = 2;

export type Alignment = -1 | 0 | 1;

export interface CommentView {
  id: number;
  parentId: number | null;
  rootId: number;
  depth: number;
  authorId: number | null;
  /** The author's name; null for a deleted account or an anonymised comment ("Deleted participant"). */
  authorName: string | null;
  /** Empty when deleted or hidden. */
  body: string;
  mentions: Record<string, number>;
  alignment: Alignment;
  upVotes: number;
  downVotes: number;
  repliesCount: number;
  edited: boolean;
  deleted: boolean;
  /** Hidden by moderation, or its author is blocked. */
  hidden: boolean;
  createdAt: Date;
  /** The reader's own vote: 1, -1, or 0. */
  myVote: Alignment;
}

type Row = {
  id: string;
  parent_id: string | null;
  root_id: string | null;
  depth: number;
  author_id: string | null;
  author_name: string | null;
  author_deleted: boolean | null;
  body: string;
  mentions: Record<string, number> | null;
  alignment: number;
  up_votes: number;
  down_votes: number;
  replies_count: number;
  edited: boolean;
  deleted: boolean;
  hidden: boolean;
  created_at: string | Date;
  my_vote: number | null;
};

const sign = (n: number | null): Alignment => (n === null || n === 0 ? 0 : n > 0 ? 1 : -1);

function toView(r: Row): CommentView {
  return {
    id: Number(r.id),
    parentId: r.parent_id === null ? null : Number(r.parent_id),
    rootId: r.root_id === null ? Number(r.id) : Number(r.root_id),
    depth: Number(r.depth),
    authorId: r.author_id === null ? null : Number(r.author_id),
    authorName: r.author_id === null || r.author_deleted ? null : r.author_name,
    body: r.body,
    mentions: r.mentions ?? {},
    alignment: sign(r.alignment),
    upVotes: Number(r.up_votes),
    downVotes: Number(r.down_votes),
    repliesCount: Number(r.replies_count),
    edited: r.edited,
    deleted: r.deleted,
    hidden: r.hidden,
    createdAt: new Date(r.created_at),
    myVote: sign(r.my_vote),
  };
}

/** The columns every view of a comment reads, on `comments c` joined to `users u` (and `v`, the reader's vote). */
const COLUMNS = sql`c.id, c.parent_id, c.root_id, c.depth, c.author_id, u.name as author_name, u.deleted_at is not null as author_deleted,
  case when c.deleted_at is not null or c.hidden_at is not null or u.blocked_at is not null then '' else c.body end as body,
  case when c.deleted_at is not null or c.hidden_at is not null or u.blocked_at is not null then '{}'::jsonb else c.mentions end as mentions,
  c.alignment, c.up_votes, c.down_votes, c.replies_count, c.edited_at is not null as edited, c.deleted_at is not null as deleted,
  (c.hidden_at is not null or coalesce(u.blocked_at is not null, false)) as hidden, c.created_at`;

/** A comment is shown unless hidden (by moderation, or its author is blocked). */
const SHOWN = sql`(c.hidden_at is null and not exists (select 1 from users b where b.id = c.author_id and b.blocked_at is not null))`;

function orderOf(sort: CommentSort): SQL {
  switch (sort) {
    case "oldest":
      return sql`c.id asc`;
    case "recent":
      return sql`c.id desc`;
    // Both read their index backwards (newest first among equals).
    case "best":
      return sql`(c.up_votes - c.down_votes) desc, c.id desc`;
    case "discussed":
      return sql`c.replies_count desc, c.id desc`;
  }
}

/** The same order in memory (the statement returns threads and replies together). */
export function compareRoots(sort: CommentSort): (a: CommentView, b: CommentView) => number {
  switch (sort) {
    case "oldest":
      return (a, b) => a.id - b.id;
    case "recent":
      return (a, b) => b.id - a.id;
    case "best":
      return (a, b) => b.upVotes - b.downVotes - (a.upVotes - a.downVotes) || b.id - a.id;
    case "discussed":
      return (a, b) => b.repliesCount - a.repliesCount || b.id - a.id;
  }
}

/** The reader's vote on each comment: a lookup per comment for an account, nothing to look up for a visitor. */
const myVote = (viewerId: number | null): SQL =>
  viewerId === null ? sql`null::smallint as my_vote` : sql`(select v.value from comment_votes v where v.comment_id = c.id and v.user_id = ${viewerId}) as my_vote`;

/**
 * One page of a discussion: `limit` top-level comments in `sort` order from `offset` (a hidden one only
 * when replies hang from it, to keep them in place), each with its first `replies` replies (by date,
 * so every reply's parent is among them), and the reader's votes. One statement.
 */
export async function loadDiscussionPage(db: Db, ref: ResourceRef, viewerId: number | null, opts: { sort: CommentSort; offset: number; limit: number; replies: number }): Promise<CommentView[]> {
  const rows = await db.execute<Row>(sql`
    with roots as (
      select c.id from comments c
      where c.resource_type = ${ref.type} and c.resource_id = ${ref.id} and c.parent_id is null and (c.replies_count > 0 or ${SHOWN})
      order by ${orderOf(opts.sort)}
      limit ${opts.limit} offset ${opts.offset}
    ), picked as (
      select r.id from roots r
      union all
      select x.id from roots r cross join lateral (
        select c.id from comments c where c.root_id = r.id and c.id <> r.id order by c.id limit ${opts.replies}
      ) x
    )
    select ${COLUMNS}, ${myVote(viewerId)}
    from picked p join comments c on c.id = p.id
    left join users u on u.id = c.author_id`);
  return rows.rows.map(toView);
}

export interface DiscussionCounts {
  /** Comments shown (not deleted, not hidden by moderation), replies included. */
  total: number;
  /** Top-level comments by side. */
  inFavour: number;
  against: number;
  neutral: number;
}

/** The discussion's counts, from an index-only scan (no table rows are read). */
export async function loadDiscussionCounts(db: Db, ref: ResourceRef): Promise<DiscussionCounts> {
  const rows = await db.execute<{ depth: number; alignment: number; n: string }>(sql`
    select depth, alignment, count(*) as n from comments
    where resource_type = ${ref.type} and resource_id = ${ref.id} and deleted_at is null and hidden_at is null
    group by depth, alignment`);
  const counts: DiscussionCounts = { total: 0, inFavour: 0, against: 0, neutral: 0 };
  for (const r of rows.rows) {
    const n = Number(r.n);
    counts.total += n;
    if (Number(r.depth) !== 0) continue;
    if (r.alignment > 0) counts.inFavour += n;
    else if (r.alignment < 0) counts.against += n;
    else counts.neutral += n;
  }
  return counts;
}

/** A thread: its first comment, and one page of its replies by date (with the reader's votes). */
export async function loadThreadPage(db: Db, rootId: number, viewerId: number | null, opts: { offset: number; limit: number }): Promise<CommentView[]> {
  const rows = await db.execute<Row>(sql`
    with picked as (
      select ${rootId}::bigint as id
      union all
      (select c.id from comments c where c.root_id = ${rootId} and c.id <> ${rootId} order by c.id limit ${opts.limit} offset ${opts.offset})
    )
    select ${COLUMNS}, ${myVote(viewerId)}
    from picked p join comments c on c.id = p.id
    left join users u on u.id = c.author_id
    order by c.id`);
  return rows.rows.map(toView);
}

/** The authors' names of these comments (for "in reply to" on a thread's later pages). */
export async function authorNames(db: Db, commentIds: number[]): Promise<Map<number, string | null>> {
  if (commentIds.length === 0) return new Map();
  const rows = await db.execute<{ id: string; name: string | null; gone: boolean }>(sql`
    select c.id, u.name, (u.id is null or u.deleted_at is not null) as gone
    from comments c left join users u on u.id = c.author_id where c.id = any(${sql.param(commentIds)}::bigint[])`);
  return new Map(rows.rows.map((r) => [Number(r.id), r.gone ? null : r.name]));
}

/** One comment as the reader sees it (with their vote), or null. */
export async function loadCommentView(db: Db, id: number, viewerId: number | null): Promise<CommentView | null> {
  const rows = await db.execute<Row>(sql`
    select ${COLUMNS}, v.value as my_vote
    from comments c left join users u on u.id = c.author_id
    left join comment_votes v on v.comment_id = c.id and v.user_id = ${viewerId ?? 0}
    where c.id = ${id}`);
  const [row] = rows.rows;
  return row ? toView(row) : null;
}

/** What the write paths need about a comment: its place, author, state and its stored text. */
export interface CommentRecord {
  id: number;
  ref: ResourceRef;
  componentId: number;
  spaceId: number;
  parentId: number | null;
  rootId: number;
  depth: number;
  authorId: number | null;
  body: string;
  createdAt: Date;
  deleted: boolean;
  hidden: boolean;
}

export async function findComment(db: Db, id: number): Promise<CommentRecord | null> {
  const rows = await db.execute<{
    id: string;
    resource_type: string;
    resource_id: string;
    component_id: string;
    space_id: string;
    parent_id: string | null;
    root_id: string | null;
    depth: number;
    author_id: string | null;
    body: string;
    created_at: string | Date;
    deleted: boolean;
    hidden: boolean;
  }>(sql`
    select c.id, c.resource_type, c.resource_id, c.component_id, c.space_id, c.parent_id, c.root_id, c.depth, c.author_id, c.body, c.created_at,
      c.deleted_at is not null as deleted, ${sql`not ${SHOWN}`} as hidden
    from comments c where c.id = ${id}`);
  const [r] = rows.rows;
  if (!r) return null;
  return {
    id: Number(r.id),
    ref: { type: r.resource_type, id: Number(r.resource_id) },
    componentId: Number(r.component_id),
    spaceId: Number(r.space_id),
    parentId: r.parent_id === null ? null : Number(r.parent_id),
    rootId: r.root_id === null ? Number(r.id) : Number(r.root_id),
    depth: Number(r.depth),
    authorId: r.author_id === null ? null : Number(r.author_id),
    body: r.body,
    createdAt: new Date(r.created_at),
    deleted: r.deleted,
    hidden: r.hidden,
  };
}

/** Where a reply sits in its thread (1 for the first reply), for the page it lands on. */
export async function replyPosition(db: Db, rootId: number, replyId: number): Promise<number> {
  const rows = await db.execute<{ n: string }>(sql`select count(*) as n from comments where root_id = ${rootId} and id <> ${rootId} and id <= ${replyId}`);
  return Number(rows.rows[0]?.n ?? 0);
}

/** A comment's earlier texts, oldest first (for moderators: what an edit replaced). */
export async function loadCommentVersions(db: Db, commentId: number): Promise<Array<{ body: string; replacedAt: Date }>> {
  const rows = await db.execute<{ body: string; created_at: string | Date }>(sql`select body, created_at from comment_versions where comment_id = ${commentId} order by id limit 100`);
  return rows.rows.map((r) => ({ body: r.body, replacedAt: new Date(r.created_at) }));
}
