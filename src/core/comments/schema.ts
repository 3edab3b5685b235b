import { sql } from "drizzle-orm";
import { type AnyPgColumn, bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "../accounts/schema";
import { components, spaces } from "../spaces/schema";

/**
 * Comments on any commentable resource (a component's resource kind, `resource_type` + `resource_id`),
 * in threads three levels deep. Plain text only; deleting one keeps its row (shown as deleted, replies
 * kept); a moderator's hide sets `hidden_at`.
 */
export const comments = pgTable(
  "comments",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    componentId: bigint("component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    spaceId: bigint("space_id", { mode: "number" })
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    resourceType: text("resource_type").notNull(),
    resourceId: bigint("resource_id", { mode: "number" }).notNull(),
    parentId: bigint("parent_id", { mode: "number" }).references((): AnyPgColumn => comments.id, { onDelete: "cascade" }),
    /** The thread's first comment (itself for a top-level comment). */
    rootId: bigint("root_id", { mode: "number" }),
    /** 0 for a top-level comment, 1 for a reply, 2 for a reply to a reply (the deepest). */
    depth: smallint("depth").notNull().default(0),
    /** Null once the author's account is deleted (the comment is kept, anonymised). */
    authorId: bigint("author_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    locale: text("locale"),
    /** The @mentions that named someone when the comment was written: handle (lower case) to account id. */
    mentions: jsonb("mentions").$type<Record<string, number>>().notNull().default({}),
    /** 1 in favour, -1 against, 0 neutral or not asked. */
    alignment: smallint("alignment").notNull().default(0),
    upVotes: integer("up_votes").notNull().default(0),
    downVotes: integer("down_votes").notNull().default(0),
    /** Top-level comments: how many replies the whole thread holds ("most discussed"). */
    repliesCount: integer("replies_count").notNull().default(0),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("comments_resource_roots_idx").on(t.resourceType, t.resourceId, t.id).where(sql`${t.parentId} is null`),
    // The first page of a discussion in each order reads an index, whatever the number of comments:
    // best rated (up - down, then newest) and most discussed (replies, then newest).
    index("comments_resource_best_idx").on(t.resourceType, t.resourceId, sql`(${t.upVotes} - ${t.downVotes})`, t.id).where(sql`${t.parentId} is null`),
    index("comments_resource_discussed_idx").on(t.resourceType, t.resourceId, t.repliesCount, t.id).where(sql`${t.parentId} is null`),
    // The counts shown above a discussion (comments, and top-level ones per side): an index-only scan.
    index("comments_resource_counts_idx").on(t.resourceType, t.resourceId, t.depth, t.alignment).where(sql`${t.deletedAt} is null and ${t.hiddenAt} is null`),
    index("comments_thread_idx").on(t.rootId, t.id),
    index("comments_author_idx").on(t.authorId),
    index("comments_component_idx").on(t.componentId, t.id),
  ],
);

/** Earlier versions of an edited comment, for moderators. */
export const commentVersions = pgTable(
  "comment_versions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    commentId: bigint("comment_id", { mode: "number" })
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    editorId: bigint("editor_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("comment_versions_comment_idx").on(t.commentId, t.id)],
);

/** Up (1) and down (-1) votes on comments, one per person. */
export const commentVotes = pgTable(
  "comment_votes",
  {
    commentId: bigint("comment_id", { mode: "number" })
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    value: smallint("value").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] }), index("comment_votes_user_idx").on(t.userId)],
);
