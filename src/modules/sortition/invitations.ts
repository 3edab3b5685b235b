/**
 * Invitations: a uniform random sample of n people of the register, drawn from a recorded seed, one
 * letter each with a unique single-use code.
 *
 * The sample (method `pnyx-sample/1`, ADR 18): a partial Fisher-Yates shuffle of the rows 1..N, whose
 * random integers come from SHA-256 in counter mode — block i is SHA-256("pnyx-sample/1:" + seed + ":" + i),
 * read as four 48-bit big-endian integers, an integer below m taken by rejection (values at or above
 * the largest multiple of m below 2^48 are skipped), so each of the N!/(N-n)! ordered samples is equally
 * likely. The chosen rows are then sorted (letters follow the register's order, usually a street's).
 * Anyone with the seed and N re-derives the same sample (`sampleRows`).
 *
 * Codes: `generateCode` (50 random bits); stored as `lookupHash(normalizeCode(code))`, unique across the
 * installation, and sealed for printing. Letters go 1,000 to a batch (one PDF each).
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import type { Actor } from "../../core/spaces/service";
import { generateCode, normalizeCode } from "./codes";
import { sortitionInvitations, sortitionLetterBatches, sortitionRecruitments } from "./schema";
import { lookupHash, seal, unseal, type SortitionKeys } from "./sealed";
import { forgetAfter } from "./recruitment-cache";
import { settleBulkWrites } from "./table-upkeep";

export const SAMPLE_METHOD = "pnyx-sample/1";
export const LETTERS_PER_BATCH = 1_000;
const INSERT_BATCH = 5_000;
const TWO_48 = 2 ** 48;

/** A stream of uniform integers below m, from the seed (SHA-256 in counter mode, rejection sampling). */
export function seededIntegers(seed: string): (m: number) => number {
  let counter = 0;
  let block: Buffer = Buffer.alloc(0);
  let at = 24;
  const next48 = (): number => {
    if (at >= 24) {
      block = createHash("sha256").update(`${SAMPLE_METHOD}:${seed}:${counter++}`).digest();
      at = 0;
    }
    const v = block.readUIntBE(at, 6);
    at += 6;
    return v;
  };
  return (m) => {
    if (!Number.isInteger(m) || m < 1 || m > TWO_48) throw new RangeError(`cannot draw below ${m}`);
    const limit = Math.floor(TWO_48 / m) * m;
    for (;;) {
      const v = next48();
      if (v < limit) return v % m;
    }
  };
}

/** The sample: n distinct rows of 1..size, sorted, the same for the same seed (a partial Fisher-Yates shuffle). */
export function sampleRows(seed: string, size: number, n: number): number[] {
  if (n > size || n < 0) throw new RangeError(`cannot sample ${n} of ${size}`);
  const below = seededIntegers(seed);
  const rows = new Int32Array(size);
  for (let i = 0; i < size; i++) rows[i] = i + 1;
  for (let i = 0; i < n; i++) {
    const j = i + below(size - i);
    const t = rows[i] as number;
    rows[i] = rows[j] as number;
    rows[j] = t;
  }
  return Array.from(rows.subarray(0, n)).sort((a, b) => a - b);
}

export const newSeed = (): string => randomBytes(16).toString("hex");

/** The batch (1-based PDF file) of the i-th letter (0-based, in register order). */
export const letterBatch = (i: number): number => Math.floor(i / LETTERS_PER_BATCH) + 1;

export type InviteOutcome = { ok: true; count: number; batches: number; seed: string } | { ok: false; reason: "missing" | "invited" | "size" };

/**
 * Draws the sample and creates its invitations and queued letter batches, in one transaction (audited
 * with the seed, the method and n). Once per recruitment. The caller sends the letters job.
 */
export async function invite(db: Db, keys: SortitionKeys, actor: Actor, spaceId: number, recruitmentId: number, n: number, seed: string = newSeed()): Promise<InviteOutcome> {
  const outcome = await writeInvitations(db, keys, actor, spaceId, recruitmentId, n, seed);
  // The invitations' vacuum and statistics now (each registration updates this table), not by autovacuum
  // while the registrations arrive (ADR 0045).
  if (outcome.ok) await settleBulkWrites(db, ["invitations"]);
  return outcome;
}

