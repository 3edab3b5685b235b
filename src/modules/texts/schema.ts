/**
 * Collaborative texts: a text (a municipal charter, a bill) commented block by block, annotated on a
 * range, amended, versioned and adopted, with every stage archived.
 *
 * Identity across versions: a block's identity is a `text_blocks` row (its id is what comments,
 * annotations and amendments point at); each version lists its blocks in `text_version_blocks` with the
 * wording of that version. Publishing a version aligns its blocks with the previous version's (the texts
 * engine, src/engines/texts): an unchanged, moved or changed block keeps its identity, a new block gets a
 * new one, a deleted block keeps its identity but is in no later version. Comments on a block therefore
 * follow the block; annotations are re-anchored (W3C Web Annotation selectors: TextQuoteSelector
 * exact/prefix/suffix + TextPositionSelector start/end in code points within the block, for a version)
 * and, when their passage cannot be found, marked orphaned with their original quote, never deleted.
 */
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "../../core/accounts/schema";
import type { Translatable } from "../../core/i18n/locales";
import { components, steps } from "../../core/spaces/schema";

export const BLOCK_KINDS = ["section", "article", "paragraph", "list-item"] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

/** The adoption vote's result, recorded on the version when the vote closes. */
export interface AdoptionResult {
  for: number;
  against: number;
  abstain: number;
  /** Members entitled to vote when the vote closed. */
  electorate: number;
  adopted: boolean;
}

export const texts = pgTable(
  "texts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    componentId: bigint("component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    title: jsonb("title").$type<Translatable>().notNull(),
    description: jsonb("description").$type<Translatable>().notNull().default({}),
    /** The language the text is written in (its blocks' `body`); translations are per block. */
    locale: text("locale").notNull().default("fr"),
    /** The latest published version (null while only a draft exists). */
    currentVersionId: bigint("current_version_id", { mode: "number" }),
    /** Adoption vote: `closed` (none yet), `open`, `done`; secret ballots show counts only. */
    adoptionStatus: text("adoption_status").$type<"closed" | "open" | "done">().notNull().default("closed"),
    adoptionSecret: boolean("adoption_secret").notNull().default(true),
    published: boolean("published").notNull().default(false),
    weight: integer("weight").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("texts_component_idx").on(t.componentId)],
);

export const textVersions = pgTable(
  "text_versions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    textId: bigint("text_id", { mode: "number" })
      .notNull()
      .references(() => texts.id, { onDelete: "cascade" }),
    /** 1, 2, ... in publication order; a draft has the next number. */
    number: integer("number").notNull(),
    status: text("status").$type<"draft" | "published">().notNull().default("draft"),
    /** The Markdown the version was made from (imported or written), kept for export and audit. */
    source: text("source").notNull().default(""),
    /** Why this version (shown in the history). */
    reason: jsonb("reason").$type<Translatable>().notNull().default({}),
    createdBy: bigint("created_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    publishedBy: bigint("published_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** Re-anchoring's summary at publication: { kept, moved, orphaned }. */
    reanchor: jsonb("reanchor").$type<{ kept: number; moved: number; orphaned: number }>(),
    adoption: jsonb("adoption").$type<AdoptionResult>(),
    adoptedAt: timestamp("adopted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("text_versions_number_uq").on(t.textId, t.number)],
);

/** A block's identity across versions (what comments, annotations and amendments point at). */
export const textBlocks = pgTable(
  "text_blocks",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    textId: bigint("text_id", { mode: "number" })
      .notNull()
      .references(() => texts.id, { onDelete: "cascade" }),
    createdInVersionId: bigint("created_in_version_id", { mode: "number" }).references(() => textVersions.id, { onDelete: "set null" }),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
  },
  (t) => [index("text_blocks_text_idx").on(t.textId)],
);

/** A version's blocks, in order, with that version's wording. */
export const textVersionBlocks = pgTable(
  "text_version_blocks",
  {
    versionId: bigint("version_id", { mode: "number" })
      .notNull()
      .references(() => textVersions.id, { onDelete: "cascade" }),
    blockId: bigint("block_id", { mode: "number" })
      .notNull()
      .references(() => textBlocks.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind").$type<BlockKind>().notNull(),
    /** Heading level (1-3) for sections and articles; list depth for list items; 0 for paragraphs. */
    level: smallint("level").notNull().default(0),
    /** "3" for "Article 3". */
    number: text("number"),
    /** The block's Markdown source in the text's language, trimmed (what selectors' offsets count in). */
    body: text("body").notNull(),
    /** Translations of the body (other locales). */
    translations: jsonb("translations").$type<Translatable>().notNull().default({}),
    /** The alignment's verdict against the previous version. */
    change: text("change").$type<"same" | "changed" | "moved" | "new">().notNull().default("new"),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.blockId] }), uniqueIndex("text_version_blocks_position_uq").on(t.versionId, t.position)],
);

