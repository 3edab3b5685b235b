import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "../accounts/schema";
import type { Translatable } from "../i18n/locales";

/** Who a newsletter goes to: every subscriber, or the subscribers connected to some spaces. */
export type NewsletterAudience = { kind: "all" } | { kind: "spaces"; spaceIds: number[] };
export type NewsletterStatus = "draft" | "sent";

export const newsletters = pgTable("newsletters", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  subject: jsonb("subject").$type<Translatable>().notNull(),
  /** Markdown per language: the text part as written, the HTML part rendered and sanitised. */
  body: jsonb("body").$type<Translatable>().notNull(),
  status: text("status").$type<NewsletterStatus>().notNull().default("draft"),
  audience: jsonb("audience").$type<NewsletterAudience>(),
  recipients: integer("recipients").notNull().default(0),
  sentAt: timestamp("sent_at", { withTimezone: true }),
  createdBy: bigint("created_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One row per recipient, written when the newsletter is sent (so the audience is fixed at that
 * moment); a background job hands them to the mail queue in batches and dates each hand-off.
 */
export const newsletterDeliveries = pgTable(
  "newsletter_deliveries",
  {
    newsletterId: bigint("newsletter_id", { mode: "number" })
      .notNull()
      .references(() => newsletters.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    queuedAt: timestamp("queued_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.newsletterId, t.userId] }), index("newsletter_deliveries_pending_idx").on(t.newsletterId, t.queuedAt)],
);

export type NewsletterRow = typeof newsletters.$inferSelect;
