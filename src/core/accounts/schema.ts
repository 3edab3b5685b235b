import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, index, inet, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { Locale } from "../i18n/locales";

export type EmailFrequency = "realtime" | "daily" | "weekly" | "none";

export const users = pgTable(
  "users",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Null once the account is deleted (content kept, anonymised). */
    email: text("email"),
    name: text("name").notNull(),
    nickname: text("nickname"),
    passwordHash: text("password_hash"),
    locale: text("locale").$type<Locale>(),
    isAdmin: boolean("is_admin").notNull().default(false),
    emailConfirmedAt: timestamp("email_confirmed_at", { withTimezone: true }),
    /** A new address waiting for confirmation (change of email). */
    unconfirmedEmail: text("unconfirmed_email"),
    newsletterOptIn: boolean("newsletter_opt_in").notNull().default(false),
    /** How notifications reach the person by mail: each at once, a daily or weekly digest, or never. */
    emailFrequency: text("email_frequency").$type<EmailFrequency>().notNull().default("realtime"),
    /** When the last digest mail went out. */
    digestSentAt: timestamp("digest_sent_at", { withTimezone: true }),
    /** Follow what one creates, signs, supports or comments on, by default. */
    followByDefault: boolean("follow_by_default").notNull().default(true),
    /** When the person accepted the terms of use (at registration). */
    termsAcceptedAt: timestamp("terms_accepted_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    blockedAt: timestamp("blocked_at", { withTimezone: true }),
    /** Why a moderator blocked the account (sent to the person, shown at sign-in). */
    blockedReason: text("blocked_reason"),
    extra: jsonb("extra").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    // @mentions in comments: a nickname, or the name written without spaces (@MarieDupont), any case.
    index("users_nickname_handle_idx").on(sql`lower(${t.nickname})`).where(sql`${t.deletedAt} is null`),
    index("users_name_handle_idx").on(sql`lower(replace(${t.name}, ' ', ''))`).where(sql`${t.deletedAt} is null`),
  ],
);

/** Server-side sessions: the cookie holds only a random id's hash lookup key; signing out deletes the row. */
export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 (hex) of the random token in the cookie, so a database leak does not leak sessions. */
    id: text("id").primaryKey(),
    userId: bigint("user_id", { mode: "number" }).references(() => users.id, { onDelete: "cascade" }),
    csrfSecret: text("csrf_secret").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    ip: inet("ip"),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

export type AccountTokenPurpose = "confirm_email" | "reset_password" | "change_email";

/**
 * Single-use, expiring tokens sent by mail (confirm the address, reset the password, confirm a new
 * address). Only the SHA-256 of the token is stored, so a database leak cannot be used to act on mail links.
 */
export const accountTokens = pgTable(
  "account_tokens",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose").$type<AccountTokenPurpose>().notNull(),
    tokenHash: text("token_hash").notNull(),
    /** The address the link was sent to (for a change of email: the new address). */
    email: text("email").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("account_tokens_hash_key").on(t.tokenHash), index("account_tokens_user_idx").on(t.userId, t.purpose)],
);

/**
 * Throttling counters shared by every instance: failed sign-ins per account and per IP, mails per
 * address. Keys never hold an email in clear (they use its SHA-256).
 */
export const authThrottles = pgTable(
  "auth_throttles",
  {
    key: text("key").primaryKey(),
    hits: integer("hits").notNull().default(0),
    windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
  },
  (t) => [index("auth_throttles_window_idx").on(t.windowStartedAt)],
);
