/**
 * Registration with email confirmation. Registering with an address that already has an account looks
 * exactly like a new registration to the person at the keyboard (same page, similar time); the owner of
 * the address gets a mail instead, so the form never reveals who has an account.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { fail, ok, type Result } from "../../http/result";
import type { Locale } from "../../i18n/locales";
import type { RegisterInput } from "../inputs";
import { publicLink, sendAccountMail, type MailEnv } from "../mails";
import { hashPassword } from "../passwords";
import { users } from "../schema";
import { allowHit, MAIL_PER_ADDRESS, mailKey } from "../throttle";
import { consumeToken, issueToken, voidTokens } from "../tokens";
import { findUserByEmail, normalizeEmail } from "../users";

export const THROTTLED_MAIL = { _form: { key: "accounts.throttle.mail" } } as const;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";
}

/** Tells the owner of an existing account that someone tried to register with its address. */
async function mailExistingOwner(db: Db, env: MailEnv, user: { id: number; email: string | null; name: string; locale: Locale | null }) {
  if (!user.email) return;
  const token = await issueToken(db, user.id, "reset_password", user.email);
  await sendAccountMail(env, user.email, user.locale, {
    kind: "exists",
    name: user.name,
    link: publicLink(env, "/users/password/reset", token),
    signIn: publicLink(env, "/users/sign-in"),
  });
}

/** Creates an unconfirmed account and mails its confirmation link (or mails the owner of the address). */
export async function register(db: Db, env: MailEnv, input: RegisterInput, locale: Locale): Promise<Result<null>> {
  const email = normalizeEmail(input.email);
  if (!(await allowHit(db, mailKey("register", email), MAIL_PER_ADDRESS))) return fail(THROTTLED_MAIL);
  // Hash in every branch: the time an answer takes must not tell whether the address is known.
  const passwordHash = await hashPassword(input.password);
  const existing = await findUserByEmail(db, email);
  if (existing) {
    await mailExistingOwner(db, env, existing);
    return ok(null);
  }
  let created: { id: number } | undefined;
  let token = "";
  try {
    created = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({ email, name: input.name, passwordHash, locale, termsAcceptedAt: new Date(), newsletterOptIn: input.newsletter === "on" })
        .returning({ id: users.id });
      if (!row) throw new Error("user insert returned nothing");
      token = await issueToken(tx, row.id, "confirm_email", email);
      return row;
    });
  } catch (error) {
    // Two registrations of one address at once: the second behaves as "address already used".
    if (!isUniqueViolation(error)) throw error;
    const owner = await findUserByEmail(db, email);
    if (owner) await mailExistingOwner(db, env, owner);
    return ok(null);
  }
  if (created) await sendAccountMail(env, email, locale, { kind: "confirm", name: input.name, link: publicLink(env, "/users/confirm", token) });
  return ok(null);
}

export type ConfirmOutcome = { kind: "confirmed"; userId: number; email: string; canSignIn: boolean } | { kind: "already" } | { kind: "invalid" };

/** Confirms the address a confirmation link was sent to; the link works once. */
export async function confirmEmail(db: Db, token: unknown): Promise<ConfirmOutcome> {
  return db.transaction(async (tx) => {
    const check = await consumeToken(tx, "confirm_email", token);
    if (check.status === "used") return { kind: "already" };
    if (check.status !== "valid") return { kind: "invalid" };
    // The address must still be the account's: a link sent before a change of address confirms nothing.
    const [user] = await tx
      .update(users)
      .set({ emailConfirmedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(users.id, check.userId), eq(users.email, check.email), isNull(users.deletedAt)))
      .returning({ id: users.id, blockedAt: users.blockedAt });
    if (!user) return { kind: "invalid" };
    await voidTokens(tx, user.id, "confirm_email");
    return { kind: "confirmed", userId: user.id, email: check.email, canSignIn: user.blockedAt === null };
  });
}

/** Sends a new confirmation link if the address belongs to an account still awaiting confirmation. */
export async function resendConfirmation(db: Db, env: MailEnv, emailInput: string): Promise<Result<null>> {
  const email = normalizeEmail(emailInput);
  if (!(await allowHit(db, mailKey("confirm", email), MAIL_PER_ADDRESS))) return fail(THROTTLED_MAIL);
  const user = await findUserByEmail(db, email);
  if (user?.email && !user.emailConfirmedAt && !user.deletedAt && !user.blockedAt) {
    await voidTokens(db, user.id, "confirm_email");
    const token = await issueToken(db, user.id, "confirm_email", user.email);
    await sendAccountMail(env, user.email, user.locale, { kind: "confirm", name: user.name, link: publicLink(env, "/users/confirm", token) });
  }
  return ok(null);
}
