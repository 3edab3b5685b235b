/**
 * What the texts component holds about a person, for "download my data" and account deletion: their
 * annotations, amendments, reactions to amendments and adoption votes. On deletion, annotations and
 * amendments stay (they belong to the text's history and its snapshots) without their author; reactions
 * and adoption ballots are deleted (a closed vote's result is already recorded on its version).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

export async function exportTextData(db: Db, userId: number): Promise<unknown> {
  const [annotations, amendments, reactions, ballots] = await Promise.all([
    db.execute(sql`select a.id, a.text_id as "textId", a.block_id as "blockId", a.exact, a.body as note, a.status, a.created_at as "createdAt" from text_annotations a where a.author_id = ${userId} order by a.id limit 10000`),
    db.execute(sql`select a.id, a.text_id as "textId", a.block_id as "blockId", a.kind, a.body, a.explanation, a.status, a.created_at as "createdAt" from text_amendments a where a.author_id = ${userId} order by a.id limit 10000`),
    db.execute(sql`select r.amendment_id as "amendmentId", r.value, r.created_at as "createdAt" from text_amendment_reactions r where r.user_id = ${userId} order by r.created_at limit 10000`),
    db.execute(sql`select v.text_id as "textId", v.number as version, b.choice, b.created_at as "createdAt" from text_adoption_ballots b join text_versions v on v.id = b.version_id where b.user_id = ${userId} order by b.created_at limit 10000`),
  ]);
  return { annotations: annotations.rows, amendments: amendments.rows, amendmentReactions: reactions.rows, adoptionVotes: ballots.rows };
}

export async function eraseTextData(tx: Db, user: { id: number }): Promise<void> {
  await tx.execute(sql`update text_annotations set author_id = null, updated_at = now() where author_id = ${user.id}`);
  await tx.execute(sql`update text_amendments set author_id = null, updated_at = now() where author_id = ${user.id}`);
  await tx.execute(sql`delete from text_amendment_reactions where user_id = ${user.id}`);
  await tx.execute(sql`delete from text_adoption_ballots where user_id = ${user.id}`);
}
