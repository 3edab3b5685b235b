/**
 * Conversations: live opinion maps on the Pol.is engine (src/engines/opinion). Participants vote
 * agree / disagree / pass on short statements; a background tick turns the votes into groups.
 *
 * Numbering: inside a conversation, statements are numbered by `tid` and participants by `pid`, the
 * integers the engine and Pol.is's exports use. An imported conversation keeps the export's own
 * `comment-id` / `voter-id`, so its math blob and CSV exports name the same ids as the source; a
 * native conversation draws them from the conversation's counters (`next_tid`, `next_pid`).
 *
 * Vote sign: stored as in Pol.is's exports and in the platform's contracts, 1 = agree, -1 = disagree,
 * 0 = pass. The engine's internal sign is the opposite (agree = -1): the tick flips it at the edge.
 */
import { bigint, bigserial, boolean, customType, doublePrecision, foreignKey, index, integer, json, jsonb, pgTable, primaryKey, smallint, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "../../core/accounts/schema";
import type { Translatable } from "../../core/i18n/locales";
import { components } from "../../core/spaces/schema";

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

export type ModerationMode = "pre" | "post";
export type StatementState = "accepted" | "rejected" | "unmoderated";

export const conversations = pgTable(
  "conversations",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    componentId: bigint("component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    topic: jsonb("topic").$type<Translatable>().notNull(),
    description: jsonb("description").$type<Translatable>().notNull().default({}),
    /** Participants may write statements. */
    participantStatements: boolean("participant_statements").notNull().default(false),
    /** "pre": a participant's statement is shown once accepted; "post": at once, until rejected. */
    moderation: text("moderation").$type<ModerationMode>().notNull().default("post"),
    /** Pol.is's strict moderation: only accepted statements are shown and counted (no "unmoderated" ones). */
    strictMode: boolean("strict_mode").notNull().default(false),
    /** Visitors without an account may vote under a signed-cookie identity. */
    anonymousAllowed: boolean("anonymous_allowed").notNull().default(true),
    /** The report page is public (else organizers only). */
    reportPublic: boolean("report_public").notNull().default(true),
    /** The Pol.is conversation id of an imported conversation ("3phdex2kjf"): embed codes naming it find this one. */
    polisConversationId: text("polis_conversation_id"),
    /** The next `pid` / `tid` a native participant / statement gets (an import sets them past its ids). */
    nextPid: integer("next_pid").notNull().default(0),
    nextTid: integer("next_tid").notNull().default(0),
    /** Bumped on every moderation change: the tick job recomputes when it differs from the math's. */
    moderationVersion: integer("moderation_version").notNull().default(0),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("conversations_component_idx").on(t.componentId, t.id), uniqueIndex("conversations_polis_id_key").on(t.polisConversationId)],
);

/** A statement (Pol.is's "comment"), numbered by `tid` in its conversation. */
export const conversationStatements = pgTable(
  "conversation_statements",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    conversationId: bigint("conversation_id", { mode: "number" })
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    tid: integer("tid").notNull(),
    text: text("text").notNull(),
    /** BCP 47 tag of the text when known ("en", "zh-TW"). */
    language: text("language"),
    /** An organizer's (seed) or a signed-in participant's statement. */
    authorUserId: bigint("author_user_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    /** The participant who wrote it (an import's `author-id`); no foreign key so a statement outlives its author. */
    authorPid: integer("author_pid"),
    state: text("state").$type<StatementState>().notNull().default("unmoderated"),
    /** Meta statements (about the conversation itself) are voted on but left out of the math. */
    isMeta: boolean("is_meta").notNull().default(false),
    /** Written by the organizers before the conversation opened. */
    isSeed: boolean("is_seed").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    moderatedAt: timestamp("moderated_at", { withTimezone: true }),
  },
  (t) => [unique("conversation_statements_tid_key").on(t.conversationId, t.tid)],
);

/** Someone taking part: an account, or an anonymous identity kept in a signed cookie, or an import's voter. */
export const conversationParticipants = pgTable(
  "conversation_participants",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    conversationId: bigint("conversation_id", { mode: "number" })
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    /** The participant's number in the conversation (an import's `voter-id`). */
    pid: integer("pid").notNull(),
    userId: bigint("user_id", { mode: "number" }).references(() => users.id, { onDelete: "set null" }),
    /** Random token of an anonymous participant (the signed cookie carries it); null for accounts and imports. */
    anonymousToken: text("anonymous_token"),
    /** Pol.is's `xid` when an embedding site names its own participants. */
    xid: text("xid"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("conversation_participants_pid_key").on(t.conversationId, t.pid),
    uniqueIndex("conversation_participants_user_key").on(t.conversationId, t.userId),
    uniqueIndex("conversation_participants_token_key").on(t.anonymousToken),
    uniqueIndex("conversation_participants_xid_key").on(t.conversationId, t.xid),
  ],
);

/**
 * The current vote of a participant on a statement (a re-vote replaces it). `seq` comes from a
 * sequence and is drawn again on every change, so a tick reads exactly the cells changed since the
 * last `seq` it read (`conversation_math.last_vote_seq`); last vote wins, as in the engine.
 */
export const conversationVotes = pgTable(
  "conversation_votes",
  {
    conversationId: bigint("conversation_id", { mode: "number" }).notNull(),
    pid: integer("pid").notNull(),
    tid: integer("tid").notNull(),
    /** 1 agree, -1 disagree, 0 pass (Pol.is's export sign). */
    value: smallint("value").notNull(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    /** The first vote on this cell. */
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** The latest change (an import's vote timestamp). */
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // The (conversation, pid) / (conversation, tid) keys are unique constraints, not indexes: the votes' foreign keys need them.
  (t) => [
    primaryKey({ columns: [t.conversationId, t.pid, t.tid] }),
    foreignKey({ columns: [t.conversationId, t.pid], foreignColumns: [conversationParticipants.conversationId, conversationParticipants.pid] }).onDelete("cascade"),
    foreignKey({ columns: [t.conversationId, t.tid], foreignColumns: [conversationStatements.conversationId, conversationStatements.tid] }).onDelete("cascade"),
    index("conversation_votes_seq_idx").on(t.conversationId, t.seq),
  ],
);

/**
 * The latest tick of a conversation: the engine's state (v8.serialize of `OpinionState`, the warm
 * start of the next tick, kept across restarts) and the math blob it produced (Pol.is's math-pca2).
 */
export const conversationMath = pgTable("conversation_math", {
  conversationId: bigint("conversation_id", { mode: "number" })
    .primaryKey()
    .references(() => conversations.id, { onDelete: "cascade" }),
  /** 1 for the first tick, then +1 per tick (the pca2 route's ETag). */
  mathTick: integer("math_tick").notNull(),
  /** The highest vote `seq` this tick read. */
  lastVoteSeq: bigint("last_vote_seq", { mode: "number" }).notNull(),
  /** The conversation's `moderation_version` this tick read. */
  moderationVersion: integer("moderation_version").notNull(),
  /**
   * The engine's state after the votes up to `state_vote_seq` (null: up to `last_vote_seq`). Stored when
   * no vote is pending and at least every few seconds while votes keep coming, not at every tick (ADR
   * 0039): the instance that computed the tick keeps it in memory; another one, or a restart, reads it
   * with the votes after `state_vote_seq`.
   */
  state: bytea("state").notNull(),
  stateVoteSeq: bigint("state_vote_seq", { mode: "number" }),
  /**
   * The blob as the tick wrote it: `json` stored uncompressed (storage external, in the migration), not
   * compressed `jsonb` — twice a second while votes arrive, parsing and compressing its hundreds of
   * kilobytes cost PostgreSQL more than the votes did (ADR 0039); it is only ever read whole.
   */
  pca2: json("pca2").$type<Record<string, unknown>>().notNull(),
  /**
   * What the voting, map and group pages read of the blob (map-summary.ts): a few kilobytes, where the
   * blob holds every participant. Null for a tick stored before it existed (the pages read `pca2`).
   */
  summary: jsonb("summary").$type<Record<string, unknown>>(),
  /** The base cluster of each participant, at index pid + 1 (null: not in the math); null when pids are too sparse. */
  clusters: integer("clusters").array(),
  computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  durationMs: doublePrecision("duration_ms").notNull(),
});

export type ConversationRow = typeof conversations.$inferSelect;
export type StatementRow = typeof conversationStatements.$inferSelect;
