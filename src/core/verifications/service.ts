/** Authorizations: what a person has proven, granted by the verification flows, revoked by admins. */
import { and, desc, eq, isNull, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../accounts/schema";
import { audit } from "../audit/audit";
import { fail, ok, type Result } from "../http/result";
import type { Translatable } from "../i18n/locales";
import { spaces } from "../spaces/schema";
import { authorizations, censusEntries } from "./schema";

export type AuthorizationMetadata = Record<string, string | number>;

export interface Authorization {
  id: number;
  userId: number;
  handler: string;
  spaceId: number | null;
  metadata: AuthorizationMetadata;
  grantedAt: Date;
}

const scope = (spaceId: number | null): SQL => (spaceId === null ? isNull(authorizations.spaceId) : eq(authorizations.spaceId, spaceId));

/** The person's authorization for a handler in a scope (a space, or the organization when null). */
export async function findAuthorization(db: Db, userId: number, handler: string, spaceId: number | null): Promise<Authorization | null> {
  const [row] = await db
    .select({ id: authorizations.id, userId: authorizations.userId, handler: authorizations.handler, spaceId: authorizations.spaceId, metadata: authorizations.metadata, grantedAt: authorizations.grantedAt })
    .from(authorizations)
    .where(and(eq(authorizations.userId, userId), eq(authorizations.handler, handler), scope(spaceId)));
  return row ?? null;
}

/** Every authorization a person holds (one query, for the "my verifications" page). */
export async function userAuthorizations(db: Db, userId: number): Promise<Authorization[]> {
  return db
    .select({ id: authorizations.id, userId: authorizations.userId, handler: authorizations.handler, spaceId: authorizations.spaceId, metadata: authorizations.metadata, grantedAt: authorizations.grantedAt })
    .from(authorizations)
    .where(eq(authorizations.userId, userId));
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  // drizzle wraps the driver's error; look at it and at its cause.
  for (let e: unknown = error, i = 0; e && typeof e === "object" && i < 3; e = (e as { cause?: unknown }).cause, i++) {
    const pgError = e as { code?: unknown; constraint?: unknown };
    if (pgError.code === "23505" && pgError.constraint === constraint) return true;
  }
  return false;
}

export interface Grant {
  userId: number;
  handler: string;
  spaceId: number | null;
  /** HMAC of what identifies the real person, when one person may hold it only once. */
  uniqueId: string | null;
  metadata: AuthorizationMetadata;
}

/**
 * Grants (or renews, replacing the metadata) an authorization. Refused when another account already
 * holds the same unique id: one census entry, one person.
 */
export async function grantAuthorization(db: Db, grant: Grant): Promise<Result<{ id: number }>> {
  try {
    const id = await db.transaction(async (tx) => {
      await tx.delete(authorizations).where(and(eq(authorizations.userId, grant.userId), eq(authorizations.handler, grant.handler), scope(grant.spaceId)));
      const [row] = await tx.insert(authorizations).values(grant).returning({ id: authorizations.id });
      if (!row) throw new Error("authorization insert returned nothing");
      return row.id;
    });
    return ok({ id });
  } catch (error) {
    if (isUniqueViolation(error, "verification_authorizations_unique_id_key")) return fail({ _form: { key: "verifications.alreadyClaimed" } });
    throw error;
  }
}

export interface AuthorizationRow extends Authorization {
  userName: string;
  userEmail: string | null;
  spaceTitle: Translatable | null;
}

export const AUTHORIZATIONS_PAGE_SIZE = 50;

/** One page of authorizations, newest first, with people and spaces joined (one query). */
export async function listAuthorizations(db: Db, filter: { handler?: string | undefined; before?: number | undefined }): Promise<{ rows: AuthorizationRow[]; next: number | null }> {
  const conditions: SQL[] = [];
  if (filter.handler) conditions.push(eq(authorizations.handler, filter.handler));
  if (filter.before) conditions.push(lt(authorizations.id, filter.before));
  const rows = await db
    .select({
      id: authorizations.id,
      userId: authorizations.userId,
      handler: authorizations.handler,
      spaceId: authorizations.spaceId,
      metadata: authorizations.metadata,
      grantedAt: authorizations.grantedAt,
      userName: users.name,
      userEmail: users.email,
      spaceTitle: spaces.title,
    })
    .from(authorizations)
    .innerJoin(users, eq(users.id, authorizations.userId))
    .leftJoin(spaces, eq(spaces.id, authorizations.spaceId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(authorizations.id))
    .limit(AUTHORIZATIONS_PAGE_SIZE + 1);
  const page = rows.slice(0, AUTHORIZATIONS_PAGE_SIZE);
  return { rows: page, next: rows.length > AUTHORIZATIONS_PAGE_SIZE ? (page[page.length - 1]?.id ?? null) : null };
}

/**
 * Forgets everything a person proved (for account deletion): the declared birth date goes, and their
 * census entry can be claimed again. Call it in the deletion's transaction.
 */
export async function forgetAuthorizations(db: Db, userId: number): Promise<void> {
  await db.delete(authorizations).where(eq(authorizations.userId, userId));
}

/** An admin withdraws an authorization (the person must verify again); audited. */
export async function revokeAuthorization(db: Db, actor: { id: number; ip?: string | null }, id: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx.delete(authorizations).where(eq(authorizations.id, id)).returning();
    if (!row) return false;
    await audit(tx, {
      actorId: actor.id,
      action: "verification.revoke",
      resourceType: "authorization",
      resourceId: id,
      spaceId: row.spaceId,
      before: { userId: row.userId, handler: row.handler, spaceId: row.spaceId, metadata: row.metadata, grantedAt: row.grantedAt.toISOString() },
      after: null,
      ip: actor.ip ?? null,
    });
    return true;
  });
}

/** Removes the census authorizations of a space whose entry is no longer on its (re-uploaded) list. */
export async function pruneCensusAuthorizations(db: Db, spaceId: number): Promise<number> {
  const removed = await db
    .delete(authorizations)
    .where(
      and(
        eq(authorizations.handler, "census"),
        eq(authorizations.spaceId, spaceId),
        sql`not exists (select 1 from ${censusEntries} where ${censusEntries.spaceId} = ${spaceId} and ${censusEntries.entryHash} = ${authorizations.uniqueId})`,
      ),
    )
    .returning({ id: authorizations.id });
  return removed.length;
}
