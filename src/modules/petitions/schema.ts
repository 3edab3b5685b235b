/**
 * Petitions: types (rules set by admins), petitions and their public timeline, admissibility
 * assessments, co-sponsors, signatures (append-only rows, one per person per petition enforced by
 * unique indexes), count journals (deltas folded into per-region aggregates by a batched job, so no
 * request ever updates a shared counter row) and paper signatures. Follows, notices and mails are the
 * participation kit's (src/core/follows, src/core/notifications, src/core/mail/outbox.ts).
 */
import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, customType, date, index, inet, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "../../core/accounts/schema";
import type { Translatable } from "../../core/i18n/locales";
import { categories, scopes } from "../../core/categories/schema";
import { components, spaces } from "../../core/spaces/schema";
import { PUBLIC_STATES } from "./states";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export type PetitionState =
  | "draft"
  | "submitted"
  | "under_review"
  | "published"
  | "inadmissible"
  | "threshold_reached"
  | "awaiting_decision"
  | "accepted"
  | "refused"
  | "transmitted"
  | "hearing_scheduled"
  | "answered"
  | "closed"
  | "expired"
  | "withdrawn";

export type SignatureVerification = "email" | "account" | "age_residence";

/** What a signer is asked for, per type (the email is always asked: it confirms and deduplicates). */
export const SIGNER_FIELDS = ["name", "birthDate", "postalCode"] as const;
export type SignerField = (typeof SIGNER_FIELDS)[number];

/**
 * A type whose petitions are citizens' suggestions for a deliberative committee (the Brussels
 * Parliament's road): at the threshold they await the parliament's decision instead of a hearing.
 */
export interface CommitteeRules {
  /** Citizens drawn by lot. */
  drawnSeats: number;
  /** Members of parliament beside them. */
  electedSeats: number;
  /** After a refusal, the author may submit a suggestion of this type again after this many months. */
  resubmissionMonths: number;
}

export interface Criterion {
  key: string;
  label: Translatable;
}

/**
 * The public states as an SQL list, shared word for word by the partial indexes below and the list
 * queries (`state in ${PUBLIC_STATES_IN}`): literal constants of the code, never input, so the planner
 * can prove that a query's filter implies an index's predicate.
 */
export const PUBLIC_STATES_IN = sql.raw(`(${PUBLIC_STATES.map((s) => `'${s}'`).join(", ")})`);
/** Public lists: a public state, and not hidden by moderation (the lists spell out the same predicate). */
const PUBLIC_PETITION = sql`state in ${PUBLIC_STATES_IN} and hidden_at is null`;

export const petitionTypes = pgTable(
  "petition_types",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    componentId: bigint("component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    title: jsonb("title").$type<Translatable>().notNull(),
    description: jsonb("description").$type<Translatable>().notNull().default({}),
    /** Signatures needed overall. */
    threshold: integer("threshold").notNull(),
    /** Region code (ISO 3166-2) to the signatures needed there; every quota must be met. */
    regionThresholds: jsonb("region_thresholds").$type<Record<string, number>>().notNull().default({}),
    country: text("country").notNull().default("BE"),
    minAge: integer("min_age").notNull().default(16),
    /** Regions a signer must live in; empty means anywhere in the country. */
    residenceRegions: jsonb("residence_regions").$type<string[]>().notNull().default([]),
    signingDays: integer("signing_days").notNull().default(180),
    coSponsorsRequired: integer("co_sponsors_required").notNull().default(0),
    allowWithdrawal: boolean("allow_withdrawal").notNull().default(true),
    verification: text("verification").$type<SignatureVerification>().notNull().default("email"),
    /** The attributes signers give; the age rule needs the birth date, quotas and residence the postal code. */
    signerFields: jsonb("signer_fields").$type<SignerField[]>().notNull().default(["name", "birthDate", "postalCode"]),
    criteria: jsonb("criteria").$type<Criterion[]>().notNull().default([]),
    /** Days the services have to answer once the petition is transmitted. */
    answerDays: integer("answer_days").notNull().default(180),
    /** Days the services have to decide admissibility once submitted. */
    reviewDays: integer("review_days").notNull().default(30),
    /** Set for citizens' suggestions for a deliberative committee; null for petitions. */
    committee: jsonb("committee").$type<CommitteeRules | null>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("petition_types_component_idx").on(t.componentId)],
);

