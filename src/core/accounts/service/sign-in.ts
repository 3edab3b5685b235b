/**
 * Checking credentials, throttled in PostgreSQL (so the limits hold across instances): per account and
 * address with growing delays, per address across accounts, and per account across addresses for
 * browsers and addresses the account never signed in from (ADR 0029). Failures from one address never
 * slow down the account's owner signing in from another they used before. Unknown addresses cost the
 * same time as known ones and get the same answer.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { fail, ok, type Result } from "../../http/result";
import { verifyAgainstDummy, verifyPassword } from "../passwords";
import { ACCOUNT_SIGN_IN, clearThrottle, gateKey, IP_SIGN_IN, ipKey, lockedUntil, minutesLeft, PAIR_SIGN_IN, pairKey, recordHit, takeAttempt } from "../throttle";
import { findUserByEmail } from "../users";

export const SIGN_IN_LOCKED = "accounts.signIn.locked";

const locked = (until: Date) => fail({ _form: { key: SIGN_IN_LOCKED, values: { minutes: minutesLeft(until) } } });

/** Whether `ip` is the address of one of the account's live sessions (the owner's own network). */
async function sessionAddress(db: Db, userId: number, ip: string): Promise<boolean> {
  const r = await db.execute(sql`select 1 from sessions where user_id = ${userId} and ip = ${ip} and expires_at > now() limit 1`);
  return r.rows.length > 0;
}

/**
 * The account the credentials open, or the form errors to show (the same for unknown and wrong).
 * `knownBrowser`: the browser holds the account's known-browser cookie (it signed in there before).
 */
export async function checkCredentials(db: Db, email: string, password: string, ip: string, knownBrowser = false): Promise<Result<{ userId: number }>> {
  const ipLock = await lockedUntil(db, ipKey(ip));
  if (ipLock) return locked(ipLock);
  const pair = pairKey(email, ip);
  // Counted (and the next delay started) before the password is checked, in one statement: attempts
  // sent all at once cannot all slip through.
  const attempt = await takeAttempt(db, pair, PAIR_SIGN_IN);
  if (!attempt.allowed) return locked(attempt.lockedUntil);

  const user = await findUserByEmail(db, email);
  // A stranger (neither a browser nor an address the account signed in from) goes through the
  // account's own gate, shared by every address: the same statements run for an unknown address.
  const known = knownBrowser || (await sessionAddress(db, user?.id ?? 0, ip));
  const gate = known ? null : await takeAttempt(db, gateKey(email), ACCOUNT_SIGN_IN);
  if (gate && !gate.allowed) return locked(gate.lockedUntil);
  const valid = user?.passwordHash && !user.deletedAt ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!user || !valid) {
    const perIp = await recordHit(db, ipKey(ip), IP_SIGN_IN);
    const lock = attempt.lockedUntil ?? (perIp.hits >= IP_SIGN_IN.max ? perIp.lockedUntil : null);
    if (lock) return locked(lock);
    return fail({ _form: { key: "accounts.signIn.invalid" } });
  }
  // The right password: this address's failures on this account are forgiven, the delay it started too
  // (and the account's gate, when it came through it: the attempts before were the owner's or failed).
  await clearThrottle(db, pair);
  if (gate) await clearThrottle(db, gateKey(email));
  // Past this point the person proved they know the password: telling them why they cannot enter is safe.
  if (user.blockedAt) return fail({ _form: user.blockedReason ? { key: "moderation.block.signInRefused", values: { reason: user.blockedReason } } : { key: "accounts.signIn.blocked" } });
  if (!user.emailConfirmedAt) return fail({ _form: { key: "accounts.signIn.unconfirmed" } });
  return ok({ userId: user.id });
}
