/**
 * The rules of citizens' suggestions for a deliberative committee that the petition workflow and the
 * type form apply: the committee's composition, and the delay before a refused author may try again.
 */
import { sql } from "drizzle-orm";
import type { FieldErrors } from "../../core/http/result";
import type { Db } from "../../db/client";
import type { CommitteeRules, PetitionRow, PetitionTypeRow } from "./schema";

/** The Brussels Parliament's deliberative committees: 45 citizens drawn by lot beside 15 MPs; a refused author waits 12 months. */
export const BRUSSELS_COMMITTEE: CommitteeRules = { drawnSeats: 45, electedSeats: 15, resubmissionMonths: 12 };

/**
 * The author's latest refused suggestion of this type still within the type's resubmission delay, as
 * the translated error of the submission (with the refusal's date and the first day they may submit).
 */
export async function resubmissionBlock(db: Db, p: Pick<PetitionRow, "id" | "authorId">, type: Pick<PetitionTypeRow, "id" | "committee">): Promise<FieldErrors | null> {
  if (!type.committee || p.authorId === null) return null;
  const months = type.committee.resubmissionMonths;
  const r = await db.execute<{ refused: string; until: string }>(sql`
    select to_char(c.decided_at, 'YYYY-MM-DD') as refused, to_char(c.decided_at + make_interval(months => ${months}), 'YYYY-MM-DD') as until
    from petition_committees c join petitions p on p.id = c.petition_id
    where p.author_id = ${p.authorId} and p.type_id = ${type.id} and p.id <> ${p.id} and c.outcome = 'refused'
      and c.decided_at + make_interval(months => ${months}) > now()
    order by c.decided_at desc limit 1`);
  const row = r.rows[0];
  return row ? { _form: { key: "petitions.committee.resubmitTooSoon", values: { refused: row.refused, date: row.until } } } : null;
}

/** Whether the parliament's decision is recorded (the workflow's guard: only decideSuggestion accepts or refuses). */
export async function hasDecision(db: Db, petitionId: number): Promise<boolean> {
  const r = await db.execute(sql`select 1 from petition_committees where petition_id = ${petitionId}`);
  return r.rows.length > 0;
}
