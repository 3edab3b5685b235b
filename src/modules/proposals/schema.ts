/**
 * Proposals: per-component answer states, proposals and their supports.
 *
 * Also in the migration, by hand (not declared here, so whole-row selects never fetch them):
 * - `search_<locale>` stored vectors with GIN indexes (the reader's language stemmed plus every
 *   language's exact words, as spaces and pages: src/core/search/text.ts);
 * - `pg_trgm` and one trigram index per language on the published titles (similar proposals);
 * - triggers keeping `comments_count` and `follows_count` in step with the participation kit's
 *   `comments` and `follows` rows of type "proposal", in the same transaction as the change.
 */
import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "../../core/accounts/schema";
import { categories, scopes } from "../../core/categories/schema";
import type { Locale, Translatable } from "../../core/i18n/locales";
import { components } from "../../core/spaces/schema";

/**
 * An answer state of one component (the admin adds, renames and recolours them). The three defaults
 * (`evaluating`, `accepted`, `rejected`) are created with the component's first use and cannot be
 * removed: `rejected` asks for an answer text and closes supports, `accepted` takes a cost and an
 * execution period.
 */
export const proposalStates = pgTable(
  "proposal_states",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    componentId: bigint("component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    /** A stable identifier ("accepted"), never shown. */
    token: text("token").notNull(),
    name: jsonb("name").$type<Translatable>().notNull(),
    /** The badge's colours (checked for contrast when saved). */
    bgColor: text("bg_color").notNull(),
    textColor: text("text_color").notNull(),
    weight: integer("weight").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("proposal_states_component_token_key").on(t.componentId, t.token)],
);

/**
 * What public lists show: published and not hidden by moderation (withdrawn ones are a filter). The
 * lists spell out the same predicate, so the planner proves each partial index applies.
 */
const LISTED = sql`published_at is not null and hidden_at is null`;

/**
 * A proposal. A participant writes in one language (`language`; title and body hold that one key);
 * an official proposal of the organization may carry every language (`language` is then the first
 * one given). Drafts have no `published_at`. The public answer is `state_id` once
 * `state_published_at` is set; until then it is the admins' internal evaluation.
 */
export const proposals = pgTable(
  "proposals",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    componentId: bigint("component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    /** Who wrote it (co-authors are the kit's coauthorships); null for an official proposal. */
    authorId: bigint("author_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    official: boolean("official").notNull().default(false),
    title: jsonb("title").$type<Translatable>().notNull(),
    body: jsonb("body").$type<Translatable>().notNull(),
    language: text("language").$type<Locale>().notNull(),
    categoryId: bigint("category_id", { mode: "number" }).references(() => categories.id, { onDelete: "set null" }),
    scopeId: bigint("scope_id", { mode: "number" }).references(() => scopes.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    /** Hidden by moderation: out of every public list and page. */
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    stateId: bigint("state_id", { mode: "number" }).references(() => proposalStates.id, { onDelete: "set null" }),
    answer: jsonb("answer").$type<Translatable>().notNull().default({}),
    /** In cents (euros), for accepted proposals. */
    costCents: bigint("cost_cents", { mode: "number" }),
    costReport: jsonb("cost_report").$type<Translatable>().notNull().default({}),
    executionPeriod: jsonb("execution_period").$type<Translatable>().notNull().default({}),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    /** The answer is public from then on. */
    statePublishedAt: timestamp("state_published_at", { withTimezone: true }),
    /** Final supports (provisional ones wait for their supporter to reach the minimum). */
    supportsCount: integer("supports_count").notNull().default(0),
    /** Visible comments and follows, kept by triggers on the kit's tables (see the header). */
    commentsCount: integer("comments_count").notNull().default(0),
    followsCount: integer("follows_count").notNull().default(0),
    /** The "random" order: a fixed shuffle, entered at a seed per visitor (browse.ts). */
    randomKey: integer("random_key").notNull().default(sql`floor(random() * 2147483647)::int`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => {
    // One index per public order: the component, the order's columns, then what the filters read, so
    // a page (and its offset) is read from the index alone, in order, up to the LIMIT.
    const filters = [t.stateId, t.statePublishedAt, t.categoryId, t.scopeId, t.withdrawnAt, t.authorId] as const;
    return [
      index("proposals_recent_idx").on(t.componentId, t.publishedAt.desc(), t.id.desc(), ...filters).where(LISTED),
      index("proposals_supported_idx").on(t.componentId, t.supportsCount.desc(), t.id.desc(), ...filters).where(LISTED),
      index("proposals_commented_idx").on(t.componentId, t.commentsCount.desc(), t.id.desc(), ...filters).where(LISTED),
      index("proposals_followed_idx").on(t.componentId, t.followsCount.desc(), t.id.desc(), ...filters).where(LISTED),
      index("proposals_random_idx").on(t.componentId, t.randomKey, t.id, ...filters).where(LISTED),
      // The back office: every published proposal, newest first; a person's drafts and proposals.
      index("proposals_admin_idx").on(t.componentId, t.id.desc()).where(sql`published_at is not null`),
      index("proposals_author_idx").on(t.authorId, t.componentId),
    ];
  },
);

/**
 * One support per person and proposal. `provisional` while the person has given fewer than the
 * component's minimum: those do not count in `supports_count` until the minimum is reached.
 */
export const proposalSupports = pgTable(
  "proposal_supports",
  {
    proposalId: bigint("proposal_id", { mode: "number" })
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    componentId: bigint("component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    provisional: boolean("provisional").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.userId] }), index("proposal_supports_person_idx").on(t.componentId, t.userId)],
);

export type ProposalRow = typeof proposals.$inferSelect;
export type ProposalStateRow = typeof proposalStates.$inferSelect;

/**
 * The back office's history between proposals (merge, split, import: merge.ts, import.ts): `source`
 * became or was copied into `target`. A merged or split source is closed (withdrawn, and this row
 * says why and where it went); an imported source stays open in its component. Supports are never
 * carried (ADR 11); authors are (the target's author and accepted co-authors).
 */
export const proposalLinks = pgTable(
  "proposal_links",
  {
    kind: text("kind").$type<"merged" | "split" | "imported">().notNull(),
    sourceId: bigint("source_id", { mode: "number" })
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    targetId: bigint("target_id", { mode: "number" })
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    /** The target's component: "already imported into this component" is one index lookup. */
    targetComponentId: bigint("target_component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    actorId: bigint("actor_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sourceId, t.targetId] }),
    index("proposal_links_target_idx").on(t.targetId),
    // One copy of a proposal per component it is imported into (importing twice adds nothing).
    uniqueIndex("proposal_links_imported_key").on(t.sourceId, t.targetComponentId).where(sql`kind = 'imported'`),
  ],
);
