/**
 * Throttling counters in PostgreSQL, so a limit holds across every instance behind the load balancer.
 * A key counts hits in a window; reaching the limit locks the key for a while. Keys never carry an
 * email in clear: `accountKey`, `pairKey` and `mailKey` hash it.
 *
 * Sign-in is throttled per (account, address) pair with growing delays, per address across accounts,
 * and per account across addresses for strangers only: browsers and addresses the account signed in
 * from before are exempt, so failing on purpose cannot lock the owner out (ADR 0029).
 */
import { eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { authThrottles } from "./schema";
import { hashToken } from "./sessions";
import { normalizeEmail } from "./users";

export interface ThrottlePolicy {
  /** Hits allowed in a window; the hit that reaches it locks the key. */
  max: number;
  windowMs: number;
  lockMs: number;
}

/**
 * Wrong current passwords typed by someone already signed in (changing the address or the password,
 * deleting the account): 5 in 15 minutes pause those forms for 15 minutes, so a stolen session cannot
 * be used to guess the password. Only that session's holder can trip it, and sign-in is not affected.
 */
export const CURRENT_PASSWORD: ThrottlePolicy = { max: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** Growing delays: after `free` failures, each one makes the next attempt wait twice as long, up to a cap. */
export interface DelayPolicy {
  free: number;
  firstDelayMs: number;
  maxDelayMs: number;
  /** Failures are forgotten after this long without one. */
  forgetAfterMs: number;
}

/**
 * Failed sign-ins for one account from one address: 5 free, then 1, 2, 4 ... minutes, at most an hour,
 * between attempts. The person signing in from anywhere else is not slowed down at all.
 */
export const PAIR_SIGN_IN: DelayPolicy = { free: 5, firstDelayMs: 60_000, maxDelayMs: 3600_000, forgetAfterMs: 24 * 3600_000 };
/**
 * Failed sign-ins from one IP address (many accounts tried): 100 in 15 minutes lock it for 15 minutes.
 * High enough for a school or an office behind one address, low enough to stop password spraying.
 */
export const IP_SIGN_IN: ThrottlePolicy = { max: 100, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/**
 * Sign-in attempts on one account from browsers and addresses it never signed in from, across every
 * address (a distributed guessing attack): 20 free, then 1, 2, 4 ... minutes between attempts, at most
 * 15, i.e. about four guesses an hour for the whole internet. The owner's known browsers and addresses
 * are not counted nor slowed; from a new one during an attack, the emailed reset link lets them in.
 * Counted for addresses with no account too, so the pause says nothing about who has one.
 */
export const ACCOUNT_SIGN_IN: DelayPolicy = { free: 20, firstDelayMs: 60_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 24 * 3600_000 };
/** Mails of one kind to one address (confirmation, reset): 3 an hour, so nobody is mail-bombed through us. */
export const MAIL_PER_ADDRESS: ThrottlePolicy = { max: 3, windowMs: 3600_000, lockMs: 3600_000 };

export const accountKey = (email: string) => `signin:acct:${hashToken(normalizeEmail(email))}`;
/** The account's gate for strangers (ACCOUNT_SIGN_IN); distinct from `accountKey` (the current-password counter). */
export const gateKey = (email: string) => `signin:gate:${hashToken(normalizeEmail(email))}`;
const pairPrefix = (email: string) => `signin:pair:${hashToken(normalizeEmail(email))}:`;
export const pairKey = (email: string, ip: string) => `${pairPrefix(email)}${hashToken(ip)}`;
export const ipKey = (ip: string) => `signin:ip:${ip}`;
export const mailKey = (kind: string, email: string) => `mail:${kind}:${hashToken(normalizeEmail(email))}`;

/** The end of the key's lock, if it is locked now. */
export async function lockedUntil(db: Db, key: string): Promise<Date | null> {
  const [row] = await db
    .select({ lockedUntil: authThrottles.lockedUntil })
    .from(authThrottles)
    .where(sql`${authThrottles.key} = ${key} and ${authThrottles.lockedUntil} > now()`);
  return row?.lockedUntil ?? null;
}

/**
 * Counts one hit in a single atomic statement (no read-then-write race between instances) and returns
 * the hits in the current window and the lock it produced, if any.
 */
export async function recordHit(db: Db, key: string, policy: ThrottlePolicy): Promise<{ hits: number; lockedUntil: Date | null }> {
  const windowSec = policy.windowMs / 1000;
  const lockSec = policy.lockMs / 1000;
  const expired = sql`auth_throttles.window_started_at < now() - make_interval(secs => ${windowSec})`;
  const next = sql`case when ${expired} then 1 else auth_throttles.hits + 1 end`;
  const result = await db.execute<{ hits: number; locked_until: string | Date | null }>(sql`
    insert into auth_throttles (key, hits, window_started_at, locked_until)
    values (${key}, 1, now(), case when 1 >= ${policy.max} then now() + make_interval(secs => ${lockSec}) else null end)
    on conflict (key) do update set
      hits = ${next},
      window_started_at = case when ${expired} then now() else auth_throttles.window_started_at end,
      locked_until = case when ${next} >= ${policy.max} then now() + make_interval(secs => ${lockSec}) else auth_throttles.locked_until end
    returning hits, locked_until`);
  const row = result.rows[0];
  const until = row?.locked_until ? new Date(row.locked_until) : null;
  return { hits: row?.hits ?? 1, lockedUntil: until };
}

/**
 * Takes one attempt under a delay policy, in one atomic statement: refused while the key's delay runs;
 * otherwise counted, and from the `free`-th attempt on it starts the next delay before the password is
 * even checked, so attempts sent all at once cannot all slip through. A right password then clears the
 * key (`clearThrottle`), delay included.
 */
export async function takeAttempt(db: Db, key: string, policy: DelayPolicy): Promise<{ allowed: true; lockedUntil: Date | null } | { allowed: false; lockedUntil: Date }> {
  const forgetSec = policy.forgetAfterMs / 1000;
  const forgotten = sql`auth_throttles.window_started_at < now() - make_interval(secs => ${forgetSec})`;
  const next = sql`case when ${forgotten} then 1 else auth_throttles.hits + 1 end`;
  // The exponent is bounded before power(): a counter in the thousands must not overflow a double.
  const delay = (hits: SQL) =>
    sql`case when ${hits} >= ${policy.free} then now() + make_interval(secs => least(${policy.maxDelayMs / 1000}::float8, ${policy.firstDelayMs / 1000}::float8 * power(2, least(${hits} - ${policy.free}, 30)))) else null end`;
  const result = await db.execute<{ hits: number; locked_until: string | Date | null }>(sql`
    insert into auth_throttles (key, hits, window_started_at, locked_until)
    values (${key}, 1, now(), ${delay(sql`1`)})
    on conflict (key) do update set hits = ${next}, window_started_at = now(), locked_until = ${delay(next)}
    where auth_throttles.locked_until is null or auth_throttles.locked_until <= now()
    returning hits, locked_until`);
  const row = result.rows[0];
  if (row) return { allowed: true, lockedUntil: row.locked_until ? new Date(row.locked_until) : null };
  // The delay still runs (a lock that ended between the two statements reads as a minute's wait).
  return { allowed: false, lockedUntil: (await lockedUntil(db, key)) ?? new Date(Date.now() + 60_000) };
}

/** Forgets an account's failed sign-ins from every address, its gate for strangers and its current-password counter. */
export async function clearAccountThrottles(db: Db, email: string): Promise<void> {
  await db.execute(sql`delete from auth_throttles where key in (${accountKey(email)}, ${gateKey(email)}) or starts_with(key, ${pairPrefix(email)})`);
}

/** Counts a hit and says whether it was allowed (the hit that reaches the limit still passes). */
export async function allowHit(db: Db, key: string, policy: ThrottlePolicy): Promise<boolean> {
  const { hits } = await recordHit(db, key, policy);
  return hits <= policy.max;
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.delete(authThrottles).where(eq(authThrottles.key, key));
}

/** Minutes left until `until`, rounded up, for messages. */
export function minutesLeft(until: Date, now = new Date()): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

/** Drops counters whose window and lock are both over (run from a periodic job; see purgeAccountData). */
export async function purgeStaleThrottles(db: Db): Promise<void> {
  await db.execute(sql`delete from auth_throttles where window_started_at < now() - interval '1 day' and (locked_until is null or locked_until < now())`);
}
