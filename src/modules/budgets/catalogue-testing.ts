/**
 * Test helpers for the budgets catalogue: a published process with a published budgets component and
 * a published proposals component (the hand-over's source), and quick ways to add budgets, projects,
 * accepted proposals and counted ballots. Plain inserts: the budgets never import the proposals module.
 */
import { publishedProcess } from "../../test/spaces";
import { sql } from "drizzle-orm";
import { getComponentManifest } from "../../core/components/registry";
import { addComponent, updateComponentSettings } from "../../core/components/service";
import { findSpaceById } from "../../core/spaces/queries";
import type { ComponentRecord, SpaceRecord } from "../../core/spaces/types";
import type { TestPlatform } from "../../test/platform";
import { forgetBudgetRules } from "./rules-cache";

export interface CatalogueFixture {
  space: SpaceRecord;
  component: ComponentRecord;
  proposalsComponentId: number;
  /** `/spaces/<slug>/c/<id>` */
  base: string;
  adminBase: string;
  budget: (title: string, opts?: { total?: number; voteType?: string }) => Promise<number>;
  project: (budgetId: number, title: string, opts?: { cost?: number; hidden?: boolean }) => Promise<number>;
  /** An accepted proposal with a published answer (and a cost in euros unless null), by `authorId`, with co-authors. */
  acceptedProposal: (title: string, authorId: number, opts?: { cost?: number | null; coauthors?: number[]; published?: boolean }) => Promise<number>;
  /** A checked-out online ballot of `userId` naming these projects. */
  ballot: (budgetId: number, userId: number | null, projectIds: number[], opts?: { checkedOut?: boolean }) => Promise<number>;
  /** Sets the component's step settings for every step (and the default). */
  stepSettings: (values: Record<string, unknown>) => Promise<void>;
}

export async function catalogueFixture(p: TestPlatform, adminId: number): Promise<CatalogueFixture> {
  const actor = { id: adminId, ip: null };
  const db = p.deps.db;
  const { id: spaceId, slug } = await publishedProcess(p, adminId, { prefix: "school-budget", title: { en: "School budget" } });
  const budgets = getComponentManifest("budgets");
  const proposals = getComponentManifest("proposals");
  if (!budgets || !proposals) throw new Error("components not registered");
  const component = await addComponent(db, actor, spaceId, budgets, { en: "Vote", fr: "Vote" }, { published: true });
  const ideas = await addComponent(db, actor, spaceId, proposals, { en: "Ideas" }, { published: true });
  const space = await findSpaceById(db, spaceId);
  if (!space) throw new Error("space");
  const id = (rows: { rows: Array<{ id: string }> }) => Number(rows.rows[0]?.id);
  const forgotten = (n: number) => (forgetBudgetRules(db, "all"), n);
  return {
    space,
    component,
    proposalsComponentId: ideas.id,
    base: `/spaces/${slug}/c/${component.id}`,
    adminBase: `/admin/spaces/${space.id}/components/${component.id}/manage`,
    // Written by hand: the cached budgets (rules-cache.ts) are forgotten as an admin's change would.
    budget: async (title, o = {}) =>
      forgotten(id(await db.execute<{ id: string }>(sql`insert into budgets (component_id, title, total, vote_type) values (${component.id}, ${JSON.stringify({ en: title })}::jsonb, ${o.total ?? 10_000}, ${o.voteType ?? "knapsack"}) returning id`))),
    project: async (budgetId, title, o = {}) =>
      forgotten(
        id(
          await db.execute<{ id: string }>(sql`
            insert into budget_projects (budget_id, component_id, title, description, cost, hidden_at)
            values (${budgetId}, ${component.id}, ${JSON.stringify({ en: title })}::jsonb, ${JSON.stringify({ en: `About ${title}.` })}::jsonb, ${o.cost ?? 1_000}, ${o.hidden ? sql`now()` : sql`null`}) returning id`),
        ),
      ),
    acceptedProposal: async (title, authorId, o = {}) => {
      await db.execute(sql`
        insert into proposal_states (component_id, token, name, bg_color, text_color, weight)
        values (${ideas.id}, 'accepted', '{"en":"Accepted"}'::jsonb, '#0b5d4b', '#ffffff', 0) on conflict do nothing`);
      const cost = o.cost === undefined ? 2_500 : o.cost;
      const proposalId = id(
        await db.execute<{ id: string }>(sql`
          insert into proposals (component_id, author_id, title, body, language, published_at, state_id, state_published_at, answered_at, cost_cents)
          values (${ideas.id}, ${authorId}, ${JSON.stringify({ en: title })}::jsonb, ${JSON.stringify({ en: `Why ${title} matters.` })}::jsonb, 'en', now(),
            (select id from proposal_states where component_id = ${ideas.id} and token = 'accepted'), ${o.published === false ? sql`null` : sql`now()`}, now(), ${cost === null ? null : Math.round(cost * 100)})
          returning id`),
      );
      for (const u of o.coauthors ?? []) {
        await db.execute(sql`insert into coauthorships (resource_type, resource_id, user_id, component_id, status, responded_at) values ('proposal', ${proposalId}, ${u}, ${ideas.id}, 'accepted', now())`);
      }
      return proposalId;
    },
    ballot: async (budgetId, userId, projectIds, o = {}) => {
      const ballotId = id(
        await db.execute<{ id: string }>(sql`
          insert into budget_ballots (budget_id, user_id, channel, checked_out_at) values (${budgetId}, ${userId}, 'online', ${o.checkedOut === false ? sql`null` : sql`now()`}) returning id`),
      );
      for (const projectId of projectIds) await db.execute(sql`insert into budget_ballot_items (ballot_id, project_id) values (${ballotId}, ${projectId})`);
      return ballotId;
    },
    stepSettings: async (values) => {
      const row = await db.execute<{ settings: { global: Record<string, unknown>; defaultStep: Record<string, unknown>; steps: Record<string, Record<string, unknown>> } }>(sql`select settings from components where id = ${component.id}`);
      const settings = row.rows[0]?.settings ?? { global: {}, defaultStep: {}, steps: {} };
      const step = { ...settings.defaultStep, ...values };
      await updateComponentSettings(db, actor, space.id, component.id, component.name, { global: settings.global, defaultStep: step, steps: Object.fromEntries(Object.keys(settings.steps).map((k) => [k, step])) });
    },
  };
}

/** A budget form's fields (English title; everything else blank unless given). */
export function budgetFields(title: string, more: Record<string, string> = {}): Record<string, string> {
  return {
    "title.en": title,
    "description.en": "",
    total: "50000",
    currency: "EUR",
    voteType: "knapsack",
    weight: "0",
    minPercent: "",
    minProjects: "",
    maxProjects: "",
    maxPoints: "",
    maxPointsPerProject: "",
    maxLength: "",
    ...more,
  };
}

/** A project form's fields. */
export function projectFields(title: string, more: Record<string, string> = {}): Record<string, string> {
  return { "title.en": title, "description.en": "", cost: "1000", address: "", latitude: "", longitude: "", weight: "0", ...more };
}
