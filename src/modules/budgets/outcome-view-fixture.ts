/**
 * Test helpers of the outcome and paper-ballot parts: a published space with a published budgets
 * component, a budget with projects, and a published outcome inserted straight in the table (the
 * engine computes them in a worker; these tests only read them).
 */
import { publishedProcess } from "../../test/spaces";
import { sql } from "drizzle-orm";
import { getComponentManifest } from "../../core/components/registry";
import { addComponent } from "../../core/components/service";
import { findSpaceById } from "../../core/spaces/queries";
import type { ComponentRecord, SpaceRecord } from "../../core/spaces/types";
import type { TestPlatform } from "../../test/platform";
import type { BallotRules, OutcomeResult, OutcomeRule, VoteType } from "./schema";

export interface OutcomeFixture {
  space: SpaceRecord;
  component: ComponentRecord;
  base: string;
  adminBase: string;
  budget: (o: { title: string; total: number; voteType?: VoteType; rules?: BallotRules; currency?: string }) => Promise<number>;
  project: (budgetId: number, title: string, cost: number, externalId?: string) => Promise<number>;
  outcome: (budgetId: number, rule: OutcomeRule, result: OutcomeResult, o?: { published?: boolean; digest?: string; threshold?: number }) => Promise<number>;
}

export async function outcomeFixture(p: TestPlatform, adminId: number): Promise<OutcomeFixture> {
  const db = p.deps.db;
  const actor = { id: adminId, ip: null };
  const { id: spaceId, slug } = await publishedProcess(p, adminId, { prefix: "school-budget", title: { en: "School budget" } });
  const manifest = getComponentManifest("budgets");
  if (!manifest) throw new Error("budgets not registered");
  const component = await addComponent(db, actor, spaceId, manifest, { en: "Budgets" }, { published: true });
  const space = await findSpaceById(db, spaceId);
  if (!space) throw new Error("space");
  return {
    space,
    component,
    base: `/spaces/${slug}/c/${component.id}`,
    adminBase: `/admin/spaces/${space.id}/components/${component.id}/manage`,
    budget: async (o) => {
      const rows = await db.execute<{ id: string }>(sql`
        insert into budgets (component_id, title, total, currency, vote_type, rules)
        values (${component.id}, ${JSON.stringify({ en: o.title })}::jsonb, ${o.total}, ${o.currency ?? "EUR"}, ${o.voteType ?? "approval"}, ${JSON.stringify(o.rules ?? {})}::jsonb) returning id`);
      return Number(rows.rows[0]?.id);
    },
    project: async (budgetId, title, cost, externalId) => {
      const rows = await db.execute<{ id: string }>(sql`
        insert into budget_projects (budget_id, component_id, external_id, title, description, cost)
        values (${budgetId}, ${component.id}, ${externalId ?? null}, ${JSON.stringify({ en: title })}::jsonb, ${JSON.stringify({ en: `About ${title}.` })}::jsonb, ${cost}) returning id`);
      return Number(rows.rows[0]?.id);
    },
    outcome: async (budgetId, rule, result, o = {}) => {
      const rows = await db.execute<{ id: string }>(sql`
        insert into budget_outcomes (budget_id, rule, options, status, inputs_digest, result, computed_at, published_at)
        values (${budgetId}, ${rule}, ${JSON.stringify(o.threshold === undefined ? {} : { threshold: o.threshold })}::jsonb, 'done', ${o.digest ?? null}, ${JSON.stringify(result)}::jsonb, now(),
          ${o.published === false ? sql`null` : sql`now()`}) returning id`);
      return Number(rows.rows[0]?.id);
    },
  };
}
