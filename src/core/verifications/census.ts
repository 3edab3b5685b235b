/**
 * Census lists: a space admin uploads a CSV of identifiers and a second attribute (student number and
 * birth date, say); a participant proves membership by entering both. Only HMACs of the normalised
 * values are stored, and each entry can be claimed by one account.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { spaces } from "../spaces/schema";
import type { Db } from "../../db/client";
import { audit } from "../audit/audit";
import { fail, ok, type FieldErrors, type Result } from "../http/result";
import { parseCsv } from "./csv";
import { hmac, normalizeBirthDate, normalizeIdentifier, normalizeText } from "./hashing";
import { authorizations, censusEntries, censusLists, type CensusSecondAttribute } from "./schema";
import { grantAuthorization, pruneCensusAuthorizations } from "./service";

export const CENSUS_MAX_ENTRIES = 200_000;
const INSERT_CHUNK = 5_000;
const MAX_REPORTED_ERRORS = 10;

/** The second attribute as stored, or null if it is not valid for its kind. */
export function normalizeSecond(kind: CensusSecondAttribute, value: string): string | null {
  if (kind === "birth_date") return normalizeBirthDate(value);
  const text = normalizeText(value);
  return text === "" ? null : text;
}

/** The stored hash of one entry: the space is part of it, so lists of two spaces never collide. */
export const censusEntryHash = (key: Buffer, spaceId: number, identifier: string, second: string) => hmac(key, ["census", spaceId, identifier, second]);

export interface CensusUpload {
  secondAttribute: CensusSecondAttribute;
  hasHeader: boolean;
  csv: string;
}

/** Parses and hashes an upload; every bad line is reported (up to ten) and nothing is kept. */
export function hashCensus(key: Buffer, spaceId: number, upload: CensusUpload): Result<string[]> {
  const rows = parseCsv(upload.csv).slice(upload.hasHeader ? 1 : 0);
  const problems: Array<{ line: number; key: "verifications.census.lineInvalid" | "verifications.census.lineDuplicate" }> = [];
  const seen = new Set<string>();
  const hashes: string[] = [];
  for (const { line, cells } of rows) {
    const identifier = normalizeIdentifier(cells[0] ?? "");
    const second = normalizeSecond(upload.secondAttribute, cells[1] ?? "");
    if (!identifier || second === null || cells.length > 2) {
      problems.push({ line, key: "verifications.census.lineInvalid" });
    } else if (seen.has(identifier)) {
      problems.push({ line, key: "verifications.census.lineDuplicate" });
    } else {
      seen.add(identifier);
      hashes.push(censusEntryHash(key, spaceId, identifier, second));
    }
    if (problems.length >= MAX_REPORTED_ERRORS) break;
  }
  if (problems.length) {
    const first = problems[0];
    return fail({ csv: { key: first?.key ?? "verifications.census.lineInvalid", values: { line: first?.line ?? 0, lines: problems.map((p) => p.line).join(", ") } } });
  }
  if (hashes.length === 0) return fail({ csv: { key: "verifications.census.empty" } });
  if (hashes.length > CENSUS_MAX_ENTRIES) return fail({ csv: { key: "verifications.census.tooMany", values: { max: CENSUS_MAX_ENTRIES } } });
  return ok(hashes);
}

export interface CensusListInfo {
  spaceId: number;
  secondAttribute: CensusSecondAttribute;
  entryCount: number;
  uploadedAt: Date;
  /** How many people have verified with the list. */
  claimed: number;
}

export async function getCensusList(db: Db, spaceId: number): Promise<CensusListInfo | null> {
  const [row] = await db
    .select({
      spaceId: censusLists.spaceId,
      secondAttribute: censusLists.secondAttribute,
      entryCount: censusLists.entryCount,
      uploadedAt: censusLists.uploadedAt,
      claimed: sql<number>`(select count(*) from ${authorizations} where ${authorizations.handler} = 'census' and ${authorizations.spaceId} = ${censusLists.spaceId})`.mapWith(Number),
    })
    .from(censusLists)
    .where(eq(censusLists.spaceId, spaceId));
  return row ?? null;
}

