import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { components } from "../../core/spaces/schema";
import type { Translatable } from "../../core/i18n/locales";

/**
 * A documentation page of a pages component: translatable title and body (Markdown), ordered. The
 * table also holds generated search vectors, `search_<locale>` with GIN indexes (migration 0017),
 * left out of this declaration so whole-row selects never fetch them.
 */
export const pages = pgTable(
  "pages",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    componentId: bigint("component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    title: jsonb("title").$type<Translatable>().notNull(),
    /** Markdown per language; rendered and sanitised on display, never trusted as HTML. */
    body: jsonb("body").$type<Translatable>().notNull().default({}),
    format: text("format").$type<"markdown" | "html">().notNull().default("markdown"),
    weight: integer("weight").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("pages_component_idx").on(t.componentId, t.weight)],
);
