/**
 * The budgets demo. Each school budget space gets a "Vote" component with one budget: the students'
 * (within 50 000 €, open to the pupils on the census list), the parents' (approve up to three), the
 * faculty's (spread 10 points). Projects are written through the back office's services (audited);
 * the students' accepted idea is imported through the core's hand-over, keeping its author. Voting is
 * open in every step, so the demo's vote works now (its active step is still "Ideas"), and a few
 * checked-out ballots (plain inserts: the ballot's own logic lives in the ballot part) give the counts.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { DemoSpaces } from "../../core/components/define";
import { getComponentManifest } from "../../core/components/registry";
import { addComponent, updateComponentPermissions, updateComponentSettings } from "../../core/components/service";
import type { AppDeps } from "../../core/http/deps";
import { listHandOverSources } from "../../core/resources/hand-over";
import { listSteps } from "../../core/spaces/queries";
import type { SpaceRecord } from "../../core/spaces/types";
import { importProjects, saveBudget, saveProject, type Place } from "./admin-service";
import { computeOutcome } from "./outcome-compute";
import { publishOutcome } from "./outcome-job";
import { loadBudgetExport } from "./pabulib-queries";
import { ANNOUNCEMENT, COMPONENT_NAME, RESULTS_ANNOUNCEMENT, FACULTY, PARENTS, STUDENTS, VOTERS, type DemoBudget } from "./demo-content";

type Actor = { id: number; ip: null };

async function voters(db: Db): Promise<number[]> {
  const ids: number[] = [];
  for (const v of VOTERS) {
    await db.execute(sql`insert into users (email, name, locale, email_confirmed_at) values (${v.email}, ${v.name}, ${v.locale}, now()) on conflict do nothing`);
    const row = await db.execute<{ id: string }>(sql`select id from users where lower(email) = ${v.email}`);
    ids.push(Number(row.rows[0]?.id));
  }
  return ids;
}

function budgetsManifest() {
  const manifest = getComponentManifest("budgets");
  if (!manifest) throw new Error("budgets demo: the component is not registered");
  return manifest;
}

/** The same voting state in every step of the space (the demo's active step is still "Ideas"). */
async function setVoting(deps: AppDeps, actor: Actor, place: Place, votes: "enabled" | "finished"): Promise<void> {
  const manifest = budgetsManifest();
  const step = manifest.stepSettings.parse({ votes, showVotes: true, changeVoteAllowed: votes === "enabled", announcement: votes === "enabled" ? ANNOUNCEMENT : RESULTS_ANNOUNCEMENT }) as Record<string, unknown>;
  const steps = await listSteps(deps.db, place.spaceId);
  const settings = { global: manifest.settings.parse({ workflow: "one" }) as Record<string, unknown>, defaultStep: step, steps: Object.fromEntries(steps.map((s) => [String(s.id), step])) };
  await updateComponentSettings(deps.db, actor, place.spaceId, place.componentId, COMPONENT_NAME, settings);
}

/** A published budgets component whose every step has voting open, with votes shown and changes allowed. */
async function voteComponent(deps: AppDeps, actor: Actor, space: SpaceRecord): Promise<Place> {
  const added = await addComponent(deps.db, actor, space.id, budgetsManifest(), COMPONENT_NAME, { published: true });
  const place = { componentId: added.id, spaceId: space.id };
  await setVoting(deps, actor, place, "enabled");
  return place;
}

/**
 * Voting closed and the outcome published (Method of Equal Shares + Add1), as the administrator does
 * from the back office; computed in-process here (a handful of demo ballots), stored as the job stores it.
 */
async function publishDemoOutcome(deps: AppDeps, actor: Actor, place: Place, budgetId: number): Promise<void> {
  const { db } = deps;
  await setVoting(deps, actor, place, "finished");
  const data = await loadBudgetExport(db, budgetId);
  if (!data) throw new Error("budgets demo: the budget to publish is missing");
  const started = performance.now();
  const computed = computeOutcome(data, { rule: "mes-add1" });
  const row = await db.execute<{ id: string }>(sql`
    insert into budget_outcomes (budget_id, rule, status, inputs_digest, result, duration_ms, requested_by, created_at, computed_at)
    values (${budgetId}, 'mes-add1', 'done', ${computed.digest}, ${JSON.stringify(computed.result)}::jsonb, ${Math.round(performance.now() - started)}, ${actor.id}, now(), now())
    returning id`);
  const published = await publishOutcome(db, actor, place.spaceId, budgetId, Number(row.rows[0]?.id));
  if (!published.ok) throw new Error(`budgets demo: the outcome was not published (${published.reason})`);
}

