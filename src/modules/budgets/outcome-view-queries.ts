/**
 * What a budget's public results page reads: the budget, its newest published outcome and its projects'
 * titles, in one query whatever the number of projects.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import type { OutcomeResult, OutcomeRule, VoteType } from "./schema";

export interface PublishedOutcome {
  budget: { id: number; title: Translatable; description: Translatable; total: number; currency: string; voteType: VoteType };
  /** Null while no outcome of the budget is published. */
  outcome: { id: number; rule: OutcomeRule; threshold: number | null; inputsDigest: string | null; result: OutcomeResult; publishedAt: Date } | null;
  /** The budget's projects by database id: title, and whether moderation hid it. */
  projects: Map<number, { title: Translatable; hidden: boolean }>;
}

/** The budget of this component with its newest published outcome, or null when the budget is not the component's. */
export async function loadPublishedOutcome(db: Db, componentId: number, budgetId: number): Promise<PublishedOutcome | null> {
  const rows = await db.execute<{
    id: string;
    title: Translatable;
    description: Translatable;
    total: string;
    currency: string;
    vote_type: VoteType;
    outcome: { id: number; rule: OutcomeRule; options: { threshold?: number }; inputs_digest: string | null; result: OutcomeResult; published_at: string } | null;
    projects: Array<{ id: number; title: Translatable; hidden: boolean }> | null;
  }>(sql`
    select b.id, b.title, b.description, b.total, b.currency, b.vote_type,
      (select json_build_object('id', o.id, 'rule', o.rule, 'options', o.options, 'inputs_digest', o.inputs_digest, 'result', o.result, 'published_at', o.published_at)
         from budget_outcomes o where o.budget_id = b.id and o.published_at is not null and o.status = 'done' and o.result is not null
         order by o.published_at desc, o.id desc limit 1) as outcome,
      (select json_agg(json_build_object('id', p.id, 'title', p.title, 'hidden', p.hidden_at is not null)) from budget_projects p where p.budget_id = b.id) as projects
    from budgets b where b.id = ${budgetId} and b.component_id = ${componentId}`);
  const r = rows.rows[0];
  if (!r) return null;
  const o = r.outcome;
  return {
    budget: { id: Number(r.id), title: r.title, description: r.description, total: Number(r.total), currency: r.currency, voteType: r.vote_type },
    outcome: o
      ? { id: Number(o.id), rule: o.rule, threshold: o.options.threshold ?? o.result.threshold ?? null, inputsDigest: o.inputs_digest, result: o.result, publishedAt: new Date(o.published_at) }
      : null,
    projects: new Map((r.projects ?? []).map((p) => [Number(p.id), { title: p.title, hidden: p.hidden }])),
  };
}
