import { sql } from "drizzle-orm";
import { bigint, bigserial, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "../accounts/schema";
import { components, spaces } from "../spaces/schema";

/**
 * One row per reported resource or comment (`resource_type` "comment" for comments): its reports'
 * count, whether it is hidden, and when a moderator last reviewed it. Past the organization's
 * threshold of reports from different people it is hidden until reviewed.
 */
export const moderations = pgTable(
  "moderations",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    spaceId: bigint("space_id", { mode: "number" })
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    componentId: bigint("component_id", { mode: "number" }).references(() => components.id, { onDelete: "cascade" }),
    resourceType: text("resource_type").notNull(),
    resourceId: bigint("resource_id", { mode: "number" }).notNull(),
    reportCount: integer("report_count").notNull().default(0),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    /** Hidden automatically (threshold) or by a moderator. */
    hiddenBy: bigint("hidden_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("moderations_resource_key").on(t.resourceType, t.resourceId),
    index("moderations_space_idx").on(t.spaceId, t.updatedAt),
    index("moderations_pending_idx").on(t.spaceId).where(sql`${t.reviewedAt} is null`),
  ],
);

export type ReportReason = "spam" | "offensive" | "does_not_belong" | "other";

/** A person's report of a resource or comment (one per person and thing). */
export const reports = pgTable(
  "reports",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    moderationId: bigint("moderation_id", { mode: "number" })
      .notNull()
      .references(() => moderations.id, { onDelete: "cascade" }),
    /** Null once the reporter's account is deleted (the report still counts). */
    userId: bigint("user_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").$type<ReportReason>().notNull(),
    details: text("details"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("reports_moderation_user_key").on(t.moderationId, t.userId), index("reports_user_idx").on(t.userId)],
);
