import { bigint, index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "../accounts/schema";
import { components, spaces } from "../spaces/schema";

/**
 * Who follows what: any resource of any component (`resource_type` + `resource_id`), or a whole space
 * (`resource_type` "space"). Followers are told of the events the resource's kind declares.
 */
export const follows = pgTable(
  "follows",
  {
    resourceType: text("resource_type").notNull(),
    resourceId: bigint("resource_id", { mode: "number" }).notNull(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The resource's component (null for a space); its deletion removes the follows. */
    componentId: bigint("component_id", { mode: "number" }).references(() => components.id, { onDelete: "cascade" }),
    spaceId: bigint("space_id", { mode: "number" }).references(() => spaces.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.resourceType, t.resourceId, t.userId] }), index("follows_user_idx").on(t.userId, t.createdAt)],
);

/** Endorsements ("likes") of resources whose component enables them. */
export const endorsements = pgTable(
  "endorsements",
  {
    resourceType: text("resource_type").notNull(),
    resourceId: bigint("resource_id", { mode: "number" }).notNull(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    componentId: bigint("component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.resourceType, t.resourceId, t.userId] }), index("endorsements_user_idx").on(t.userId)],
);

export type CoauthorshipStatus = "invited" | "accepted" | "declined";

/** Several authors for one resource: invited by an author, then accepted (or declined) by the invitee. */
export const coauthorships = pgTable(
  "coauthorships",
  {
    resourceType: text("resource_type").notNull(),
    resourceId: bigint("resource_id", { mode: "number" }).notNull(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    componentId: bigint("component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    status: text("status").$type<CoauthorshipStatus>().notNull().default("invited"),
    invitedBy: bigint("invited_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.resourceType, t.resourceId, t.userId] }), index("coauthorships_user_idx").on(t.userId, t.status)],
);