export const petitions = pgTable(
  "petitions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    componentId: bigint("component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    typeId: bigint("type_id", { mode: "number" })
      .notNull()
      .references(() => petitionTypes.id),
    authorId: bigint("author_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    body: text("body").notNull(),
    /** The language the author wrote in: picks the full-text search configuration. */
    language: text("language").$type<"fr" | "nl" | "en" | "de">().notNull(),
    /** The space's category and the organization's scope it is filed under (src/core/categories). */
    categoryId: bigint("category_id", { mode: "number" }).references(() => categories.id, { onDelete: "set null" }),
    scopeId: bigint("scope_id", { mode: "number" }).references(() => scopes.id, { onDelete: "set null" }),
    /** Hidden by moderation (reports past the threshold, or a moderator): out of every public list and page. */
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    state: text("state").$type<PetitionState>().notNull().default("draft"),
    /** For the co-sponsors' invitation link. */
    sponsorToken: text("sponsor_token").notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    reviewDueAt: timestamp("review_due_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    signingEndsAt: timestamp("signing_ends_at", { withTimezone: true }),
    thresholdReachedAt: timestamp("threshold_reached_at", { withTimezone: true }),
    transmittedAt: timestamp("transmitted_at", { withTimezone: true }),
    answerDueAt: timestamp("answer_due_at", { withTimezone: true }),
    hearingAt: timestamp("hearing_at", { withTimezone: true }),
    hearingLink: text("hearing_link"),
    answer: text("answer"),
    answerUrl: text("answer_url"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    /** Highest progress milestone (33, 66, 100) the author was told about. */
    progressNotified: integer("progress_notified").notNull().default(0),
    /**
     * Online signatures folded from the journal plus paper entries: the "most signed" sort key, kept by
     * the count job (`foldJournal`) and the paper entry in their own statements. Pages show exact counts
     * (`readCounts`); this only orders the list, so it may lag the journal by one tick.
     */
    signaturesTotal: integer("signatures_total").notNull().default(0),
    search: tsvector("search").generatedAlwaysAs(
      sql`to_tsvector(case language when 'fr' then 'french'::regconfig when 'nl' then 'dutch'::regconfig when 'de' then 'german'::regconfig else 'english'::regconfig end, coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' || coalesce(body, ''))`,
    ),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("petitions_component_state_idx").on(t.componentId, t.state),
    index("petitions_state_idx").on(t.state, t.signingEndsAt),
    // One text index per language (the stored `search` vector is in the petition's own language): a
    // search is one query per language, each reading its own index (browse.ts).
    ...(["fr", "nl", "de", "en"] as const).map((l) => index(`petitions_search_${l}_idx`).using("gin", t.search).where(sql`${t.language} = ${sql.raw(`'${l}'`)}`)),
    // One index per public list order, partial on the public states (the lists spell the same list out,
    // so the planner can prove it), the order's columns then what the filters read (component, state,
    // category, scope): a page and its offset are read from the index alone, in order, up to the LIMIT.
    index("petitions_most_signed_idx").on(t.signaturesTotal.desc(), t.id.desc(), t.componentId, t.state, t.categoryId, t.scopeId).where(PUBLIC_PETITION),
    index("petitions_newest_idx").on(t.publishedAt.desc().nullsLast(), t.id.desc(), t.componentId, t.state, t.categoryId, t.scopeId).where(PUBLIC_PETITION),
    index("petitions_closing_idx").on(t.signingEndsAt.asc().nullsLast(), t.id, t.componentId, t.state, t.categoryId, t.scopeId).where(PUBLIC_PETITION),
  ],
);

/** The public timeline: every transition, dated, with who made it and a public note. */
export const petitionEvents = pgTable(
  "petition_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    petitionId: bigint("petition_id", { mode: "number" })
      .notNull()
      .references(() => petitions.id, { onDelete: "cascade" }),
    fromState: text("from_state").$type<PetitionState>(),
    toState: text("to_state").$type<PetitionState>().notNull(),
    actorId: bigint("actor_id", { mode: "number" }),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("petition_events_petition_idx").on(t.petitionId, t.id)],
);

/** The services' assessment of one admissibility criterion. */
export const petitionAssessments = pgTable(
  "petition_assessments",
  {
    petitionId: bigint("petition_id", { mode: "number" })
      .notNull()
      .references(() => petitions.id, { onDelete: "cascade" }),
    criterion: text("criterion").notNull(),
    met: boolean("met").notNull(),
    note: text("note").notNull().default(""),
    assessorId: bigint("assessor_id", { mode: "number" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.petitionId, t.criterion] })],
);

