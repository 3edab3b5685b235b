/**
 * What budgets hold about a person, for "download my data" and account deletion: their online ballots
 * (cast or being filled) with their projects. On deletion, cast ballots stay counted but lose their
 * voter (user_id null, as paper and imported ballots are); ballots never cast are deleted, and so is
 * the budget drawn for them. Paper ballots a member of staff entered or confirmed keep the ballot and
 * lose the name through the foreign keys (set null).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

export async function exportBallotData(db: Db, userId: number): Promise<unknown> {
  const r = await db.execute(sql`
    select g.id as "budgetId", g.title as budget, b.created_at as "startedAt", b.checked_out_at as "castAt",
      coalesce(jsonb_agg(jsonb_build_object('projectId', i.project_id, 'project', p.title, 'points', i.points, 'rank', i.rank) order by i.rank nulls last, i.created_at)
        filter (where i.project_id is not null), '[]'::jsonb) as projects
    from budget_ballots b join budgets g on g.id = b.budget_id
    left join budget_ballot_items i on i.ballot_id = b.id left join budget_projects p on p.id = i.project_id
    where b.user_id = ${userId}
    group by g.id, b.id order by b.id limit 10000`);
  return { ballots: r.rows };
}

export async function eraseBallotData(tx: Db, user: { id: number }): Promise<void> {
  await tx.execute(sql`delete from budget_ballots where user_id = ${user.id} and checked_out_at is null`);
  await tx.execute(sql`update budget_ballots set user_id = null, updated_at = now() where user_id = ${user.id}`);
  await tx.execute(sql`delete from budget_assignments where user_id = ${user.id}`);
}
