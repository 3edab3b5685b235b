/**
 * Forgotten password: a link valid one hour, used once. Asking answers the same whether or not the
 * address has an account; a stranger's address gets a short "no account here" mail instead of a link.
 * The request does the same work in both cases (a throttle hit and one queued job): the lookup, the
 * link's token and the mail are the job's (`sendResetMail`), so the answer's time tells nothing either.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../../db/client";
import type { AppDeps } from "../../http/deps";
import { fail, ok, type Result } from "../../http/result";
import { getOrganization } from "../../organization/service";
import { publicLink, sendAccountMail, type MailEnv } from "../mails";
import { hashPassword } from "../passwords";
import { users } from "../schema";
import { destroyUserSessions } from "../sessions";
import { allowHit, clearAccountThrottles, MAIL_PER_ADDRESS, mailKey } from "../throttle";
import { consumeToken, issueToken, voidTokens } from "../tokens";
import { findUserByEmail, normalizeEmail } from "../users";
import { THROTTLED_MAIL } from "./registration";

/** The background job answering a reset request (registered with the core's jobs). */
export const RESET_REQUEST_JOB = "accounts.reset-request";

export interface ResetRequest {
  email: string;
  requestLocale: string;
}

/** Takes a request for a reset link: the same statements and one queued job, whoever the address is. */
export async function requestPasswordReset(db: Db, env: MailEnv, emailInput: string, requestLocale: string): Promise<Result<null>> {
  const email = normalizeEmail(emailInput);
  if (!(await allowHit(db, mailKey("reset", email), MAIL_PER_ADDRESS))) return fail(THROTTLED_MAIL);
  await env.deps.jobs.send(RESET_REQUEST_JOB, { email, requestLocale } satisfies ResetRequest);
  return ok(null);
}

/** The job: the link to the account's owner, "no account here" to a stranger, nothing to a closed account. */
export async function sendResetMail(deps: Pick<AppDeps, "db" | "jobs" | "config">, { email, requestLocale }: ResetRequest): Promise<void> {
  const { db } = deps;
  const env: MailEnv = { deps, org: await getOrganization(db) };
  const user = await findUserByEmail(db, email);
  if (user?.email && !user.deletedAt && !user.blockedAt) {
    await voidTokens(db, user.id, "reset_password");
    const token = await issueToken(db, user.id, "reset_password", user.email);
    await sendAccountMail(env, user.email, user.locale, { kind: "reset", name: user.name, link: publicLink(env, "/users/password/reset", token) });
  } else if (!user) {
    const locale = env.org.availableLocales.find((l) => l === requestLocale) ?? null;
    await sendAccountMail(env, email, locale, { kind: "noAccount", link: publicLink(env, "/users/sign-up") });
  }
}

/**
 * Sets the new password from a reset link. Following the link proves the mailbox, so it also confirms
 * the address; every session ends (the caller then opens a fresh one) and the sign-in lock is lifted.
 */
export async function resetPassword(db: Db, token: string, password: string): Promise<Result<{ userId: number; canSignIn: boolean }>> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const check = await consumeToken(tx, "reset_password", token);
    if (check.status !== "valid") return fail({ _form: { key: "accounts.reset.invalid" } });
    const [user] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date() })
      .where(and(eq(users.id, check.userId), eq(users.email, check.email), isNull(users.deletedAt)))
      .returning({ id: users.id, email: users.email, confirmedAt: users.emailConfirmedAt, blockedAt: users.blockedAt });
    if (!user?.email) return fail({ _form: { key: "accounts.reset.invalid" } });
    if (!user.confirmedAt) await tx.update(users).set({ emailConfirmedAt: new Date() }).where(eq(users.id, user.id));
    await voidTokens(tx, user.id, "reset_password");
    await destroyUserSessions(tx, user.id);
    // A new password: the delays failures started, from any address, no longer protect anything.
    await clearAccountThrottles(tx, user.email);
    return ok({ userId: user.id, canSignIn: user.blockedAt === null });
  });
}
