/**
 * What amendments hold about a person: the ones they wrote (in "download my data") and, on account
 * deletion, their drafts deleted (no one else saw them); published amendments stay, under the
 * anonymised account, since a proposal's history and discussions refer to them.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { forgetResource } from "../../../core/follows/service";

export async function exportAmendmentData(db: Db, userId: number): Promise<unknown[]> {
  const rows = await db.execute(sql`
    select id, proposal_id, state, title, body, language, published_at, withdrawn_at, reacted_at, rejection_reason, promoted_proposal_id, created_at, updated_at
    from proposal_amendments where amender_id = ${userId} order by id limit 10000`);
  return rows.rows;
}

export async function eraseAmendmentData(tx: Db, user: { id: number }): Promise<void> {
  const drafts = await tx.execute<{ id: string }>(sql`delete from proposal_amendments where amender_id = ${user.id} and state = 'draft' returning id`);
  for (const r of drafts.rows) await forgetResource(tx, { type: "amendment", id: Number(r.id) });
}
