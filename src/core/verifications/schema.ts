import { sql } from "drizzle-orm";
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "../accounts/schema";
import { spaces } from "../spaces/schema";

/**
 * What a person has proven, per handler and (for space-bound handlers such as a census) per space.
 * `uniqueId` is an HMAC of what identifies the real person (a census entry): it stops two accounts
 * from claiming the same entry without storing the entry itself.
 */
export const authorizations = pgTable(
  "verification_authorizations",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    handler: text("handler").notNull(),
    spaceId: bigint("space_id", { mode: "number" }).references(() => spaces.id, { onDelete: "cascade" }),
    uniqueId: text("unique_id"),
    metadata: jsonb("metadata").$type<Record<string, string | number>>().notNull().default({}),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One authorization per person, handler and scope (a null space is the organization-wide scope).
    uniqueIndex("verification_authorizations_user_key").on(t.handler, sql`coalesce(${t.spaceId}, 0)`, t.userId),
    uniqueIndex("verification_authorizations_unique_id_key").on(t.handler, sql`coalesce(${t.spaceId}, 0)`, t.uniqueId).where(sql`${t.uniqueId} is not null`),
    index("verification_authorizations_granted_idx").on(t.grantedAt),
  ],
);

/** The kind of second attribute a census list asks for besides the identifier. */
export type CensusSecondAttribute = "birth_date" | "text";

/** One census list per space: what it asks for and when it was last replaced. */
export const censusLists = pgTable("census_lists", {
  spaceId: bigint("space_id", { mode: "number" })
    .primaryKey()
    .references(() => spaces.id, { onDelete: "cascade" }),
  secondAttribute: text("second_attribute").$type<CensusSecondAttribute>().notNull(),
  entryCount: integer("entry_count").notNull(),
  uploadedBy: bigint("uploaded_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
  uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A census entry, kept only as an HMAC of its normalised identifier and second attribute. */
export const censusEntries = pgTable(
  "census_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    spaceId: bigint("space_id", { mode: "number" })
      .notNull()
      .references(() => censusLists.spaceId, { onDelete: "cascade" }),
    entryHash: text("entry_hash").notNull(),
  },
  (t) => [uniqueIndex("census_entries_key").on(t.spaceId, t.entryHash)],
);
