/**
 * Results taken from a budgets component of the same space (the core's hand-over, no import between
 * components): the selected projects of each budget's newest published outcome become results linked
 * back to their project (which then says what it led to); importing again adds only what is new;
 * audited.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { getComponentManifest } from "../../core/components/registry";
import { addComponent } from "../../core/components/service";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { resultsFrom } from "./queries";
import { resultsFixture } from "./testing";

let p: TestPlatform;
let admin: TestClient;
let adminId = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  const a = await signedInClient(p, { isAdmin: true });
  admin = a.client;
  adminId = a.userId;
});
afterAll(() => p.stop());

describe("results from a budget's selected projects", () => {
  it("imports each selected project once as a result linked to it, with its filing and the planned status", async () => {
    const f = await resultsFixture(p, adminId);
    const db = p.deps.db;
    const budgetsManifest = getComponentManifest("budgets");
    if (!budgetsManifest) throw new Error("budgets not registered");
    const budgets = await addComponent(db, { id: adminId, ip: null }, f.space.id, budgetsManifest, { en: "School budgets" }, { published: true });
    const category = Number((await db.execute<{ id: string }>(sql`insert into categories (space_id, name) values (${f.space.id}, '{"en":"Green"}'::jsonb) returning id`)).rows[0]?.id);
    const budget = Number((await db.execute<{ id: string }>(sql`insert into budgets (component_id, title, total) values (${budgets.id}, '{"en":"Students"}'::jsonb, 100000) returning id`)).rows[0]?.id);
    const project = async (title: string, cost: number, hidden = false) =>
      Number(
        (
          await db.execute<{ id: string }>(sql`
            insert into budget_projects (budget_id, component_id, title, description, cost, category_id, hidden_at)
            values (${budget}, ${budgets.id}, ${JSON.stringify({ en: title })}::jsonb, ${JSON.stringify({ en: `Why ${title}.` })}::jsonb, ${cost}, ${category}, ${hidden ? sql`now()` : sql`null`}) returning id`)
        ).rows[0]?.id,
      );
    const garden = await project("School garden", 30_000);
    const pool = await project("Swimming pool", 90_000);
    const benches = await project("Benches", 5_000);
    const outcome = (selected: number[], published: boolean) =>
      db.execute(sql`
        insert into budget_outcomes (budget_id, rule, status, result, computed_at, published_at)
        values (${budget}, 'greedy', 'done', ${JSON.stringify({ rule: "greedy", selected: selected.map(String), spent: 0, ballots: 1, projects: [garden, pool, benches].map((id) => ({ id: String(id), projectId: id, cost: 1, votes: 1, selected: selected.includes(id) })) })}::jsonb,
          now(), ${published ? sql`now()` : sql`null`})`);
    await outcome([garden], true);
    // A newer outcome not yet published does not count.
    await outcome([garden, pool, benches], false);

    const page = await admin.get(`${f.adminBase}/hand-over`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("The selected projects of the budgets' published results of “School budgets”");
    const value = `${budgets.id}:budget_project`;
    expect(page.body).toContain(`value="${value}"`);
    const first = await admin.post(`${f.adminBase}/hand-over`, { source: value }, { formPage: `${f.adminBase}/hand-over` });
    expect(first.statusCode).toBe(303);
    const rows = async () =>
      (
        await db.execute<{ title: string; description: string; category_id: string; status: string | null; progress: number | null; links: string }>(sql`
          select r.title->>'en' as title, r.description->>'en' as description, r.category_id, s.token as status, r.progress,
            (select string_agg(l.resource_type || ':' || l.resource_id, ',') from result_links l where l.result_id = r.id) as links
          from results r left join result_statuses s on s.id = r.status_id where r.component_id = ${f.component.id} order by r.id`)
      ).rows;
    expect(await rows()).toEqual([{ title: "School garden", description: "Why School garden.", category_id: String(category), status: "planned", progress: 0, links: `budget_project:${garden}` }]);
    // The project's page can say what it led to.
    expect((await resultsFrom(db, { type: "budget_project", id: garden })).map((r) => r.title.en)).toEqual(["School garden"]);

    // A newer published outcome selects two more (one hidden by moderation): only the visible new one is imported.
    await db.execute(sql`update budget_projects set hidden_at = now() where id = ${benches}`);
    await outcome([garden, pool, benches], true);
    const again = await admin.post(`${f.adminBase}/hand-over`, { source: value }, { formPage: `${f.adminBase}/hand-over` });
    expect(again.statusCode).toBe(303);
    expect((await rows()).map((r) => [r.title, r.links])).toEqual([
      ["School garden", `budget_project:${garden}`],
      ["Swimming pool", `budget_project:${pool}`],
    ]);
    const third = await admin.post(`${f.adminBase}/hand-over`, { source: value }, { formPage: `${f.adminBase}/hand-over` });
    expect(third.statusCode).toBe(303);
    expect(await rows()).toHaveLength(2);
    const audited = await db.execute<{ after: { created: number[]; skipped: number } }>(sql`select after from audit_log where action = 'result.import_hand_over' and resource_id = ${String(f.component.id)} order by id`);
    expect(audited.rows.map((r) => [r.after.created.length, r.after.skipped])).toEqual([
      [1, 0],
      [1, 1],
      [0, 2],
    ]);
    // A source of another space, or nonsense, is refused with a message.
    const other = await resultsFixture(p, adminId);
    const refused = await admin.post(`${other.adminBase}/hand-over`, { source: value }, { formPage: `${other.adminBase}/hand-over` });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("Choose what to import.");
  });
});
