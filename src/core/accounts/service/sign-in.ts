/**
 * Checking credentials, throttled in PostgreSQL (so the limits hold across instances): per account and
 * address with growing delays, and per address across accounts. Failures from one address never slow
 * down the account's owner signing in from another. Unknown addresses cost the same time as known ones
 * and get the same answer.
 */
import type { Db } from "../../../db/client";
import { fail, ok, type Result } from "../../http/result";
import { verifyAgainstDummy, verifyPassword } from "../passwords";
import { clearThrottle, IP_SIGN_IN, ipKey, lockedUntil, minutesLeft, PAIR_SIGN_IN, pairKey, recordHit, takeAttempt } from "../throttle";
import { findUserByEmail } from "../users";

export const SIGN_IN_LOCKED = "accounts.signIn.locked";

const locked = (until: Date) => fail({ _form: { key: SIGN_IN_LOCKED, values: { minutes: minutesLeft(until) } } });

/** The account the credentials open, or the form errors to show (the same for unknown and wrong). */
export async function checkCredentials(db: Db, email: string, password: string, ip: string): Promise<Result<{ userId: number }>> {
  const ipLock = await lockedUntil(db, ipKey(ip));
  if (ipLock) return locked(ipLock);
  const pair = pairKey(email, ip);
  // Counted (and the next delay started) before the password is checked, in one statement: attempts
  // sent all at once cannot all slip through.
  const attempt = await takeAttempt(db, pair, PAIR_SIGN_IN);
  if (!attempt.allowed) return locked(attempt.lockedUntil);

  const user = await findUserByEmail(db, email);
  const valid = user?.passwordHash && !user.deletedAt ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!user || !valid) {
    const perIp = await recordHit(db, ipKey(ip), IP_SIGN_IN);
    const lock = attempt.lockedUntil ?? (perIp.hits >= IP_SIGN_IN.max ? perIp.lockedUntil : null);
    if (lock) return locked(lock);
    return fail({ _form: { key: "accounts.signIn.invalid" } });
  }
  // The right password: this address's failures on this account are forgiven, the delay it started too.
  await clearThrottle(db, pair);
  // Past this point the person proved they know the password: telling them why they cannot enter is safe.
  if (user.blockedAt) return fail({ _form: user.blockedReason ? { key: "moderation.block.signInRefused", values: { reason: user.blockedReason } } : { key: "accounts.signIn.blocked" } });
  if (!user.emailConfirmedAt) return fail({ _form: { key: "accounts.signIn.unconfirmed" } });
  return ok({ userId: user.id });
}
