/**
 * Participatory budgets. A budgets component holds one or more budgets (an amount, a currency, a ballot
 * kind and its rules); each budget has projects with a cost; people fill a ballot (add and remove
 * projects freely) and check it out; staff enter paper ballots, confirmed by a second person; when
 * voting closes an administrator computes an outcome with one of the budgeting engine's rules in a
 * worker and publishes it, with the rule and the digest of its inputs so anyone can recompute it.
 *
 * Ballot kinds (pabulib's `vote_type`): `knapsack` (approval within the budget, Decidim's rules),
 * `approval` (any number, or at most N), `cumulative` (spread K points), `ordinal` (rank up to N).
 * A ballot's items carry `points` (1 for knapsack and approval; the points given for cumulative) and
 * `rank` (1 = first, ordinal only).
 */
import { bigint, bigserial, doublePrecision, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { users } from "../../core/accounts/schema";
import { categories, scopes } from "../../core/categories/schema";
import type { Translatable } from "../../core/i18n/locales";
import { components } from "../../core/spaces/schema";

export const VOTE_TYPES = ["knapsack", "approval", "cumulative", "ordinal"] as const;
export type VoteType = (typeof VOTE_TYPES)[number];

/** The ballot's rules; which apply depends on the vote type (see ballot rules in the component). */
export interface BallotRules {
  /** knapsack: the ballot must spend at least this % of the total. */
  minPercent?: number;
  /** knapsack ("vote for N to M projects") and approval: at least this many projects. */
  minProjects?: number;
  /** knapsack ("vote for N to M projects") and approval ("at most N"): at most this many projects. */
  maxProjects?: number;
  /** cumulative: the points to spread. */
  maxPoints?: number;
  /** cumulative: at most this many points on one project. */
  maxPointsPerProject?: number;
  /** ordinal: rank at most this many projects (and at least minProjects). */
  maxLength?: number;
}

export const budgets = pgTable(
  "budgets",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    componentId: bigint("component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    title: jsonb("title").$type<Translatable>().notNull(),
    description: jsonb("description").$type<Translatable>().notNull().default({}),
    /** The amount to spend, in `currency` units. */
    total: numeric("total", { precision: 20, scale: 2, mode: "number" }).notNull(),
    /** ISO 4217 ("EUR", "USD", "PLN"). */
    currency: text("currency").notNull().default("EUR"),
    scopeId: bigint("scope_id", { mode: "number" }).references(() => scopes.id, { onDelete: "set null" }),
    voteType: text("vote_type").$type<VoteType>().notNull().default("knapsack"),
    rules: jsonb("rules").$type<BallotRules>().notNull().default({}),
    /** A pabulib file's whole META section, kept by `pnyx budgets import` and written back by export. */
    meta: jsonb("meta").$type<Record<string, string>>().notNull().default({}),
    weight: integer("weight").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("budgets_component_idx").on(t.componentId, t.weight, t.id)],
);

export const budgetProjects = pgTable(
  "budget_projects",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    budgetId: bigint("budget_id", { mode: "number" })
      .notNull()
      .references(() => budgets.id, { onDelete: "cascade" }),
    /** Denormalised from the budget: the participation kit resolves a resource's component from it. */
    componentId: bigint("component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    /** The project's id in a pabulib file (kept by import, written by export); unique in the budget. */
    externalId: text("external_id"),
    title: jsonb("title").$type<Translatable>().notNull(),
    description: jsonb("description").$type<Translatable>().notNull().default({}),
    cost: numeric("cost", { precision: 20, scale: 2, mode: "number" }).notNull(),
    categoryId: bigint("category_id", { mode: "number" }).references(() => categories.id, { onDelete: "set null" }),
    scopeId: bigint("scope_id", { mode: "number" }).references(() => scopes.id, { onDelete: "set null" }),
    address: text("address"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    /** Where it comes from (a proposal imported from the development step), by the core's resource kinds. */
    sourceType: text("source_type"),
    sourceId: bigint("source_id", { mode: "number" }),
    /** A pabulib PROJECTS row's other columns (category names, target, votes as published...). */
    extra: jsonb("extra").$type<Record<string, string>>().notNull().default({}),
    weight: integer("weight").notNull().default(0),
    /** Hidden by moderation (the participation kit's reports). */
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("budget_projects_budget_idx").on(t.budgetId, t.weight, t.id),
    index("budget_projects_component_idx").on(t.componentId),
    uniqueIndex("budget_projects_budget_external_key").on(t.budgetId, t.externalId),
    index("budget_projects_source_idx").on(t.sourceType, t.sourceId),
  ],
);

export const BALLOT_CHANNELS = ["online", "paper", "import"] as const;
export type BallotChannel = (typeof BALLOT_CHANNELS)[number];

/**
 * One person's ballot in one budget (online), or one paper ballot, or one vote of an imported pabulib
 * file. Online: a draft until `checkedOutAt`; only checked-out ballots count. Paper: counted once a
 * second member of staff has confirmed it (`confirmedAt`).
 */
export const budgetBallots = pgTable(
  "budget_ballots",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    budgetId: bigint("budget_id", { mode: "number" })
      .notNull()
      .references(() => budgets.id, { onDelete: "cascade" }),
    /** The voter (online); null for paper and imported ballots, and once the voter's account is erased. */
    userId: bigint("user_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    channel: text("channel").$type<BallotChannel>().notNull().default("online"),
    /** The voter's id in an imported file, or a paper ballot's sheet number: an external reference only. */
    voterRef: text("voter_ref"),
    /** Paper ballots: where they were cast. */
    pollingPlace: text("polling_place"),
    checkedOutAt: timestamp("checked_out_at", { withTimezone: true }),
    /** Paper ballots: who entered it and who confirmed it (another person). */
    enteredBy: bigint("entered_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    confirmedBy: bigint("confirmed_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    /** An imported vote's other columns (age, sex, voting method...). */
    extra: jsonb("extra").$type<Record<string, string>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("budget_ballots_budget_user_key").on(t.budgetId, t.userId).where(sql`${t.userId} is not null`),
    uniqueIndex("budget_ballots_budget_ref_key").on(t.budgetId, t.channel, t.voterRef).where(sql`${t.voterRef} is not null`),
    index("budget_ballots_budget_idx").on(t.budgetId, t.checkedOutAt),
    index("budget_ballots_user_idx").on(t.userId),
  ],
);

export const budgetBallotItems = pgTable(
  "budget_ballot_items",
  {
    ballotId: bigint("ballot_id", { mode: "number" })
      .notNull()
      .references(() => budgetBallots.id, { onDelete: "cascade" }),
    projectId: bigint("project_id", { mode: "number" })
      .notNull()
      .references(() => budgetProjects.id, { onDelete: "cascade" }),
    /** 1 for knapsack and approval; the points given (cumulative). */
    points: integer("points").notNull().default(1),
    /** Ordinal ballots: 1 = first choice. */
    rank: integer("rank"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ballotId, t.projectId] }), index("budget_ballot_items_project_idx").on(t.projectId)],
);

/** The workflow "vote in one budget assigned at random": which budget each person drew. */
export const budgetAssignments = pgTable(
  "budget_assignments",
  {
    componentId: bigint("component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    budgetId: bigint("budget_id", { mode: "number" })
      .notNull()
      .references(() => budgets.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.componentId, t.userId] })],
);

