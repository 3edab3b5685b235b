/**
 * Debates: discussion areas of a space (the school budgets' committees). A debate is opened by the
 * organization in the back office (translatable texts, `authorId` null) or by a participant when the
 * step allows it (one language, named by `language`). Closing it records a conclusion; its comments
 * (the participation kit's, for / against / neutral) are then read-only.
 */
import { sql } from "drizzle-orm";
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "../../core/accounts/schema";
import type { Locale, Translatable } from "../../core/i18n/locales";
import { components } from "../../core/spaces/schema";

export const debates = pgTable(
  "debates",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    componentId: bigint("component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    /** The participant who opened it; null for a debate of the organization. */
    authorId: bigint("author_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    title: jsonb("title").$type<Translatable>().notNull(),
    description: jsonb("description").$type<Translatable>().notNull(),
    /** How to take part (the organization's debates only). */
    instructions: jsonb("instructions").$type<Translatable>().notNull().default({}),
    /** The language a participant wrote in; the first one given for the organization's. */
    language: text("language").$type<Locale>().notNull(),
    startAt: timestamp("start_at", { withTimezone: true }),
    endAt: timestamp("end_at", { withTimezone: true }),
    /** Closed: the conclusion is shown first and comments are read-only. */
    closedAt: timestamp("closed_at", { withTimezone: true }),
    conclusion: jsonb("conclusion").$type<Translatable>().notNull().default({}),
    closedBy: bigint("closed_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    /** Hidden by moderation: out of every public list and page. */
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("debates_listed_idx").on(t.componentId, t.createdAt.desc(), t.id.desc()).where(sql`hidden_at is null`),
    index("debates_author_idx").on(t.authorId),
  ],
);

export type DebateRow = typeof debates.$inferSelect;
