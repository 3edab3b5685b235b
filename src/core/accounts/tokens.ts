/**
 * Single-use, expiring tokens carried by mail links. The link holds a random token; the database only
 * its SHA-256, so someone reading the table cannot confirm, reset or take over anything.
 */
import { randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { accountTokens, type AccountTokenPurpose } from "./schema";
import { hashToken } from "./sessions";

export const TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = {
  confirm_email: 3 * 24 * 3600 * 1000,
  reset_password: 3600 * 1000,
  change_email: 24 * 3600 * 1000,
};

/** Stores a new token for `userId` and returns it in clear (to put in the mail, never stored). */
export async function issueToken(db: Db, userId: number, purpose: AccountTokenPurpose, email: string, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.insert(accountTokens).values({
    userId,
    purpose,
    email,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[purpose]),
  });
  return token;
}

export type TokenCheck =
  | { status: "valid"; userId: number; email: string }
  | { status: "used"; userId: number; email: string }
  | { status: "expired" | "unknown" };

/**
 * Uses a token once: marks it used (atomically, so two clicks cannot both succeed) and reports who it
 * was for. A token already used or expired reports so, which lets the page explain instead of failing.
 */
export async function consumeToken(db: Db, purpose: AccountTokenPurpose, token: unknown, now = new Date()): Promise<TokenCheck> {
  if (typeof token !== "string" || token.length < 20 || token.length > 100) return { status: "unknown" };
  const tokenHash = hashToken(token);
  const [claimed] = await db
    .update(accountTokens)
    .set({ usedAt: now })
    .where(and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)))
    .returning();
  if (claimed) {
    if (claimed.expiresAt.getTime() <= now.getTime()) return { status: "expired" };
    return { status: "valid", userId: claimed.userId, email: claimed.email };
  }
  const [row] = await db
    .select()
    .from(accountTokens)
    .where(and(eq(accountTokens.tokenHash, tokenHash), eq(accountTokens.purpose, purpose)));
  if (!row) return { status: "unknown" };
  return { status: "used", userId: row.userId, email: row.email };
}

/** Whether a token is currently usable (without using it): the reset form checks before it is shown. */
export async function peekToken(db: Db, purpose: AccountTokenPurpose, token: unknown, now = new Date()): Promise<boolean> {
  if (typeof token !== "string" || token.length < 20 || token.length > 100) return false;
  const [row] = await db
    .select({ expiresAt: accountTokens.expiresAt })
    .from(accountTokens)
    .where(and(eq(accountTokens.tokenHash, hashToken(token)), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)));
  return row !== undefined && row.expiresAt.getTime() > now.getTime();
}

/** Voids every open token of a purpose (a new password voids older reset links, and so on). */
export async function voidTokens(db: Db, userId: number, purpose: AccountTokenPurpose, now = new Date()): Promise<void> {
  await db
    .update(accountTokens)
    .set({ usedAt: now })
    .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)));
}

/** Drops tokens expired for a week (kept that long so a late click still says "expired", not "unknown"). */
export async function purgeExpiredTokens(db: Db): Promise<void> {
  await db.delete(accountTokens).where(sql`${accountTokens.expiresAt} < now() - interval '7 days'`);
}
