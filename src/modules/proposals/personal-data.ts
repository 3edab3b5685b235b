/**
 * What proposals hold about a person, for "download my data" and account deletion. Published
 * proposals stay public under the anonymised account (a discussion refers to them); drafts, which no
 * one else has seen, are deleted. Supports stay counted: the account is anonymised, not deleted.
 * Follows, endorsements, co-authorships and comments are the kit's, erased with the account there.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { forgetResource } from "../../core/follows/service";
import { eraseAmendmentData, exportAmendmentData } from "./amendments/personal-data";

export async function exportProposalData(db: Db, userId: number): Promise<unknown> {
  const [authored, supports] = await Promise.all([
    db.execute(sql`
      select id, component_id, title, body, language, published_at, withdrawn_at, created_at, updated_at
      from proposals where author_id = ${userId} order by id limit 10000`),
    db.execute(sql`
      select s.proposal_id, p.title, s.provisional, s.created_at
      from proposal_supports s join proposals p on p.id = s.proposal_id where s.user_id = ${userId} order by s.created_at limit 10000`),
  ]);
  return { authored: authored.rows, supports: supports.rows, amendments: await exportAmendmentData(db, userId) };
}

export async function eraseProposalData(tx: Db, user: { id: number }): Promise<void> {
  await eraseAmendmentData(tx, user);
  const drafts = await tx.execute<{ id: string }>(sql`delete from proposals where author_id = ${user.id} and published_at is null returning id`);
  for (const r of drafts.rows) await forgetResource(tx, { type: "proposal", id: Number(r.id) });
}
