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
 *
 * Recruitment (issue 17) comes before a draw: a register uploaded and kept sealed (sealed.ts), a uniform
 * sample of it invited by letter with single-use codes, and the registrations (invited people with a
 * code, volunteers when allowed, phone registrations by staff) whose strata form the draw's pool.
 * Seating comes after: each drawn person is asked to confirm their seat; refusals and silences are
 * replaced, members rotate by new draws from the remaining pool.
 */
const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });
import { bigint, bigserial, boolean, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
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
    /** The recruitment whose registrations formed this draw's pool (null: an uploaded pool). */
    recruitmentId: bigint("recruitment_id", { mode: "number" }),
    /** A rotation's draw: the draw whose remaining pool it draws from. */
    parentDrawId: bigint("parent_draw_id", { mode: "number" }),
    /** Days a drawn person has to confirm their seat before a replacement is drawn. */
    confirmDays: integer("confirm_days").notNull().default(14),
    /** Personal data of the pool (contacts, sealed register) is deleted after this date. */
    retentionUntil: timestamp("retention_until", { withTimezone: true }),
    personalDataDeletedAt: timestamp("personal_data_deleted_at", { withTimezone: true }),
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

export const RECRUITMENT_STATUSES = ["draft", "inviting", "open", "closed"] as const;
export type RecruitmentStatus = (typeof RECRUITMENT_STATUSES)[number];

/** A question asked at registration: one stratum of the draw (gender, age band, neighbourhood...). */
export interface RecruitmentStratum {
  /** The category's name as the draw's quotas use it ("gender"). */
  category: string;
  label: Translatable;
  options: Array<{ value: string; label: Translatable; target?: { min: number; max: number } }>;
}

/** The register's columns a letter uses: the name's and the address's (joined in this order), the person's language. */
export interface RegisterMapping {
  name: string[];
  address: string[];
  language: string | null;
}

/** A recruitment campaign of a sortition component: register, invitations, registrations. */
export const sortitionRecruitments = pgTable(
  "sortition_recruitments",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    componentId: bigint("component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    title: jsonb("title").$type<Translatable>().notNull(),
    status: text("status").$type<RecruitmentStatus>().notNull().default("draft"),
    /** The questions of the registration form, which are the draw's categories. */
    strata: jsonb("strata").$type<RecruitmentStratum[]>().notNull().default([]),
    /** Anyone may register as a volunteer (no code needed). */
    volunteersOpen: boolean("volunteers_open").notNull().default(false),
    consentText: jsonb("consent_text").$type<Translatable>().notNull().default({}),
    /** The letter's mail-merge template (Markdown with {{name}}, {{code}}, {{url}}, {{deadline}}...). */
    letterTemplate: jsonb("letter_template").$type<Translatable>().notNull().default({}),
    registrationDeadline: timestamp("registration_deadline", { withTimezone: true }),
    /** The uploaded register: its column names and size (the rows are sealed in sortition_register_rows). */
    registerColumns: jsonb("register_columns").$type<string[]>().notNull().default([]),
    registerSize: integer("register_size").notNull().default(0),
    /** Which register columns make each letter's name, address and language (the rows themselves stay sealed). */
    registerMapping: jsonb("register_mapping").$type<RegisterMapping>().notNull().default({ name: [], address: [], language: null }),
    /** The sample invited: how many, and the seed that drew them (recorded so the sample can be re-derived). */
    invitationCount: integer("invitation_count").notNull().default(0),
    sampleSeed: text("sample_seed"),
    invitedAt: timestamp("invited_at", { withTimezone: true }),
    /** Days the register and registrations' personal data are kept after the recruitment closes. */
    retentionDays: integer("retention_days").notNull().default(365),
    personalDataDeletedAt: timestamp("personal_data_deleted_at", { withTimezone: true }),
    createdBy: bigint("created_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [index("sortition_recruitments_component_idx").on(t.componentId)],
);

/** The uploaded register, one sealed row per person (the whole CSV row: name, address, strata...). */
export const sortitionRegisterRows = pgTable(
  "sortition_register_rows",
  {
    recruitmentId: bigint("recruitment_id", { mode: "number" })
      .notNull()
      .references(() => sortitionRecruitments.id, { onDelete: "cascade" }),
    row: integer("row").notNull(),
    sealed: bytea("sealed").notNull(),
  },
  (t) => [primaryKey({ columns: [t.recruitmentId, t.row] })],
);

/** A letter: one invited person of the register, with a single-use code (looked up by its keyed hash). */
export const sortitionInvitations = pgTable(
  "sortition_invitations",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    recruitmentId: bigint("recruitment_id", { mode: "number" })
      .notNull()
      .references(() => sortitionRecruitments.id, { onDelete: "cascade" }),
    registerRow: integer("register_row").notNull(),
    /** lookupHash of the normalised code. */
    codeHash: text("code_hash").notNull(),
    /** The code itself, sealed, so letters can be printed again. */
    codeSealed: bytea("code_sealed").notNull(),
    /** Which PDF of letters (1,000 letters each) holds this one. */
    batch: integer("batch").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("sortition_invitations_code_key").on(t.codeHash),
    uniqueIndex("sortition_invitations_row_key").on(t.recruitmentId, t.registerRow),
    index("sortition_invitations_batch_idx").on(t.recruitmentId, t.batch),
  ],
);

export const LETTER_BATCH_STATUSES = ["queued", "printing", "done", "failed"] as const;
export type LetterBatchStatus = (typeof LETTER_BATCH_STATUSES)[number];

/** A PDF of letters (1,000 per batch), printed by a background job; sealed, since it holds names, addresses and codes. */
export const sortitionLetterBatches = pgTable(
  "sortition_letter_batches",
  {
    recruitmentId: bigint("recruitment_id", { mode: "number" })
      .notNull()
      .references(() => sortitionRecruitments.id, { onDelete: "cascade" }),
    batch: integer("batch").notNull(),
    letters: integer("letters").notNull(),
    status: text("status").$type<LetterBatchStatus>().notNull().default("queued"),
    pdfSealed: bytea("pdf_sealed"),
    error: text("error"),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    durationMs: integer("duration_ms"),
  },
  (t) => [primaryKey({ columns: [t.recruitmentId, t.batch] })],
);

export const REGISTRATION_SOURCES = ["invitation", "volunteer", "phone"] as const;
export type RegistrationSource = (typeof REGISTRATION_SOURCES)[number];

/** A person who registered to be drawn: their strata in clear (what the draw uses), their contact sealed. */
export const sortitionRegistrations = pgTable(
  "sortition_registrations",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    recruitmentId: bigint("recruitment_id", { mode: "number" })
      .notNull()
      .references(() => sortitionRecruitments.id, { onDelete: "cascade" }),
    invitationId: bigint("invitation_id", { mode: "number" }).references(() => sortitionInvitations.id, { onDelete: "set null" }),
    source: text("source").$type<RegistrationSource>().notNull(),
    /** The answers to the strata, by category. */
    features: jsonb("features").$type<Record<string, string>>().notNull(),
    /** Name, email, phone, address, "show my name": sealed (sealed.ts). */
    contactSealed: bytea("contact_sealed"),
    /** lookupHash of the normalised identity (name + birth date, or email), for duplicate detection. */
    dedupeHash: text("dedupe_hash"),
    /** Set when this registration repeats an earlier one (kept for staff to review; not in the pool). */
    duplicateOf: bigint("duplicate_of", { mode: "number" }),
    consentAt: timestamp("consent_at", { withTimezone: true }).notNull(),
    /** The staff member who entered a phone registration. */
    enteredBy: bigint("entered_by", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
  },
  (t) => [index("sortition_registrations_recruitment_idx").on(t.recruitmentId, t.createdAt), index("sortition_registrations_dedupe_idx").on(t.recruitmentId, t.dedupeHash)],
);

export const SEAT_STATUSES = ["invited", "confirmed", "refused", "expired", "ceased"] as const;
export type SeatStatus = (typeof SEAT_STATUSES)[number];

/** A drawn person's seat: asked to confirm; replaced when they refuse or do not answer in time. */
export const sortitionSeats = pgTable(
  "sortition_seats",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    drawId: bigint("draw_id", { mode: "number" })
      .notNull()
      .references(() => sortitionDraws.id, { onDelete: "cascade" }),
    /** The person's 1-based pool row in the draw. */
    row: integer("row").notNull(),
    status: text("status").$type<SeatStatus>().notNull().default("invited"),
    /** 0 for the panel, n for the n-th replacement round. */
    round: integer("round").notNull().default(0),
    /** The pool row whose seat this one fills (a replacement). */
    replacesRow: integer("replaces_row"),
    /** lookupHash of the confirmation link's token. */
    tokenHash: text("token_hash").notNull(),
    invitedAt: timestamp("invited_at", { withTimezone: true }).notNull().defaultNow(),
    deadlineAt: timestamp("deadline_at", { withTimezone: true }).notNull(),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    /** The assembly member made of this seat once confirmed. */
    memberId: bigint("member_id", { mode: "number" }),
  },
  (t) => [uniqueIndex("sortition_seats_draw_row_key").on(t.drawId, t.row), uniqueIndex("sortition_seats_token_key").on(t.tokenHash), index("sortition_seats_deadline_idx").on(t.status, t.deadlineAt)],
);

export type DrawRow = typeof sortitionDraws.$inferSelect;
