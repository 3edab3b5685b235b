/**
 * Checking credentials, throttled per account and per IP in PostgreSQL (so the limits hold across
 * instances). Unknown addresses cost the same time as known ones and get the same answer.
 */
import type { Db } from "../../../db/client";
import { fail, ok, type Result } from "../../http/result";
import { verifyAgainstDummy, verifyPassword } from "../passwords";
import { ACCOUNT_SIGN_IN, accountKey, clearThrottle, IP_SIGN_IN, ipKey, lockedUntil, minutesLeft, recordHit } from "../throttle";
import { findUserByEmail } from "../users";

export const SIGN_IN_LOCKED = "accounts.signIn.locked";

const locked = (until: Date) => fail({ _form: { key: SIGN_IN_LOCKED, values: { minutes: minutesLeft(until) } } });

/** The account the credentials open, or the form errors to show (the same for unknown and wrong). */
export async function checkCredentials(db: Db, email: string, password: string, ip: string): Promise<Result<{ userId: number }>> {
  const acct = accountKey(email);
  const until = (await lockedUntil(db, acct)) ?? (await lockedUntil(db, ipKey(ip)));
  if (until) return locked(until);
  // Count the attempt before checking it (one atomic statement): many attempts sent at once cannot
  // all slip past the lock check above and get more than `max` passwords tried.
  const perAccount = await recordHit(db, acct, ACCOUNT_SIGN_IN);
  if (perAccount.hits > ACCOUNT_SIGN_IN.max) return locked(perAccount.lockedUntil ?? new Date(Date.now() + ACCOUNT_SIGN_IN.lockMs));

  const user = await findUserByEmail(db, email);
  const valid = user?.passwordHash && !user.deletedAt ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!user || !valid) {
    const perIp = await recordHit(db, ipKey(ip), IP_SIGN_IN);
    const lock = perAccount.hits >= ACCOUNT_SIGN_IN.max ? perAccount.lockedUntil : perIp.hits >= IP_SIGN_IN.max ? perIp.lockedUntil : null;
    if (lock) return locked(lock);
    return fail({ _form: { key: "accounts.signIn.invalid" } });
  }
  // The right password: the attempts counted for this account are forgiven.
  await clearThrottle(db, acct);
  // Past this point the person proved they know the password: telling them why they cannot enter is safe.
  if (user.blockedAt) return fail({ _form: { key: "accounts.signIn.blocked" } });
  if (!user.emailConfirmedAt) return fail({ _form: { key: "accounts.signIn.unconfirmed" } });
  return ok({ userId: user.id });
}
