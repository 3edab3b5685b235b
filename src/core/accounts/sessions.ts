/**
 * Server-side sessions. The cookie carries a random token; the database stores only its SHA-256, so
 * reading the table does not let anyone sign in. Signing out deletes the row, which ends the session.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import { Batcher } from "../../db/batcher";
import type { Db } from "../../db/client";
import { rootPool, runNamed } from "../../db/named";
import type { CurrentUser } from "../http/context";
import type { Locale } from "../i18n/locales";
import { sessions } from "./schema";

export const SESSION_COOKIE = "pnyx_session";
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");

/** Opens a session for a user and returns the cookie token. */
export async function createSession(db: Db, userId: number, meta: { ip?: string; userAgent?: string }): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.insert(sessions).values({
    id: hashToken(token),
    userId,
    csrfSecret: randomBytes(16).toString("hex"),
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
    expiresAt: new Date(Date.now() + SESSION_TTL_MS),
  });
  return token;
}

/**
 * The live session named by the hashed token `param` (an SQL parameter such as `$1`), with what the
 * request context needs of its account: the one definition of "signed in" (the session exists and has
 * not expired; the account is neither deleted nor blocked and has an address), used by the lookup below
 * and by the component routes' lookup of session and place in one statement (ADR 0044). `stale`: the
 * session was last touched over a minute ago. `unread`: the header's unread notification count.
 */
export function liveSessionSql(param: string): string {
  return `select u.id, u.email, u.name, u.is_admin, u.email_confirmed_at is not null as email_confirmed, u.locale,
    s.last_seen_at < now() - interval '1 minute' as stale,
    (select count(*)::int from notifications n where n.user_id = u.id and n.read_at is null) as unread
  from sessions s join users u on u.id = s.user_id
  where s.id = ${param} and s.expires_at > now() and u.deleted_at is null and u.blocked_at is null`;
}

/** A row of `liveSessionSql` (the id a bigint: a string from the driver, a number from JSON). */
export interface LiveSessionRow {
  id: string | number;
  email: string | null;
  name: string;
  is_admin: boolean;
  email_confirmed: boolean;
  locale: string | null;
  stale: boolean;
  unread: number;
}

export interface Session {
  sessionId: string;
  user: CurrentUser;
  unreadNotifications: number;
}

/**
 * The session lookup every request makes: the live session of an active account and, in the same
 * statement, the header's unread notification count (no extra round trip). A named prepared statement
 * (ADR 0042): each pooled connection parses and plans it once, and no query builder runs per request
 * (Drizzle's building of this select, with every user column, was a tenth of a form post's server CPU).
 * Only the columns the request context needs are read.
 */
const LOOKUP = { name: "pnyx-session-lookup", text: liveSessionSql("$1") };

/** The session's user, if the token names a live session of an active account. */
export async function lookupSession(db: Db, token: string): Promise<Session | null> {
  const id = hashToken(token);
  const { rows } = await rootPool(db).query<LiveSessionRow>({ ...LOOKUP, values: [id] });
  return sessionOf(db, id, rows[0]);
}

/**
 * The session a `liveSessionSql` row (if any) describes for the hashed token `id`, touched at most once a
 * minute: a session lookup must not turn every page view into a write. Touches arriving together share
 * one statement (src/db/batcher.ts), answered once it committed.
 */
export async function sessionOf(db: Db, id: string, row: LiveSessionRow | null | undefined): Promise<Session | null> {
  if (!row?.email) return null;
  if (row.stale) await touchBatcher(db).submit(id);
  return {
    sessionId: id,
    unreadNotifications: Number(row.unread),
    user: { id: Number(row.id), email: row.email, name: row.name, isAdmin: row.is_admin, emailConfirmed: row.email_confirmed, locale: (row.locale as Locale | null) ?? null },
  };
}

/** One statement per batch of touched sessions; one batch at a time, so two never lock the same rows crosswise. */
const touchBatchers = new WeakMap<Db, Batcher<string, null>>();
function touchBatcher(db: Db): Batcher<string, null> {
  let b = touchBatchers.get(db);
  if (!b) {
    // One named statement whatever the batch's size (an `in ($2, $3...)` list is a new statement per length).
    const touch = async (ids: string[]) => {
      await runNamed(db, "pnyx-session-touch", "update sessions set last_seen_at = now() where id = any($1::text[])", [[...new Set(ids)]]);
      return ids.map(() => null);
    };
    touchBatchers.set(db, (b = new Batcher(touch, { maxBatch: 500, maxInFlight: 1 })));
  }
  return b;
}

export async function destroySession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user (after a password change or account deletion), but `keep`. */
export async function destroyUserSessions(db: Db, userId: number, keep?: string): Promise<void> {
  await db.delete(sessions).where(keep ? and(eq(sessions.userId, userId), sql`${sessions.id} <> ${keep}`) : eq(sessions.userId, userId));
}

export async function purgeExpiredSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
}
