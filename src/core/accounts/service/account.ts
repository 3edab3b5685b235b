/**
 * What a signed-in person changes on their own account: profile, address (confirmed by mail before it
 * takes effect), password, and deleting the account (content kept, person anonymised).
 */
import { scrubPersonalJobs } from "../../jobs/scrub";
import { forgetOutboxMails } from "../../mail/outbox";
import { listComponentManifests } from "../../components/registry";
import { personalDataExporters } from "../personal-data";
import { notifications } from "../../notifications/schema";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { fail, ok, type Result } from "../../http/result";
import type { Locale } from "../../i18n/locales";
import type { ProfileInput } from "../inputs";
import { publicLink, sendAccountMail, type MailEnv } from "../mails";
import { hashPassword, verifyPassword } from "../passwords";
import { accountTokens, sessions, users } from "../schema";
import { destroyUserSessions } from "../sessions";
import { accountKey, allowHit, clearAccountThrottles, CURRENT_PASSWORD, lockedUntil, MAIL_PER_ADDRESS, mailKey, minutesLeft, recordHit } from "../throttle";
import { consumeToken, issueToken, voidTokens } from "../tokens";
import { findUserByEmail, normalizeEmail } from "../users";
import { forgetAuthorizations } from "../../verifications/service";
import { THROTTLED_MAIL } from "./registration";

export async function updateProfile(db: Db, userId: number, input: ProfileInput): Promise<Result<null>> {
  await db
    .update(users)
    .set({ name: input.name, locale: input.locale, newsletterOptIn: input.newsletter === "on", updatedAt: new Date() })
    .where(eq(users.id, userId));
  return ok(null);
}

/**
 * Checks the current password before a sensitive change. Failures are counted for the account, so a
 * stolen session cannot be used to guess the password.
 */
async function checkCurrentPassword(db: Db, userId: number, password: string, field: string): Promise<Result<{ email: string; name: string; locale: Locale | null }>> {
  const [user] = await db.select().from(users).where(and(eq(users.id, userId), isNull(users.deletedAt)));
  if (!user?.email || !user.passwordHash) return fail({ [field]: { key: "accounts.password.wrong" } });
  const key = accountKey(user.email);
  const until = await lockedUntil(db, key);
  if (until) return fail({ _form: { key: "accounts.signIn.locked", values: { minutes: minutesLeft(until) } } });
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordHit(db, key, CURRENT_PASSWORD);
    return fail({ [field]: { key: "accounts.password.wrong" } });
  }
  return ok({ email: user.email, name: user.name, locale: user.locale });
}

/**
 * Starts a change of address: the new address gets a link, and only following it changes anything.
 * An address that belongs to someone else gets a notice instead, and the answer here is the same.
 */
export async function requestEmailChange(db: Db, env: MailEnv, userId: number, input: { new_email: string; email_password: string }): Promise<Result<{ email: string }>> {
  const checked = await checkCurrentPassword(db, userId, input.email_password, "email_password");
  if (!checked.ok) return checked;
  const email = normalizeEmail(input.new_email);
  if (email === checked.value.email) return fail({ new_email: { key: "accounts.email.same" } });
  if (!(await allowHit(db, mailKey("change", email), MAIL_PER_ADDRESS))) return fail(THROTTLED_MAIL);
  const { locale, name } = checked.value;
  const owner = await findUserByEmail(db, email);
  if (owner) {
    await sendAccountMail(env, email, owner.locale, { kind: "changeTaken" });
    return ok({ email });
  }
  const token = await db.transaction(async (tx) => {
    await tx.update(users).set({ unconfirmedEmail: email, updatedAt: new Date() }).where(eq(users.id, userId));
    await voidTokens(tx, userId, "change_email");
    return issueToken(tx, userId, "change_email", email);
  });
  await sendAccountMail(env, email, locale, { kind: "change", name, link: publicLink(env, "/account/email/confirm", token) });
  return ok({ email });
}