/** The services' internal notes (never public). */
export const petitionNotes = pgTable(
  "petition_notes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    petitionId: bigint("petition_id", { mode: "number" })
      .notNull()
      .references(() => petitions.id, { onDelete: "cascade" }),
    authorId: bigint("author_id", { mode: "number" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("petition_notes_petition_idx").on(t.petitionId)],
);

export const petitionCosponsors = pgTable(
  "petition_cosponsors",
  {
    petitionId: bigint("petition_id", { mode: "number" })
      .notNull()
      .references(() => petitions.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.petitionId, t.userId] })],
);

export type SignatureState = "pending" | "confirmed" | "withdrawn" | "invalidated";

/**
 * One row per signature, never updated but for its state. The unique indexes are the rule "one
 * signature per person per petition": on the canonical email for everyone, and on the account.
 */
export const petitionSignatures = pgTable(
  "petition_signatures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    petitionId: bigint("petition_id", { mode: "number" })
      .notNull()
      .references(() => petitions.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    email: text("email").notNull(),
    /** Lower-cased, dots and +tags removed where the provider ignores them. */
    canonicalEmail: text("canonical_email").notNull(),
    emailDomain: text("email_domain").notNull(),
    /** Empty when the type does not ask for names. */
    name: text("name").notNull(),
    /** Null when the type does not ask for it (or the signer's verification vouched for the age). */
    birthDate: date("birth_date"),
    /** Empty when not asked for, or when the region comes from a verification. */
    postalCode: text("postal_code").notNull(),
    /** ISO 3166-2 region, or "" when the type asks for no postal code (counted in the total only). */
    region: text("region").notNull(),
    showName: boolean("show_name").notNull().default(false),
    state: text("state").$type<SignatureState>().notNull().default("pending"),
    /** SHA-256 of the emailed confirmation token. */
    tokenHash: text("token_hash"),
    mailsSent: integer("mails_sent").notNull().default(1),
    ip: inet("ip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("petition_signatures_email_key").on(t.petitionId, t.canonicalEmail),
    uniqueIndex("petition_signatures_user_key").on(t.petitionId, t.userId).where(sql`${t.userId} is not null`),
    uniqueIndex("petition_signatures_token_key").on(t.tokenHash),
    index("petition_signatures_ip_idx").on(t.petitionId, t.ip, t.createdAt),
    index("petition_signatures_list_idx").on(t.petitionId, t.state, t.id),
    // The public signers of a petition page, newest first (loadPetition), from the index alone.
    index("petition_signatures_public_idx").on(t.petitionId, t.id.desc().nullsFirst(), t.name).where(sql`${t.state} = 'confirmed' and ${t.showName}`),
  ],
);

/** Count journal: +1 on confirmation, -n on withdrawal or invalidation; folded into `petition_counts`. */
export const petitionCountDeltas = pgTable(
  "petition_count_deltas",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    petitionId: bigint("petition_id", { mode: "number" }).notNull(),
    region: text("region").notNull(),
    delta: integer("delta").notNull(),
  },
  (t) => [index("petition_count_deltas_petition_idx").on(t.petitionId)],
);