/** An annotation on a passage of a block (W3C Web Annotation selectors), re-anchored at each version. */
export const textAnnotations = pgTable(
  "text_annotations",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    textId: bigint("text_id", { mode: "number" })
      .notNull()
      .references(() => texts.id, { onDelete: "cascade" }),
    authorId: bigint("author_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    /** Where it is anchored now (null when orphaned). */
    blockId: bigint("block_id", { mode: "number" }).references(() => textBlocks.id, { onDelete: "set null" }),
    versionId: bigint("version_id", { mode: "number" })
      .notNull()
      .references(() => textVersions.id, { onDelete: "cascade" }),
    /** TextQuoteSelector. */
    exact: text("exact").notNull(),
    prefix: text("prefix").notNull().default(""),
    suffix: text("suffix").notNull().default(""),
    /** TextPositionSelector, in code points within the block's body. */
    start: integer("start").notNull(),
    end: integer("end").notNull(),
    /** The participant's note on the passage (plain text); further discussion is its comments. */
    body: text("body").notNull(),
    status: text("status").$type<"anchored" | "orphaned">().notNull().default("anchored"),
    /** The block and version it was first made on, and its original quote (kept when orphaned). */
    originalBlockId: bigint("original_block_id", { mode: "number" }),
    originalVersionId: bigint("original_version_id", { mode: "number" }),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("text_annotations_block_idx").on(t.blockId), index("text_annotations_text_idx").on(t.textId, t.status)],
);

export const AMENDMENT_KINDS = ["replace", "insert", "delete"] as const;
export type TextAmendmentKind = (typeof AMENDMENT_KINDS)[number];

/** A proposed new wording of a block (or a block to insert after `blockId`, or to delete). */
export const textAmendments = pgTable(
  "text_amendments",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    textId: bigint("text_id", { mode: "number" })
      .notNull()
      .references(() => texts.id, { onDelete: "cascade" }),
    /** The version it was proposed against. */
    versionId: bigint("version_id", { mode: "number" })
      .notNull()
      .references(() => textVersions.id, { onDelete: "cascade" }),
    kind: text("kind").$type<TextAmendmentKind>().notNull(),
    /** replace/delete: the block; insert: the block after which to insert (null: at the start). */
    blockId: bigint("block_id", { mode: "number" }).references(() => textBlocks.id, { onDelete: "set null" }),
    /** The proposed wording (replace, insert); empty for delete. */
    body: text("body").notNull().default(""),
    /** The block's wording when proposed (for the diff even after later versions). */
    originalBody: text("original_body").notNull().default(""),
    explanation: text("explanation").notNull().default(""),
    authorId: bigint("author_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    status: text("status").$type<"pending" | "accepted" | "rejected" | "withdrawn">().notNull().default("pending"),
    /** The editors' reason for accepting or rejecting. */
    decisionReason: jsonb("decision_reason").$type<Translatable>().notNull().default({}),
    decidedBy: bigint("decided_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** The version an accepted amendment went into. */
    appliedInVersionId: bigint("applied_in_version_id", { mode: "number" }).references(() => textVersions.id, { onDelete: "set null" }),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("text_amendments_text_idx").on(t.textId, t.status), index("text_amendments_block_idx").on(t.blockId)],
);

/** Support (+1) or opposition (-1) to an amendment, one per person. */
export const textAmendmentReactions = pgTable(
  "text_amendment_reactions",
  {
    amendmentId: bigint("amendment_id", { mode: "number" })
      .notNull()
      .references(() => textAmendments.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    value: smallint("value").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.amendmentId, t.userId] })],
);

/** The adoption vote on a version: one ballot per member; secret votes are shown as counts only. */
export const textAdoptionBallots = pgTable(
  "text_adoption_ballots",
  {
    versionId: bigint("version_id", { mode: "number" })
      .notNull()
      .references(() => textVersions.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    choice: text("choice").$type<"for" | "against" | "abstain">().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.userId] })],
);

/**
 * A stage's frozen, read-only snapshot: when a step of the space closes, the text as it stood with its
 * comments, annotations and amendments (rendered data, so later edits and moderation do not change it).
 */
export const textSnapshots = pgTable(
  "text_snapshots",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    textId: bigint("text_id", { mode: "number" })
      .notNull()
      .references(() => texts.id, { onDelete: "cascade" }),
    stepId: bigint("step_id", { mode: "number" }).references(() => steps.id, { onDelete: "set null" }),
    versionId: bigint("version_id", { mode: "number" })
      .notNull()
      .references(() => textVersions.id, { onDelete: "cascade" }),
    title: jsonb("title").$type<Translatable>().notNull(),
    data: jsonb("data").$type<unknown>().notNull(),
    frozenBy: bigint("frozen_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    frozenAt: timestamp("frozen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("text_snapshots_text_idx").on(t.textId)],
);