/**
 * Replaces a space's census list with an upload, in one transaction; authorizations whose entry is not
 * on the new list are withdrawn. Audited with the counts before and after (never the values).
 */
export async function replaceCensus(
  db: Db,
  key: Buffer,
  actor: { id: number; ip?: string | null },
  spaceId: number,
  upload: CensusUpload,
): Promise<Result<{ entryCount: number; revoked: number }>> {
  const hashed = hashCensus(key, spaceId, upload);
  if (!hashed.ok) return hashed;
  const hashes = hashed.value;
  const value = await db.transaction(async (tx) => {
    const [previous] = await tx.select().from(censusLists).where(eq(censusLists.spaceId, spaceId)).for("update");
    const list = { secondAttribute: upload.secondAttribute, entryCount: hashes.length, uploadedBy: actor.id, uploadedAt: new Date() };
    await tx.insert(censusLists).values({ spaceId, ...list }).onConflictDoUpdate({ target: censusLists.spaceId, set: list });
    await tx.delete(censusEntries).where(eq(censusEntries.spaceId, spaceId));
    for (let i = 0; i < hashes.length; i += INSERT_CHUNK) {
      await tx.insert(censusEntries).values(hashes.slice(i, i + INSERT_CHUNK).map((entryHash) => ({ spaceId, entryHash })));
    }
    const revoked = await pruneCensusAuthorizations(tx, spaceId);
    await audit(tx, {
      actorId: actor.id,
      action: "census.replace",
      resourceType: "census_list",
      resourceId: spaceId,
      spaceId,
      before: previous ? { secondAttribute: previous.secondAttribute, entryCount: previous.entryCount, uploadedAt: previous.uploadedAt.toISOString() } : null,
      after: { secondAttribute: upload.secondAttribute, entryCount: hashes.length, revokedAuthorizations: revoked },
      ip: actor.ip ?? null,
    });
    return { entryCount: hashes.length, revoked };
  });
  return ok(value);
}

/**
 * A participant claims a census entry. The answer never says which of the two values was wrong, so the
 * form cannot be used to find out whether an identifier is on the list.
 */
export async function claimCensusEntry(db: Db, key: Buffer, userId: number, spaceId: number, input: { identifier: string; second: string }): Promise<Result<{ id: number }>> {
  const list = await getCensusList(db, spaceId);
  if (!list) return fail({ _form: { key: "verifications.census.noList" } });
  const identifier = normalizeIdentifier(input.identifier);
  const second = normalizeSecond(list.secondAttribute, input.second);
  const errors: FieldErrors = {};
  if (!identifier) errors.identifier = { key: "validation.required" };
  if (second === null) errors.second = { key: list.secondAttribute === "birth_date" ? "validation.date" : "validation.required" };
  if (!identifier || second === null) return fail(errors);
  const entryHash = censusEntryHash(key, spaceId, identifier, second);
  const [entry] = await db.select({ id: censusEntries.id }).from(censusEntries).where(and(eq(censusEntries.spaceId, spaceId), eq(censusEntries.entryHash, entryHash))).limit(1);
  if (!entry) return fail({ _form: { key: "verifications.census.notFound" } });
  return grantAuthorization(db, { userId, handler: "census", spaceId, uniqueId: entryHash, metadata: {} });
}

/** Every space (newest first, at most 500) with its census list's size and date, if it has one. */
export async function listSpacesWithCensus(db: Db) {
  return db
    .select({ spaceId: spaces.id, title: spaces.title, entryCount: censusLists.entryCount, uploadedAt: censusLists.uploadedAt })
    .from(spaces)
    .leftJoin(censusLists, eq(censusLists.spaceId, spaces.id))
    .orderBy(desc(spaces.createdAt))
    .limit(500);
}
