/**
 * Reads a budget from the database as what its pabulib file is made of (pabulib-file.ts), in four
 * queries whatever its size. Counted ballots: online ones checked out, paper ones confirmed by a second
 * person, imported ones; items of hidden projects are left out (moderation removed those projects).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { localize } from "../../core/i18n/translator";
import type { Locale, Translatable } from "../../core/i18n/locales";
import type { BudgetExport, ExportBallot } from "./pabulib-file";
import type { BallotRules, VoteType } from "./schema";

/** The SQL condition of a counted ballot (alias `b`). */
export const COUNTED_BALLOT = sql`((b.channel = 'online' and b.checked_out_at is not null) or (b.channel = 'paper' and b.confirmed_at is not null) or b.channel = 'import')`;

type BudgetRow = {
  id: string;
  title: Translatable;
  space_title: Translatable;
  year: number;
  total: string;
  currency: string;
  vote_type: VoteType;
  rules: BallotRules;
  meta: Record<string, string>;
  locale: Locale | null;
};

/** The budget's pabulib material, or null when there is no such budget. */
export async function loadBudgetExport(db: Db, budgetId: number): Promise<BudgetExport | null> {
  const found = await db.execute<BudgetRow>(sql`
    select b.id, b.title, s.title as space_title, extract(year from b.created_at)::int as year, b.total::text as total, b.currency, b.vote_type, b.rules, b.meta,
      (select o.default_locale from organizations o order by o.id limit 1) as locale
    from budgets b join components c on c.id = b.component_id join spaces s on s.id = c.space_id
    where b.id = ${budgetId}`);
  const b = found.rows[0];
  if (!b) return null;
  const locale: Locale = b.locale ?? "fr";
  const [projects, ballots] = await Promise.all([
    db.execute<{ id: string; external_id: string | null; title: Translatable; cost: string; extra: Record<string, string> }>(sql`
      select p.id, p.external_id, p.title, p.cost::text as cost, p.extra from budget_projects p
      where p.budget_id = ${budgetId} and p.hidden_at is null order by p.weight, p.id`),
    db.execute<{ id: string; channel: string; voter_ref: string | null; extra: Record<string, string> | null; projects: string | null; points: string | null }>(sql`
      select b.id, b.channel, b.voter_ref, b.extra,
        string_agg(i.project_id::text, ',' order by i.rank nulls last, i.project_id) as projects,
        string_agg(i.points::text, ',' order by i.rank nulls last, i.project_id) as points
      from budget_ballots b
        left join (budget_ballot_items i join budget_projects p on p.id = i.project_id and p.hidden_at is null) on i.ballot_id = b.id
      where b.budget_id = ${budgetId} and ${COUNTED_BALLOT}
      group by b.id order by b.id`),
  ]);
  const nums = (s: string | null) => (s === null || s === "" ? [] : s.split(",").map(Number));
  return {
    budgetId: Number(b.id),
    title: localize(b.title, locale, locale).text,
    unit: localize(b.space_title, locale, locale).text,
    year: b.year,
    total: Number(b.total),
    currency: b.currency,
    voteType: b.vote_type,
    rules: b.rules,
    meta: b.meta,
    projects: projects.rows.map((p) => ({ id: Number(p.id), externalId: p.external_id, name: localize(p.title, locale, locale).text, cost: Number(p.cost), extra: p.extra })),
    ballots: ballots.rows.map(
      (r): ExportBallot => ({
        voterId: r.channel === "import" && r.voter_ref !== null ? r.voter_ref : `${r.channel}-${r.id}`,
        projects: nums(r.projects),
        points: nums(r.points),
        extra: r.extra,
      }),
    ),
  };
}
