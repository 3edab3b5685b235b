/**
 * Results (accountability): what became of a process's contributions. A result may have sub-results
 * (MAX_DEPTH levels); a leaf's progress is set by hand, a parent's is the mean of its children's,
 * recomputed in the transaction of every change (progress.ts). Statuses are per component and may imply
 * a progress; a result's timeline records dated updates. Links name the resources a result comes
 * from by the core's resource kinds (`{type, id}`: proposals, later budgets' projects).
 */
import { type AnyPgColumn, bigint, bigserial, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { categories, scopes } from "../../core/categories/schema";
import type { Translatable } from "../../core/i18n/locales";
import { components } from "../../core/spaces/schema";

/** A status of one component ("Planned 0 %", "In progress 50 %", "Done 100 %"); the defaults are created on first read. */
export const resultStatuses = pgTable(
  "result_statuses",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    componentId: bigint("component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    /** A stable identifier ("done"), used by the CSV import and the API. */
    token: text("token").notNull(),
    name: jsonb("name").$type<Translatable>().notNull(),
    /** The progress a result takes when it gets this status and no progress is given. */
    progress: integer("progress"),
    weight: integer("weight").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("result_statuses_component_token_key").on(t.componentId, t.token)],
);

export const results = pgTable(
  "results",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    componentId: bigint("component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    parentId: bigint("parent_id", { mode: "number" }).references((): AnyPgColumn => results.id, { onDelete: "cascade" }),
    /** The identifier of another system (CSV import matches on it), unique in the component. */
    externalId: text("external_id"),
    title: jsonb("title").$type<Translatable>().notNull(),
    description: jsonb("description").$type<Translatable>().notNull().default({}),
    categoryId: bigint("category_id", { mode: "number" }).references(() => categories.id, { onDelete: "set null" }),
    scopeId: bigint("scope_id", { mode: "number" }).references(() => scopes.id, { onDelete: "set null" }),
    startDate: date("start_date", { mode: "string" }),
    endDate: date("end_date", { mode: "string" }),
    statusId: bigint("status_id", { mode: "number" }).references(() => resultStatuses.id, { onDelete: "set null" }),
    /** 0–100; a parent's is the mean of its children's (null while none has one). */
    progress: doublePrecision("progress"),
    weight: integer("weight").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("results_component_idx").on(t.componentId, t.parentId, t.weight, t.id),
    index("results_parent_idx").on(t.parentId),
    uniqueIndex("results_component_external_key").on(t.componentId, t.externalId),
  ],
);

/** What a result comes from: any resource kind of the installation, by `(type, id)`. */
export const resultLinks = pgTable(
  "result_links",
  {
    resultId: bigint("result_id", { mode: "number" })
      .notNull()
      .references(() => results.id, { onDelete: "cascade" }),
    resourceType: text("resource_type").notNull(),
    resourceId: bigint("resource_id", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.resultId, t.resourceType, t.resourceId] }), index("result_links_resource_idx").on(t.resourceType, t.resourceId)],
);

/** The timeline: dated updates, each optionally changing the result's status or progress. */
export const resultUpdates = pgTable(
  "result_updates",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    resultId: bigint("result_id", { mode: "number" })
      .notNull()
      .references(() => results.id, { onDelete: "cascade" }),
    entryDate: date("entry_date", { mode: "string" }).notNull(),
    text: jsonb("text").$type<Translatable>().notNull(),
    statusId: bigint("status_id", { mode: "number" }).references(() => resultStatuses.id, { onDelete: "set null" }),
    progress: doublePrecision("progress"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("result_updates_result_idx").on(t.resultId, t.entryDate.desc(), t.id.desc())],
);

export type ResultRow = typeof results.$inferSelect;
