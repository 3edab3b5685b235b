/**
 * The adoption vote on the text's current (published) version: the editors open and close it (both
 * audited); while it is open the space's members — sitting assembly members with an account, and the
 * private space's admitted users — vote for, against or abstain, and may change their vote. Closing
 * records the result on the version (`text_versions.adoption`, `adopted_at` when adopted): adopted
 * when more members voted for than against. A secret vote shows counts only; a public one the names.
 * The vote belongs to the version it opened on: publishing a new version is refused while it is open
 * (publish.ts), so the version current at the close is the one voted on.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../../core/accounts/schema";
import { audit } from "../../core/audit/audit";
import { fail, ok, type Result } from "../../core/http/result";
import { textAdoptionBallots, textVersions, texts, type AdoptionResult } from "./schema";

export const ADOPTION_CHOICES = ["for", "against", "abstain"] as const;
export type AdoptionChoice = (typeof ADOPTION_CHOICES)[number];

/** The space's voting members (user ids), as a subquery. */
const electorate = (spaceId: number) => sql`(
  select m.user_id from assembly_members m where m.space_id = ${spaceId} and m.user_id is not null and m.ceased_at is null
  union select u.user_id from space_private_users u where u.space_id = ${spaceId})`;

export async function isVotingMember(db: Db, spaceId: number, userId: number): Promise<boolean> {
  const r = await db.execute(sql`select 1 from ${electorate(spaceId)} e(user_id) where e.user_id = ${userId}`);
  return r.rows.length > 0;
}

export interface Editor {
  id: number;
  ip: string | null;
  spaceId: number;
}

const locked = (tx: Db, componentId: number, textId: number) =>
  tx
    .select({ id: texts.id, currentVersionId: texts.currentVersionId, adoptionStatus: texts.adoptionStatus, adoptionSecret: texts.adoptionSecret })
    .from(texts)
    .where(and(eq(texts.id, textId), eq(texts.componentId, componentId)))
    .for("update");

/** Opens the vote on the current version, secret or public. */
export async function openAdoption(db: Db, by: Editor, componentId: number, textId: number, secret: boolean): Promise<Result<{ versionId: number }>> {
  return db.transaction(async (tx) => {
    const [t] = await locked(tx, componentId, textId);
    if (!t?.currentVersionId) return fail({ _form: { key: "texts.adoption.noVersion" } });
    if (t.adoptionStatus === "open") return fail({ _form: { key: "texts.adoption.alreadyOpen" } });
    await tx.update(texts).set({ adoptionStatus: "open", adoptionSecret: secret, updatedAt: sql`now()` }).where(eq(texts.id, textId));
    await audit(tx, { actorId: by.id, action: "text_adoption.open", resourceType: "text", resourceId: textId, spaceId: by.spaceId, before: { status: t.adoptionStatus }, after: { status: "open", secret, versionId: t.currentVersionId }, ip: by.ip });
    return ok({ versionId: t.currentVersionId });
  });
}

/** A member's vote (changeable while the vote is open). */
export async function castAdoptionBallot(db: Db, spaceId: number, componentId: number, textId: number, userId: number, choice: AdoptionChoice): Promise<Result<{ versionId: number }>> {
  return db.transaction(async (tx) => {
    const [t] = await tx
      .select({ currentVersionId: texts.currentVersionId, adoptionStatus: texts.adoptionStatus })
      .from(texts)
      .where(and(eq(texts.id, textId), eq(texts.componentId, componentId)))
      .for("share");
    if (!t?.currentVersionId || t.adoptionStatus !== "open") return fail({ _form: { key: "texts.adoption.notOpen" } });
    if (!(await isVotingMember(tx, spaceId, userId))) return fail({ _form: { key: "texts.adoption.membersOnly" } });
    await tx
      .insert(textAdoptionBallots)
      .values({ versionId: t.currentVersionId, userId, choice })
      .onConflictDoUpdate({ target: [textAdoptionBallots.versionId, textAdoptionBallots.userId], set: { choice, createdAt: sql`now()` } });
    return ok({ versionId: t.currentVersionId });
  });
}