export const OUTCOME_RULES = ["greedy", "greedy-threshold", "mes-add1"] as const;
export type OutcomeRule = (typeof OUTCOME_RULES)[number];
export const OUTCOME_STATUSES = ["queued", "running", "done", "failed"] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

/** Why a project was or was not selected (what the results page and the API show). */
export interface OutcomeProject {
  /** The project's id as in the pabulib file (its `externalId`, else its database id). */
  id: string;
  projectId: number;
  cost: number;
  votes: number;
  /** Points (cumulative, ordinal scores) when the ballots carry them. */
  score?: number;
  selected: boolean;
  /** MES: the round it was bought in (1-based), the price per supporter and its effective support. */
  round?: number;
  pricePerVoter?: number;
  effectiveSupport?: number;
  /** greedy: the position in the order of votes; an unselected project: the budget left when its turn came. */
  position?: number;
  leftWhenConsidered?: number;
  /** greedy-threshold: below the threshold. */
  belowThreshold?: boolean;
  /** A tie was broken for it (by cost, votes, id). */
  tie?: boolean;
}

export interface OutcomeResult {
  rule: OutcomeRule;
  selected: string[];
  projects: OutcomeProject[];
  spent: number;
  ballots: number;
  /** MES: the per-voter budget of the returned run. */
  endowment?: number;
  threshold?: number;
}

/**
 * An outcome computed (in a worker, never on the request path) with a rule; published ones are what the
 * results page and `GET /api/budgets/:budgetId/results` show. `inputsDigest` is the SHA-256 of the
 * pabulib export the computation read, so the open-data file lets anyone recompute it.
 */
export const budgetOutcomes = pgTable(
  "budget_outcomes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    budgetId: bigint("budget_id", { mode: "number" })
      .notNull()
      .references(() => budgets.id, { onDelete: "cascade" }),
    rule: text("rule").$type<OutcomeRule>().notNull(),
    /** Options of the rule (greedy-threshold: the threshold in votes). */
    options: jsonb("options").$type<{ threshold?: number }>().notNull().default({}),
    status: text("status").$type<OutcomeStatus>().notNull().default("queued"),
    inputsDigest: text("inputs_digest"),
    result: jsonb("result").$type<OutcomeResult>(),
    error: text("error"),
    durationMs: integer("duration_ms"),
    requestedBy: bigint("requested_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    computedAt: timestamp("computed_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
  },
  (t) => [index("budget_outcomes_budget_idx").on(t.budgetId, t.createdAt.desc())],
);

export type BudgetRow = typeof budgets.$inferSelect;
export type BudgetProjectRow = typeof budgetProjects.$inferSelect;
export type BudgetBallotRow = typeof budgetBallots.$inferSelect;
export type BudgetOutcomeRow = typeof budgetOutcomes.$inferSelect;
