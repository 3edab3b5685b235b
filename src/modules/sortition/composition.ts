/**
 * The pool's composition against the target quotas: how many people registered with each answer of
 * each stratum (duplicates and withdrawn registrations left out, as the draw leaves them out), beside
 * the seats the admin aims at (the option's target min/max). Two queries whatever the pool's size.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { RecruitmentStratum } from "./schema";

export interface Composition {
  /** People in the pool (not duplicates, not withdrawn). */
  total: number;
  /** Registrations flagged as repeats and not reviewed yet. */
  duplicates: number;
  /** People per answer, keyed `category\u0000value`. */
  counts: Record<string, number>;
}

export const countKey = (category: string, value: string) => `${category}\u0000${value}`;

export async function compositionOf(db: Db, recruitmentId: number): Promise<Composition> {
  const [totals, answers] = await Promise.all([
    db.execute<{ total: number; duplicates: number }>(sql`
      select count(*) filter (where duplicate_of is null and withdrawn_at is null)::int as total,
             count(*) filter (where duplicate_of is not null and withdrawn_at is null)::int as duplicates
      from sortition_registrations where recruitment_id = ${recruitmentId}`),
    db.execute<{ category: string; value: string; n: number }>(sql`
      select f.key as category, f.value as value, count(*)::int as n
      from sortition_registrations r cross join jsonb_each_text(r.features) as f(key, value)
      where r.recruitment_id = ${recruitmentId} and r.duplicate_of is null and r.withdrawn_at is null
      group by 1, 2`),
  ]);
  const counts: Record<string, number> = {};
  for (const a of answers.rows) counts[countKey(a.category, a.value)] = a.n;
  return { total: totals.rows[0]?.total ?? 0, duplicates: totals.rows[0]?.duplicates ?? 0, counts };
}

export interface CompositionRow {
  value: string;
  registered: number;
  target: { min: number; max: number } | null;
  /** People still needed to be able to fill the minimum (0 when met or without a target). */
  needed: number;
}

/** One table per stratum: each answer's registered people, target seats and how many are still needed. */
export function compositionTables(strata: readonly RecruitmentStratum[], c: Composition): Array<{ stratum: RecruitmentStratum; rows: CompositionRow[] }> {
  return strata.map((stratum) => ({
    stratum,
    rows: stratum.options.map((o) => {
      const registered = c.counts[countKey(stratum.category, o.value)] ?? 0;
      return { value: o.value, registered, target: o.target ?? null, needed: Math.max(0, (o.target?.min ?? 0) - registered) };
    }),
  }));
}
