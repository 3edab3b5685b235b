/**
 * Throttling counters in PostgreSQL, so a limit holds across every instance behind the load balancer.
 * A key counts hits in a window; reaching the limit locks the key for a while. Keys never carry an
 * email in clear: `accountKey` and `mailKey` hash it.
 */
import { eq, sql } from "drizzle-orm";
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

/** Failed sign-ins for one account: 5 in 15 minutes lock it for 15 minutes. */
export const ACCOUNT_SIGN_IN: ThrottlePolicy = { max: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/**
 * Failed sign-ins from one IP address (many accounts tried): 100 in 15 minutes lock it for 15 minutes.
 * High enough for a school or an office behind one address, low enough to stop password spraying.
 */
export const IP_SIGN_IN: ThrottlePolicy = { max: 100, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** Mails of one kind to one address (confirmation, reset): 3 an hour, so nobody is mail-bombed through us. */
export const MAIL_PER_ADDRESS: ThrottlePolicy = { max: 3, windowMs: 3600_000, lockMs: 3600_000 };

export const accountKey = (email: string) => `signin:acct:${hashToken(normalizeEmail(email))}`;
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