/** Online signatures per petition and region, as folded from the journal. */
export const petitionCounts = pgTable(
  "petition_counts",
  {
    petitionId: bigint("petition_id", { mode: "number" })
      .notNull()
      .references(() => petitions.id, { onDelete: "cascade" }),
    region: text("region").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.petitionId, t.region] })],
);

/** Paper signatures entered by the services, per region (append-only entries; the sum counts). */
export const petitionPaperEntries = pgTable(
  "petition_paper_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    petitionId: bigint("petition_id", { mode: "number" })
      .notNull()
      .references(() => petitions.id, { onDelete: "cascade" }),
    region: text("region").notNull(),
    count: integer("count").notNull(),
    actorId: bigint("actor_id", { mode: "number" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("petition_paper_entries_petition_idx").on(t.petitionId)],
);

/** Blocked email domains for signatures (glob-free: exact domain or any subdomain of it). */
export const petitionBlockedDomains = pgTable("petition_blocked_domains", {
  domain: text("domain").primaryKey(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type PetitionRow = typeof petitions.$inferSelect;
export type PetitionTypeRow = typeof petitionTypes.$inferSelect;
export type SignatureRow = typeof petitionSignatures.$inferSelect;

/**
 * The per-petition signing rate (`petitionPerMinute`), shared by every instance: one row per petition
 * and minute, bumped once per signing batch (not per signature), pruned by the petition ticker.
 */
export const petitionRateWindows = pgTable(
  "petition_rate_windows",
  {
    petitionId: bigint("petition_id", { mode: "number" })
      .notNull()
      .references(() => petitions.id, { onDelete: "cascade" }),
    minute: bigint("minute", { mode: "number" }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.petitionId, t.minute] })],
);

/**
 * The parliament's decision on a citizens' suggestion (src/modules/petitions/committee.ts): accepted
 * with the committee's assembly, or refused with public reasons; then the follow-up report the members
 * of parliament owe 6 to 9 months after the committee's recommendations.
 */
export const petitionCommittees = pgTable(
  "petition_committees",
  {
    petitionId: bigint("petition_id", { mode: "number" })
      .primaryKey()
      .references(() => petitions.id, { onDelete: "cascade" }),
    outcome: text("outcome").$type<"accepted" | "refused">().notNull(),
    /** Public: the refusal's reasons, or the acceptance's note. */
    reasons: text("reasons").notNull().default(""),
    /** The committee's assembly (accepted only); kept as a link, the space may be deleted. */
    spaceId: bigint("space_id", { mode: "number" }).references(() => spaces.id, { onDelete: "set null" }),
    drawnSeats: integer("drawn_seats").notNull().default(0),
    electedSeats: integer("elected_seats").notNull().default(0),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
    decidedBy: bigint("decided_by", { mode: "number" }),
    /** When the committee delivered its recommendations; the report is due 6 to 9 months later. */
    recommendationsAt: date("recommendations_at", { mode: "string" }),
    reportDueAt: date("report_due_at", { mode: "string" }),
    reportBody: text("report_body"),
    reportUrl: text("report_url"),
    reportPublishedAt: timestamp("report_published_at", { withTimezone: true }),
    /** The reminders already queued for the current due date ("30", "7", "overdue"): each is sent once. */
    remindersSent: jsonb("reminders_sent").$type<string[]>().notNull().default([]),
  },
  (t) => [index("petition_committees_due_idx").on(t.reportDueAt).where(sql`${t.reportPublishedAt} is null and ${t.reportDueAt} is not null`)],
);
export type PetitionCommitteeRow = typeof petitionCommittees.$inferSelect;
