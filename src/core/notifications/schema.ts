import { sql } from "drizzle-orm";
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
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
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.id), index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`)],
);
