/**
 * Test helpers for budgets: a published process with a published budgets component (voting open
 * unless told), one budget of the given kind and rules with its projects, and ways to add budgets and
 * change the settings. Plain inserts for budgets and projects.
 *
 *   const f = await createBudgetComponent(p, { voteType: "knapsack", rules: { minPercent: 70 }, total: 1000, projects: [{ cost: 400 }, { cost: 700 }] });
 *   await client.post(`${f.budgetBase}/ballot/add`, { projectId: String(f.projectIds[0]) }, { formPage: f.budgetBase });
 */
import { publishedProcess } from "../../test/spaces";
import { sql } from "drizzle-orm";
import { createUser } from "../../core/accounts/users";
import { getComponentManifest, registerComponent } from "../../core/components/registry";
import { addComponent, updateComponentSettings } from "../../core/components/service";
import { findComponent, findSpaceById } from "../../core/spaces/queries";
import type { ComponentRecord, SpaceRecord } from "../../core/spaces/types";
import type { TestPlatform } from "../../test/platform";
import manifest from "./manifest";
import type { BallotRules, VoteType } from "./schema";
import { forgetBudgetRules } from "./rules-cache";
import { budgetSettings, budgetStepSettings, type BudgetSettings, type BudgetStepSettings } from "./settings";

if (!getComponentManifest("budgets")) registerComponent(manifest);

let counter = 0;

export interface BudgetSpec {
  voteType?: VoteType;
  rules?: BallotRules;
  total?: number;
  currency?: string;
  title?: string;
  /** Titles default to "Project 1", "Project 2"... */
  projects?: Array<{ cost: number; title?: string; categoryId?: number }>;
}

export interface BudgetFixture {
  space: SpaceRecord;
  component: ComponentRecord;
  adminId: number;
  /** `/spaces/<slug>/c/<id>` */
  base: string;
  /** The first budget's id, its page (`<base>/budgets/<id>`) and its projects' ids in the order given. */
  budgetId: number;
  budgetBase: string;
  projectIds: number[];
  /** Another budget in the component. */
  addBudget: (spec: BudgetSpec) => Promise<{ budgetId: number; budgetBase: string; projectIds: number[] }>;
  /** Replaces the settings (defaults for what is not given; voting open unless `votes` says otherwise). */
  configure: (global: Partial<BudgetSettings>, step: Partial<BudgetStepSettings>) => Promise<void>;
  /** The records as they are now (after `configure`). */
  reload: () => Promise<{ space: SpaceRecord; component: ComponentRecord }>;
}

export async function createBudgetComponent(
  p: TestPlatform,
  spec: BudgetSpec & { global?: Partial<BudgetSettings>; step?: Partial<BudgetStepSettings>; adminId?: number } = {},
): Promise<BudgetFixture> {
  counter += 1;
  const db = p.deps.db;
  const adminId = spec.adminId ?? (await createUser(db, { email: `budget-admin-${counter}-${Date.now()}@example.org`, password: "correct horse battery", name: "Budget admin", confirmed: true, isAdmin: true }));
  const actor = { id: adminId, ip: null };
  const { id: spaceId, slug } = await publishedProcess(p, adminId, { prefix: "budget", title: { en: "School budget" } });
  const component = await addComponent(db, actor, spaceId, manifest, { en: "Budgets" }, { published: true });
  const base = `/spaces/${slug}/c/${component.id}`;
  const configure = async (global: Partial<BudgetSettings>, step: Partial<BudgetStepSettings>) => {
    const settings = { global: { ...budgetSettings.parse({}), ...global }, defaultStep: { ...budgetStepSettings.parse({}), votes: "enabled" as const, ...step }, steps: {} };
    await updateComponentSettings(db, actor, spaceId, component.id, component.name, settings);
  };
  await configure(spec.global ?? {}, spec.step ?? {});
  const addBudget = async (b: BudgetSpec) => {
    const r = await db.execute<{ id: string }>(sql`
      insert into budgets (component_id, title, total, currency, vote_type, rules)
      values (${component.id}, ${JSON.stringify({ en: b.title ?? "Budget" })}::jsonb, ${b.total ?? 1000}, ${b.currency ?? "EUR"}, ${b.voteType ?? "knapsack"}, ${JSON.stringify(b.rules ?? {})}::jsonb) returning id`);
    const budgetId = Number(r.rows[0]?.id);
    const projectIds: number[] = [];
    for (const [k, x] of (b.projects ?? []).entries()) {
      const row = await db.execute<{ id: string }>(sql`
        insert into budget_projects (budget_id, component_id, title, description, cost, category_id, weight)
        values (${budgetId}, ${component.id}, ${JSON.stringify({ en: x.title ?? `Project ${k + 1}` })}::jsonb, ${JSON.stringify({ en: `What project ${k + 1} does.` })}::jsonb, ${x.cost}, ${x.categoryId ?? null}, ${k}) returning id`);
      projectIds.push(Number(row.rows[0]?.id));
    }
    // Written by hand: the other budgets' cached sibling counts are forgotten as an admin's change would.
    forgetBudgetRules(db, "all");
    return { budgetId, budgetBase: `${base}/budgets/${budgetId}`, projectIds };
  };
  const first = await addBudget(spec);
  const reload = async () => {
    const space = await findSpaceById(db, spaceId);
    const fresh = space ? await findComponent(db, space.id, component.id) : null;
    if (!space || !fresh) throw new Error("fixture");
    return { space, component: fresh };
  };
  const now = await reload();
  return { ...now, adminId, base, ...first, addBudget, configure, reload };
}
