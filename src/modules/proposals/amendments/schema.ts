/**
 * Amendments of proposals (Decidim's `Amendment`): a participant proposes a new title and body for
 * someone else's published proposal; the proposal's authors accept it (the proposal takes the new
 * wording, the amender becomes a co-author) or reject it; a rejected one may be promoted to a
 * proposal of its own. States: draft → evaluating (published) → accepted | rejected | withdrawn.
 *
 * The amendment keeps the wording it was written on (`base_*`), so its diff stays right when the
 * proposal changes meanwhile, and an accepted one keeps the wording it replaced (`replaced_*`): the
 * proposal's history of versions.
 */
import { sql } from "drizzle-orm";
import { bigint, bigserial, check, index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "../../../core/accounts/schema";
import type { Locale, Translatable } from "../../../core/i18n/locales";
import { components } from "../../../core/spaces/schema";
import { proposals } from "../schema";

export const AMENDMENT_STATES = ["draft", "evaluating", "accepted", "rejected", "withdrawn"] as const;
export type AmendmentState = (typeof AMENDMENT_STATES)[number];

export const proposalAmendments = pgTable(
  "proposal_amendments",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    proposalId: bigint("proposal_id", { mode: "number" })
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    componentId: bigint("component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    /** Who wrote it (kept, anonymised, when the account is deleted; drafts are deleted then). */
    amenderId: bigint("amender_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    state: text("state").$type<AmendmentState>().notNull().default("draft"),
    /** The proposed wording, in the proposal's language (`language`). */
    title: text("title").notNull(),
    body: text("body").notNull(),
    language: text("language").$type<Locale>().notNull(),
    /** The proposal's wording it was written on (the diff's left side). */
    baseTitle: text("base_title").notNull(),
    baseBody: text("base_body").notNull(),
    /** Once accepted: the proposal's wording it replaced (every language the proposal had). */
    replacedTitle: jsonb("replaced_title").$type<Translatable>(),
    replacedBody: jsonb("replaced_body").$type<Translatable>(),
    /** The authors' reason when they reject it (optional). */
    rejectionReason: text("rejection_reason"),
    /** Who accepted or rejected it. */
    reactedBy: bigint("reacted_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    reactedAt: timestamp("reacted_at", { withTimezone: true }),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    /** Hidden by moderation. */
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    /** The proposal a rejected amendment was promoted to (once only). */
    promotedProposalId: bigint("promoted_proposal_id", { mode: "number" }).references(() => proposals.id, { onDelete: "set null" }),
    promotedAt: timestamp("promoted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("proposal_amendments_proposal_idx").on(t.proposalId, t.id),
    index("proposal_amendments_amender_idx").on(t.amenderId),
    uniqueIndex("proposal_amendments_promoted_key").on(t.promotedProposalId),
    check("proposal_amendments_state_check", sql`${t.state} in ('draft', 'evaluating', 'accepted', 'rejected', 'withdrawn')`),
  ],
);

export type AmendmentRow = typeof proposalAmendments.$inferSelect;