function writeInvitations(db: Db, keys: SortitionKeys, actor: Actor, spaceId: number, recruitmentId: number, n: number, seed: string): Promise<InviteOutcome> {
  return forgetAfter(recruitmentId, db.transaction(async (tx) => {
    const [r] = await tx.select({ size: sortitionRecruitments.registerSize, invitedAt: sortitionRecruitments.invitedAt }).from(sortitionRecruitments).where(eq(sortitionRecruitments.id, recruitmentId)).for("update");
    if (!r) return { ok: false, reason: "missing" } as const;
    if (r.invitedAt) return { ok: false, reason: "invited" } as const;
    if (n < 1 || n > r.size) return { ok: false, reason: "size" } as const;
    const rows = sampleRows(seed, r.size, n);
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      let part = rows.slice(i, i + INSERT_BATCH).map((row, j) => ({ row, batch: letterBatch(i + j) }));
      // A code already used anywhere (1 chance in ~10^7 per letter at 10,000 letters) is drawn again.
      while (part.length > 0) {
        const codes = part.map(() => generateCode());
        const hashes = codes.map((c) => lookupHash(keys, [normalizeCode(c) ?? c]));
        const inserted = await tx.execute<{ register_row: number }>(sql`
          insert into sortition_invitations (recruitment_id, register_row, code_hash, code_sealed, batch)
          select ${recruitmentId}, r, h, s, b from unnest(${sql.param(part.map((p) => p.row))}::int[], ${sql.param(hashes)}::text[], ${sql.param(codes.map((c) => seal(keys, c)))}::bytea[], ${sql.param(part.map((p) => p.batch))}::int[]) as t(r, h, s, b)
          on conflict (code_hash) do nothing returning register_row`);
        const done = new Set(inserted.rows.map((x) => x.register_row));
        part = part.filter((p) => !done.has(p.row));
      }
    }
    const batches = Math.ceil(n / LETTERS_PER_BATCH);
    await tx.insert(sortitionLetterBatches).values(Array.from({ length: batches }, (_, b) => ({ recruitmentId, batch: b + 1, letters: Math.min(LETTERS_PER_BATCH, n - b * LETTERS_PER_BATCH) })));
    await tx.update(sortitionRecruitments).set({ invitationCount: n, sampleSeed: seed, invitedAt: new Date(), status: "inviting" }).where(eq(sortitionRecruitments.id, recruitmentId));
    await audit(tx, { actorId: actor.id || null, action: "sortition.recruitment.invite", resourceType: "sortition_recruitment", resourceId: recruitmentId, spaceId, after: { invitations: n, register: r.size, seed, method: SAMPLE_METHOD, batches }, ip: actor.ip });
    return { ok: true, count: n, batches, seed } as const;
  }));
}

/** The invitation a typed code opens (unused, of a recruitment still taking registrations), or null. */
export async function findInvitationByCode(db: Db, keys: SortitionKeys, typed: string): Promise<{ id: number; recruitmentId: number; registerRow: number; usedAt: Date | null } | null> {
  const code = normalizeCode(typed);
  if (!code) return null;
  const [row] = await db
    .select({ id: sortitionInvitations.id, recruitmentId: sortitionInvitations.recruitmentId, registerRow: sortitionInvitations.registerRow, usedAt: sortitionInvitations.usedAt })
    .from(sortitionInvitations)
    .where(eq(sortitionInvitations.codeHash, lookupHash(keys, [code])));
  return row ?? null;
}

/** Marks a code used, once: true when this call used it (the registration's transaction calls it). */
export async function useInvitation(db: Db, invitationId: number): Promise<boolean> {
  const rows = await db
    .update(sortitionInvitations)
    .set({ usedAt: new Date() })
    .where(and(eq(sortitionInvitations.id, invitationId), sql`${sortitionInvitations.usedAt} is null`))
    .returning({ id: sortitionInvitations.id });
  return rows.length === 1;
}

/** A batch's letters: register row and code in clear (for printing), in register order (one query). */
export async function batchCodes(db: Db, keys: SortitionKeys, recruitmentId: number, batch: number): Promise<Array<{ row: number; code: string }>> {
  const rows = await db
    .select({ row: sortitionInvitations.registerRow, sealed: sortitionInvitations.codeSealed })
    .from(sortitionInvitations)
    .where(and(eq(sortitionInvitations.recruitmentId, recruitmentId), eq(sortitionInvitations.batch, batch)))
    .orderBy(sortitionInvitations.registerRow);
  return rows.map((r) => ({ row: r.row, code: unseal<string>(keys, r.sealed) }));
}
