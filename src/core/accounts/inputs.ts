/** The account forms' inputs, validated with zod; custom messages are message keys. */
import { z } from "zod";
import { LOCALES } from "../i18n/locales";
import { isGuessablePassword } from "./password-strength";
import { MIN_PASSWORD_LENGTH } from "./passwords";

/**
 * Missing fields say which field they are ("Enter your email address"), not just "required". Only for
 * a missing value: other problems (too short, not an address) keep their own messages.
 */
const whenMissing = (key: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? key : undefined) });

const email = z.string(whenMissing("accounts.field.emailRequired")).trim().min(1, { message: "accounts.field.emailRequired" }).max(254).pipe(z.email({ message: "validation.email" }));
/** Passwords are never trimmed: every character counts. Common ones are refused (see password-strength.ts). */
const newPassword = z
  .string(whenMissing("accounts.field.newPasswordRequired"))
  .min(MIN_PASSWORD_LENGTH)
  .max(200)
  .refine((v) => v.length < MIN_PASSWORD_LENGTH || !isGuessablePassword(v), { message: "accounts.password.guessable" });
/** A password being checked (not chosen): any length, bounded so nobody hashes megabytes. */
const givenPassword = z.string(whenMissing("accounts.field.passwordRequired")).min(1, { message: "accounts.field.passwordRequired" }).max(200);
const name = z.string(whenMissing("accounts.field.nameRequired")).trim().min(1, { message: "accounts.field.nameRequired" }).max(100);
const checkbox = z.literal("on").optional();

export const registerInput = z.object({
  name,
  email,
  password: newPassword,
  terms: z.literal("on", { message: "accounts.register.termsRequired" }),
  newsletter: checkbox,
});
export type RegisterInput = z.infer<typeof registerInput>;

export const signInInput = z.object({ email, password: givenPassword, return_to: z.string().max(2000).optional() });
export type SignInInput = z.infer<typeof signInInput>;

export const emailOnlyInput = z.object({ email });

export const resetInput = z.object({ token: z.string().min(1).max(100), password: newPassword });

export const profileInput = z.object({ name, locale: z.enum(LOCALES), newsletter: checkbox });
export type ProfileInput = z.infer<typeof profileInput>;

/** Field names differ from the other account forms: they share one page, and ids must be unique. */
export const changeEmailInput = z.object({ new_email: email, email_password: givenPassword });

export const changePasswordInput = z.object({ current_password: givenPassword, new_password: newPassword });

export const deleteAccountInput = z.object({ current_password: givenPassword });

export const USER_FILTERS = ["all", "admins", "blocked", "unconfirmed", "deleted"] as const;
export type UserFilter = (typeof USER_FILTERS)[number];

export const adminUsersQuery = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(USER_FILTERS).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});
