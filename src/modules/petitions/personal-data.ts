/**
 * What petitions hold about a person, for "download my data" and account deletion. Signatures are
 * matched by account and by the account's email (a visitor's signature with the same address is the
 * same person's). On deletion, confirmed signatures stay counted (their region too, for the quotas) but
 * lose everything that identifies the signer; unconfirmed ones are deleted. Follows and queued mails
 * are the core's (src/core/follows, src/core/mail/outbox.ts), erased with the account there.
 * Petitions the person wrote stay public under the anonymised account.
 */
import { and, eq, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { petitionCosponsors, petitions, petitionSignatures } from "./schema";
import { canonicalEmail } from "./tokens";

const ofPerson = (userId: number, email: string | null) => {
  const byAccount = eq(petitionSignatures.userId, userId);
  return email ? or(byAccount, eq(petitionSignatures.canonicalEmail, canonicalEmail(email).canonical)) : byAccount;
};

export async function exportPetitionData(db: Db, userId: number): Promise<unknown> {
  const [account] = await db.execute<{ email: string | null }>(sql`select email from users where id = ${userId}`).then((r) => r.rows);
  const signatures = await db
    .select({
      petitionId: petitionSignatures.petitionId,
      petition: petitions.title,
      email: petitionSignatures.email,
      name: petitionSignatures.name,
      birthDate: petitionSignatures.birthDate,
      postalCode: petitionSignatures.postalCode,
      region: petitionSignatures.region,
      showName: petitionSignatures.showName,
      state: petitionSignatures.state,
      ip: petitionSignatures.ip,
      createdAt: petitionSignatures.createdAt,
      confirmedAt: petitionSignatures.confirmedAt,
    })
    .from(petitionSignatures)
    .innerJoin(petitions, eq(petitions.id, petitionSignatures.petitionId))
    .where(ofPerson(userId, account?.email ?? null))
    .orderBy(petitionSignatures.id)
    .limit(10_000);
  const authored = await db
    .select({ id: petitions.id, title: petitions.title, summary: petitions.summary, body: petitions.body, state: petitions.state, createdAt: petitions.createdAt })
    .from(petitions)
    .where(eq(petitions.authorId, userId))
    .orderBy(petitions.id)
    .limit(10_000);
  const cosponsored = await db.select({ petitionId: petitionCosponsors.petitionId, at: petitionCosponsors.createdAt }).from(petitionCosponsors).where(eq(petitionCosponsors.userId, userId)).limit(10_000);
  return { signatures, authored, cosponsored };
}

export async function erasePetitionData(tx: Db, user: { id: number; email: string | null }): Promise<void> {
  const mine = ofPerson(user.id, user.email);
  await tx.delete(petitionSignatures).where(and(mine, eq(petitionSignatures.state, "pending")));
  // Unique per petition, so each erased signature keeps a distinct, meaningless key.
  await tx
    .update(petitionSignatures)
    .set({
      userId: null,
      email: "",
      canonicalEmail: sql`'erased:' || ${petitionSignatures.id}`,
      emailDomain: "",
      name: "",
      birthDate: null,
      postalCode: "",
      showName: false,
      tokenHash: null,
      ip: null,
    })
    .where(mine);
}