async function countBallots(db: Db, spaceId: number, versionId: number): Promise<AdoptionResult> {
  // Only members still entitled when counting: a member who left no longer counts.
  const r = await db.execute<{ for: number; against: number; abstain: number; electorate: number }>(sql`
    select
      count(*) filter (where b.choice = 'for')::int as "for",
      count(*) filter (where b.choice = 'against')::int as against,
      count(*) filter (where b.choice = 'abstain')::int as abstain,
      (select count(*)::int from ${electorate(spaceId)} e(user_id)) as electorate
    from text_adoption_ballots b
    where b.version_id = ${versionId} and b.user_id in ${electorate(spaceId)}`);
  const row = r.rows[0] ?? { for: 0, against: 0, abstain: 0, electorate: 0 };
  return { for: row.for, against: row.against, abstain: row.abstain, electorate: row.electorate, adopted: row.for > row.against };
}

/** Closes the vote and records the result on the version (adopted when more for than against). */
export async function closeAdoption(db: Db, by: Editor, componentId: number, textId: number): Promise<Result<AdoptionResult>> {
  return db.transaction(async (tx) => {
    const [t] = await locked(tx, componentId, textId);
    if (!t?.currentVersionId || t.adoptionStatus !== "open") return fail({ _form: { key: "texts.adoption.notOpen" } });
    const result = await countBallots(tx, by.spaceId, t.currentVersionId);
    await tx
      .update(textVersions)
      .set({ adoption: result, adoptedAt: result.adopted ? sql`now()` : null })
      .where(eq(textVersions.id, t.currentVersionId));
    await tx.update(texts).set({ adoptionStatus: "done", updatedAt: sql`now()` }).where(eq(texts.id, textId));
    await audit(tx, { actorId: by.id, action: "text_adoption.close", resourceType: "text", resourceId: textId, spaceId: by.spaceId, before: { status: "open" }, after: { status: "done", versionId: t.currentVersionId, result }, ip: by.ip });
    return ok(result);
  });
}

export interface AdoptionState {
  status: "closed" | "open" | "done";
  secret: boolean;
  versionId: number | null;
  versionNumber: number | null;
  /** The recorded result (once closed). */
  result: AdoptionResult | null;
  adoptedAt: Date | null;
  /** Ballots cast so far (while open: a number, never how they voted). */
  cast: number;
  /** The reader's own choice, when they voted. */
  mine: AdoptionChoice | null;
  /** Whether the reader may vote (a member). */
  member: boolean;
  /** A public vote, once closed: who voted what. */
  names: Array<{ name: string; choice: AdoptionChoice }> | null;
}

/** The vote as a reader sees it, in a fixed number of queries. */
export async function loadAdoption(db: Db, spaceId: number, componentId: number, textId: number, viewerId: number | null): Promise<AdoptionState | null> {
  const [t] = await db
    .select({ status: texts.adoptionStatus, secret: texts.adoptionSecret, versionId: texts.currentVersionId, versionNumber: textVersions.number, result: textVersions.adoption, adoptedAt: textVersions.adoptedAt })
    .from(texts)
    .leftJoin(textVersions, eq(textVersions.id, texts.currentVersionId))
    .where(and(eq(texts.id, textId), eq(texts.componentId, componentId)));
  if (!t) return null;
  const versionId = t.versionId ?? 0;
  const [counts, mine, member, names] = await Promise.all([
    db.execute<{ cast: number }>(sql`select count(*)::int as cast from text_adoption_ballots where version_id = ${versionId}`),
    viewerId === null ? Promise.resolve([]) : db.select({ choice: textAdoptionBallots.choice }).from(textAdoptionBallots).where(and(eq(textAdoptionBallots.versionId, versionId), eq(textAdoptionBallots.userId, viewerId))),
    viewerId === null ? Promise.resolve(false) : isVotingMember(db, spaceId, viewerId),
    t.status === "done" && !t.secret
      ? db.select({ name: users.name, choice: textAdoptionBallots.choice }).from(textAdoptionBallots).innerJoin(users, eq(users.id, textAdoptionBallots.userId)).where(eq(textAdoptionBallots.versionId, versionId)).orderBy(asc(users.name))
      : Promise.resolve(null),
  ]);
  return {
    status: t.status,
    secret: t.secret,
    versionId: t.versionId,
    versionNumber: t.versionNumber,
    result: t.result ?? null,
    adoptedAt: t.adoptedAt,
    cast: counts.rows[0]?.cast ?? 0,
    mine: mine[0]?.choice ?? null,
    member,
    names,
  };
}
