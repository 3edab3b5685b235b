/** Creating and finding accounts (the flows around them live in the accounts routes and service). */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Locale } from "../i18n/locales";
import { hashPassword } from "./passwords";
import { users } from "./schema";

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(sql`lower(${users.email})`, normalizeEmail(email)));
  return row ?? null;
}

/** The account with this id, deleted or not. */
export async function findUserById(db: Db, id: number) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

/** The language a person reads the site in, kept for their next visit and their mails. */
export async function setUserLocale(db: Db, id: number, locale: Locale): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, id));
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  isAdmin?: boolean;
  confirmed?: boolean;
  locale?: Locale | null;
}

/** Inserts an account with an argon2id hash; returns its id. */
export async function createUser(db: Db, input: NewUser): Promise<number> {
  const [row] = await db
    .insert(users)
    .values({
      email: normalizeEmail(input.email),
      name: input.name,
      passwordHash: await hashPassword(input.password),
      isAdmin: input.isAdmin ?? false,
      emailConfirmedAt: input.confirmed ? new Date() : null,
      locale: input.locale ?? null,
    })
    .returning({ id: users.id });
  if (!row) throw new Error("user insert returned nothing");
  return row.id;
}

/**
 * A person's name for display. Deleted accounts keep their row (their content points at it) with a
 * name stored in the organization's language; every view shows them in the reader's language instead.
 */
export function displayName(user: { name: string; deletedAt: Date | null }, t: (key: "accounts.deletedParticipant") => string): string {
  return user.deletedAt ? t("accounts.deletedParticipant") : user.name;
}
