/**
 * Draws by lot of an assembly's members (issue 17). A sortition component holds draws; each draw has
 * its own pool (the people of an uploaded register or list of volunteers), its quotas, the panel size,
 * the algorithm, and its public randomness: a commitment fixed in advance ("the EuroMillions numbers of
 * 12 December", or the SHA-256 of dice rolled in public) and the value entered once known, which is
 * the engine's beacon (src/engines/sortition/README.md, protocol pnyx-sortition-draw/1).
 *
 * Personal data is kept apart from what the draw uses: `sortition_pool_people` holds each person's
 * categories and a pseudonymous household number (what the public record shows), and
 * `sortition_pool_contacts` their name, email and whether they agreed to show their name. The record
 * is built from the first table only, so it never touches a name or an address. (Encryption at rest
 * of the contacts and their deletion after the retention period are a later step.)
 */
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "../../core/accounts/schema";
import type { Translatable } from "../../core/i18n/locales";
import { components } from "../../core/spaces/schema";

export const DRAW_STATUSES = ["draft", "running", "done", "failed", "cancelled", "published"] as const;
export type DrawStatus = (typeof DRAW_STATUSES)[number];
export const DRAW_ALGORITHMS = ["leximin", "legacy"] as const;
export type DrawAlgorithm = (typeof DRAW_ALGORITHMS)[number];

/** One feature value's seats, as the engine reads them (category, feature, min, max). */
export interface DrawQuota {
  category: string;
  feature: string;
  min: number;
  max: number;
}

/** The solver's last progress report, for the admin's progress page. */
export interface DrawProgress {
  phase: string;
  iterations: number;
  minProbability: number | null;
  fixed?: number;
  types?: number;
  at: string;
}

/** A finished draw: the panel as 1-based pool row numbers, every person's probability (by row), the quotas met. */
export interface DrawResult {
  panel: number[];
  probabilities: number[];
  minProbability: number;
  gini: number;
  estimated: boolean;
  levels?: number;
  iterations: number;
  lotteryPanels: number;
  lotteryExact: boolean;
  quotaFill: Array<{ category: string; feature: string; min: number; max: number; selected: number; ok: boolean }>;
  ms: number;
}

export const sortitionDraws = pgTable(
  "sortition_draws",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    componentId: bigint("component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    title: jsonb("title").$type<Translatable>().notNull(),
    status: text("status").$type<DrawStatus>().notNull().default("draft"),
    k: integer("k").notNull(),
    algorithm: text("algorithm").$type<DrawAlgorithm>().notNull().default("leximin"),
    quotas: jsonb("quotas").$type<DrawQuota[]>().notNull(),
    /** The categories, in the order of the pool snapshot's columns. */
    categories: jsonb("categories").$type<string[]>().notNull(),
    /** The household rule: the register's address columns (people equal on all of them are one household); empty when off. */
    householdColumns: jsonb("household_columns").$type<string[]>().notNull().default([]),
    poolSize: integer("pool_size").notNull(),
    /** The public randomness, announced before the draw: what it will be and when it is taken. */
    commitment: text("commitment").notNull().default(""),
    /** The value of the public randomness (the engine's beacon), entered when known. */
    randomness: text("randomness"),
    randomnessAt: timestamp("randomness_at", { withTimezone: true }),
    /** The engine's inputs of the seed (protocol, beacon, canonical file hashes, algorithm, k, ...) and the seed. */
    seedInputs: jsonb("seed_inputs").$type<Record<string, unknown>>(),
    seed: text("seed"),
    engineVersion: text("engine_version"),
    progress: jsonb("progress").$type<DrawProgress>(),
    result: jsonb("result").$type<DrawResult>(),
    error: text("error"),
    cancelRequestedAt: timestamp("cancel_requested_at", { withTimezone: true }),
    requestedBy: bigint("requested_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    durationMs: integer("duration_ms"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    seatedAt: timestamp("seated_at", { withTimezone: true }),
  },
  (t) => [index("sortition_draws_component_idx").on(t.componentId, t.createdAt.desc())],
);

/** The pool as the draw sees it: categories by 1-based row of the uploaded file, and a pseudonymous household number. */
export const sortitionPoolPeople = pgTable(
  "sortition_pool_people",
  {
    drawId: bigint("draw_id", { mode: "number" })
      .notNull()
      .references(() => sortitionDraws.id, { onDelete: "cascade" }),
    row: integer("row").notNull(),
    /** The person's value in each category, in the draw's `categories` order. */
    features: jsonb("features").$type<string[]>().notNull(),
    /** People of one household share a number (1, 2, ... by first appearance); null when alone or the rule is off. */
    household: integer("household"),
  },
  (t) => [primaryKey({ columns: [t.drawId, t.row] })],
);

/** Personal data of the pool, apart from the categories (never read by the record). */
export const sortitionPoolContacts = pgTable(
  "sortition_pool_contacts",
  {
    drawId: bigint("draw_id", { mode: "number" })
      .notNull()
      .references(() => sortitionDraws.id, { onDelete: "cascade" }),
    row: integer("row").notNull(),
    /** The id in the uploaded file (its id column), else the row number. */
    externalId: text("external_id").notNull(),
    name: text("name"),
    email: text("email"),
    /** Agreed to have their name shown on the assembly's page. */
    showName: boolean("show_name").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.drawId, t.row] }), index("sortition_pool_contacts_draw_idx").on(t.drawId)],
);

export type DrawRow = typeof sortitionDraws.$inferSelect;