/** Applies a change of address from its link, then tells the old address. */
export async function confirmEmailChange(db: Db, env: MailEnv, token: unknown): Promise<Result<{ userId: number }>> {
  const invalid = fail({ _form: { key: "accounts.email.invalid" } });
  let change: { userId: number; oldEmail: string; newEmail: string; name: string; locale: Locale | null } | null = null;
  try {
    change = await db.transaction(async (tx) => {
      const check = await consumeToken(tx, "change_email", token);
      if (check.status !== "valid") return null;
      const [user] = await tx.select().from(users).where(and(eq(users.id, check.userId), isNull(users.deletedAt))).for("update");
      // A later request replaces the pending address: an older link no longer applies.
      if (!user?.email || user.unconfirmedEmail !== check.email) return null;
      await tx
        .update(users)
        .set({ email: check.email, unconfirmedEmail: null, emailConfirmedAt: new Date(), updatedAt: new Date() })
        .where(eq(users.id, user.id));
      // Links mailed to the old address must not act on the new one.
      await voidTokens(tx, user.id, "reset_password");
      await voidTokens(tx, user.id, "confirm_email");
      return { userId: user.id, oldEmail: user.email, newEmail: check.email, name: user.name, locale: user.locale };
    });
  } catch (error) {
    // Someone took the address in the meantime (unique index): the change cannot happen.
    if ((error as { code?: unknown }).code === "23505") return invalid;
    throw error;
  }
  if (!change) return invalid;
  await sendAccountMail(env, change.oldEmail, change.locale, { kind: "changed", name: change.name, email: change.newEmail });
  return ok({ userId: change.userId });
}

/** Changes the password (the current one is required) and ends every other session. */
export async function changePassword(db: Db, env: MailEnv, userId: number, keepSession: string | null, input: { current_password: string; new_password: string }): Promise<Result<null>> {
  const checked = await checkCurrentPassword(db, userId, input.current_password, "current_password");
  if (!checked.ok) return checked;
  const passwordHash = await hashPassword(input.new_password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
    await destroyUserSessions(tx, userId, keepSession ?? undefined);
    await voidTokens(tx, userId, "reset_password");
  });
  await sendAccountMail(env, checked.value.email, checked.value.locale, {
    kind: "passwordChanged",
    name: checked.value.name,
    link: publicLink(env, "/users/password/forgot"),
  });
  return ok(null);
}

/**
 * Deletes an account: what the person published stays, but the account no longer says who they were.
 * `deletedName` is the translated "Deleted participant" in the organization's default language; views
 * translate it again with `displayName`.
 */
export async function deleteAccount(db: Db, userId: number, password: string, deletedName: string): Promise<Result<null>> {
  const checked = await checkCurrentPassword(db, userId, password, "current_password");
  if (!checked.ok) return checked;
  // The organization must never be left without anyone able to administer it.
  const admins = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.isAdmin, true), isNull(users.deletedAt), isNull(users.blockedAt)))
    .limit(2);
  if (admins.length === 1 && admins[0]?.id === userId) return fail({ _form: { key: "accounts.delete.lastAdmin" } });
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        email: null,
        unconfirmedEmail: null,
        name: deletedName,
        nickname: null,
        passwordHash: null,
        locale: null,
        newsletterOptIn: false,
        extra: {},
        deletedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(users.id, userId));
    await tx.delete(accountTokens).where(eq(accountTokens.userId, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(notifications).where(eq(notifications.userId, userId));
    // What the person proved (birth date, census entry) goes with the account.
    await forgetAuthorizations(tx, userId);
    // Core areas (endorsements, co-authorships...) erase what they registered with their exporter.
    for (const exporter of personalDataExporters) await exporter.erase?.(tx, userId);
    // Every component erases or anonymises what it holds, as its manifest tells the person.
    for (const manifest of listComponentManifests()) await manifest.personalData?.erase(tx, { id: userId, email: checked.value.email });
    // Queued and archived background jobs (mails) that still carry the address.
    await scrubPersonalJobs(tx, checked.value.email);
    await forgetOutboxMails(tx, checked.value.email);
    await clearAccountThrottles(tx, checked.value.email);
  });
  return ok(null);
}


export interface SessionSummary {
  current: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/** The person's live sessions, most recent first (bounded: nobody needs to read more than 50). */
export async function listSessions(db: Db, userId: number, currentSessionId: string | null): Promise<SessionSummary[]> {
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(desc(sessions.lastSeenAt))
    .limit(50);
  return rows.map((r) => ({ current: r.id === currentSessionId, createdAt: r.createdAt, lastSeenAt: r.lastSeenAt, ip: r.ip, userAgent: r.userAgent }));
}
