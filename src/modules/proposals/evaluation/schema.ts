/**
 * Evaluation of proposals (Decidim's "valuators"): the space's administrators assign people holding
 * the space's `evaluator` role to proposals; an evaluator sees only the proposals assigned to them,
 * saves an answer (internal until an administrator publishes it) and writes private notes.
 *
 * Notes are the organization's working papers about a proposal: visible to the space's
 * administrators and the proposal's evaluators only, never on a public page, in the API or open data.
 */
import { bigint, bigserial, index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "../../../core/accounts/schema";
import { components } from "../../../core/spaces/schema";
import { proposals } from "../schema";

export const proposalEvaluators = pgTable(
  "proposal_evaluators",
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
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.userId] }), index("proposal_evaluators_user_idx").on(t.userId, t.componentId, t.proposalId)],
);

export const proposalNotes = pgTable(
  "proposal_notes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    proposalId: bigint("proposal_id", { mode: "number" })
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    /** Kept (as "a deleted participant") when the account is erased: the note is the organization's. */
    authorId: bigint("author_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("proposal_notes_proposal_idx").on(t.proposalId, t.id)],
);
