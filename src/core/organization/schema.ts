import { integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { Locale, Translatable } from "../i18n/locales";
import type { ThemeTokens } from "../theme/tokens";

/** One organization per installation (a single row, id 1). */
export const organizations = pgTable("organizations", {
  id: integer("id").primaryKey().default(1),
  name: jsonb("name").$type<Translatable>().notNull(),
  description: jsonb("description").$type<Translatable>().notNull().default({}),
  host: text("host").notNull().default("localhost"),
  defaultLocale: text("default_locale").$type<Locale>().notNull().default("fr"),
  availableLocales: jsonb("available_locales").$type<Locale[]>().notNull().default(["fr", "nl", "en", "de"]),
  theme: jsonb("theme").$type<Partial<ThemeTokens>>().notNull().default({}),
  /** The terms of use people accept at registration (Markdown, per language), shown at /terms. */
  termsOfUse: jsonb("terms_of_use").$type<Translatable>().notNull().default({}),
  /** Reports from different people after which a resource or comment is hidden until reviewed. */
  reportThreshold: integer("report_threshold").notNull().default(3),
  /** The longest comment, unless a component sets its own. */
  commentMaxLength: integer("comment_max_length").notNull().default(1000),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
