import { bigint, bigserial, index, inet, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Every administrative action: who, what, on which resource, when, and the values before and after. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorId: bigint("actor_id", { mode: "number" }),
    action: text("action").notNull(),
    resourceType: text("resource_type").notNull(),
    resourceId: text("resource_id"),
    spaceId: bigint("space_id", { mode: "number" }),
    before: jsonb("before").$type<unknown>(),
    after: jsonb("after").$type<unknown>(),
    ip: inet("ip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt), index("audit_log_resource_idx").on(t.resourceType, t.resourceId)],
);