/** The space's categories by their English name. */
async function categoriesOf(db: Db, spaceId: number): Promise<Map<string, number>> {
  const rows = await db.execute<{ id: string; en: string }>(sql`select id, name->>'en' as en from categories where space_id = ${spaceId}`);
  return new Map(rows.rows.map((r) => [r.en, Number(r.id)]));
}

/** The budget and its projects; returns the projects' ids by key. */
async function budgetWithProjects(db: Db, actor: Actor, place: Place, b: DemoBudget): Promise<{ budgetId: number; projects: Map<string, number> }> {
  const saved = await saveBudget(db, actor, place, null, { title: b.title, description: b.description, total: b.total, currency: "EUR", scopeId: undefined, voteType: b.voteType, weight: 0, rules: b.rules });
  if (!saved.ok) throw new Error(`budgets demo: ${JSON.stringify(saved.errors)}`);
  const categories = await categoriesOf(db, place.spaceId);
  const projects = new Map<string, number>();
  for (const [weight, p] of b.projects.entries()) {
    const input = { title: p.title, description: p.description, cost: p.cost, categoryId: p.category ? categories.get(p.category) : undefined, scopeId: undefined, address: p.address, latitude: undefined, longitude: undefined, weight };
    const project = await saveProject(db, actor, place, saved.value.id, null, input);
    if (!project.ok) throw new Error(`budgets demo: ${p.key}: ${JSON.stringify(project.errors)}`);
    projects.set(p.key, project.value.id);
  }
  return { budgetId: saved.value.id, projects };
}

/** Takes what the space's other components hand over (the students' accepted idea) as projects; returns the new projects' ids. */
async function importHandedOver(db: Db, actor: Actor, place: Place, budgetId: number): Promise<number[]> {
  const before = await db.execute<{ id: string }>(sql`select id from budget_projects where budget_id = ${budgetId}`);
  for (const source of await listHandOverSources(db, place.spaceId, place.componentId)) {
    if (source.type !== "proposal") continue;
    const imported = await importProjects(db, actor, place, budgetId, { componentId: source.componentId, type: source.type }, "fr");
    if (!imported.ok) throw new Error(`budgets demo: import: ${JSON.stringify(imported.errors)}`);
  }
  const known = new Set(before.rows.map((r) => r.id));
  const after = await db.execute<{ id: string }>(sql`select id from budget_projects where budget_id = ${budgetId} order by id`);
  return after.rows.filter((r) => !known.has(r.id)).map((r) => Number(r.id));
}

/** Checked-out online ballots, one per voter (plain inserts). */
async function castBallots(db: Db, budgetId: number, voterIds: number[], ballots: DemoBudget["ballots"], projects: Map<string, number>): Promise<void> {
  for (const [i, ballot] of ballots.entries()) {
    const userId = voterIds[i];
    if (userId === undefined) break;
    const row = await db.execute<{ id: string }>(sql`
      insert into budget_ballots (budget_id, user_id, channel, checked_out_at) values (${budgetId}, ${userId}, 'online', now() - ${`${ballots.length - i} hours`}::interval) returning id`);
    const ballotId = Number(row.rows[0]?.id);
    const items = ballot.flatMap((entry) => {
      const [key, points] = typeof entry === "string" ? [entry, 1] : entry;
      const projectId = projects.get(key);
      return projectId === undefined ? [] : [sql`(${ballotId}, ${projectId}, ${points})`];
    });
    if (items.length > 0) await db.execute(sql`insert into budget_ballot_items (ballot_id, project_id, points) values ${sql.join(items, sql`, `)}`);
  }
}

export async function seedBudgetsDemo(deps: AppDeps, { adminId, spaces }: DemoSpaces): Promise<void> {
  const { db } = deps;
  const actor: Actor = { id: adminId, ip: null };
  const voterIds = await voters(db);
  const audiences: Array<[string, DemoBudget]> = [
    ["budgetStudents", STUDENTS],
    ["budgetParents", PARENTS],
    ["budgetFaculty", FACULTY],
  ];
  for (const [key, budget] of audiences) {
    const space = spaces[key];
    if (!space) continue;
    const place = await voteComponent(deps, actor, space);
    const { budgetId, projects } = await budgetWithProjects(db, actor, place, budget);
    if (key === "budgetStudents") {
      // The students' accepted idea (the vegetable garden), from the ideas step.
      const [garden] = await importHandedOver(db, actor, place, budgetId);
      if (garden !== undefined) projects.set("garden", garden);
      // Only the pupils on the census list vote in their budget.
      await updateComponentPermissions(db, actor, space.id, place.componentId, { vote: { handlers: { census: {} } } });
    }
    await castBallots(db, budgetId, voterIds, budget.ballots, projects);
    // The faculty voted first: their budget shows published results.
    if (key === "budgetFaculty") await publishDemoOutcome(deps, actor, place, budgetId);
  }
}
