import { type AnyPgColumn, bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { Translatable } from "../i18n/locales";
import { spaces } from "../spaces/schema";

/** A space's categories, one level of sub-categories, translatable; components attach them to resources. */
export const categories = pgTable(
  "categories",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    spaceId: bigint("space_id", { mode: "number" })
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    parentId: bigint("parent_id", { mode: "number" }).references((): AnyPgColumn => categories.id, { onDelete: "cascade" }),
    name: jsonb("name").$type<Translatable>().notNull(),
    description: jsonb("description").$type<Translatable>().notNull().default({}),
    weight: integer("weight").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("categories_space_idx").on(t.spaceId, t.weight)],
);

/** The organization's scopes (municipalities, school sites...), nested, with an optional code. */
export const scopes = pgTable(
  "scopes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    parentId: bigint("parent_id", { mode: "number" }).references((): AnyPgColumn => scopes.id, { onDelete: "cascade" }),
    name: jsonb("name").$type<Translatable>().notNull(),
    /** What kind of scope (municipality, school site), translatable. */
    scopeType: jsonb("scope_type").$type<Translatable>().notNull().default({}),
    code: text("code"),
    weight: integer("weight").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("scopes_code_key").on(t.code), index("scopes_parent_idx").on(t.parentId, t.weight)],
);
