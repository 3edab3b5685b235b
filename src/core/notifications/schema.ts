import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "../accounts/schema";

/**
 * In-app notifications: one row per recipient. The text is a message key with its values, rendered
 * in the reader's language when shown (so a notification follows a change of language).
 */
export const notifications = pgTable(
  "notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** What happened, for filtering and grouping ("petition.state.published"). */
    kind: text("kind").notNull(),
    /** A message key and its values. */
    message: text("message").notNull(),
    values: jsonb("values").$type<Record<string, string | number>>().notNull().default({}),
    /** Values that are themselves message keys (a state's name), translated when shown. */
    keyedValues: jsonb("keyed_values").$type<Record<string, string>>().notNull().default({}),
    /** Where the notification leads (a path on this platform). */
    url: text("url").notNull(),
    /** The resource it is about (its kind's `resource_type` and id), for "stop following" links. */
    resourceType: text("resource_type"),
    resourceId: bigint("resource_id", { mode: "number" }),
    /** Waiting for the person's next daily or weekly digest mail. */
    digestPending: boolean("digest_pending").notNull().default(false),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.id),
    index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
    index("notifications_digest_idx").on(t.userId, t.id).where(sql`${t.digestPending}`),
  ],
);

/**
 * The transactional outbox of events: `notify(tx, resource, event)` writes one row in the caller's
 * transaction; the relay (a pg-boss job) fans it out to the recipients the event declares, outside
 * the request, and deletes it.
 */
export const eventOutbox = pgTable("event_outbox", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  /** "<resource kind>.<event>" as declared by the kind ("petition.published", "comment.created"). */
  event: text("event").notNull(),
  resourceType: text("resource_type").notNull(),
  resourceId: bigint("resource_id", { mode: "number" }).notNull(),
  /** Who caused it (never notified of their own action). */
  actorId: bigint("actor_id", { mode: "number" }),
  /** Values for the messages, plus extra recipients (mentioned people, a parent comment's author). */
  values: jsonb("values").$type<Record<string, string | number>>().notNull().default({}),
  extraRecipients: jsonb("extra_recipients").$type<Record<string, number[]>>().notNull().default({}),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Mail outbox: written in the caller's transaction, handed to the mail job queue in batches by the
 * relay, so a request costs one insert and never waits on the job queue.
 */
export const mailOutbox = pgTable("mail_outbox", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  to: text("to").notNull(),
  subject: text("subject").notNull(),
  text: text("text").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
