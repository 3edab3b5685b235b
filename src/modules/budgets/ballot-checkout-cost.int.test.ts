/**
 * The one-request checkout is the voting path under load (`npm run bench:budgets`): a fixed handful of
 * statements whatever the number of projects in the ballot: the session, space and component (the
 * core's) and one statement that casts the ballot with its items; the budget with its projects' costs
 * comes from the instance's memory (rules-cache.ts), which an admin's change or a moderator's hiding
 * makes it forget at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, csrfFrom, type TestPlatform } from "../../test/platform";
import { countQueries } from "../../test/queries";
import { sql } from "drizzle-orm";
import { until } from "../../test/until";
import { saveProject } from "./admin-service";
import { projectResourceKind } from "./kit";
import { createBudgetComponent } from "./testing";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.stop());

describe("the one-request checkout", () => {
  it("runs the same few statements for a ballot of 2 projects as of 100", async () => {
    const f = await createBudgetComponent(p, { voteType: "approval", total: 1_000_000, projects: Array.from({ length: 150 }, (_, k) => ({ cost: 1000 + k })), global: { workflow: "all" } });
    const measure = async (n: number) => {
      const me = await signedInClient(p);
      const csrf = csrfFrom((await me.client.get(f.budgetBase)).body);
      let first = true;
      const { count, result } = await countQueries(p.deps.pool, async () => {
        // countQueries runs the work twice (a warm-up first): the warm-up's ballot is deleted, so the measured run casts one too.
        const res = await me.client.post(`${f.budgetBase}/ballot/checkout`, { projectId: f.projectIds.slice(0, n).map(String) }, { csrf });
        if (first) await p.deps.db.execute(`delete from budget_ballots where user_id = ${me.userId}`);
        first = false;
        return res;
      });
      expect(result.statusCode).toBe(303);
      return count;
    };
    const two = await measure(2);
    const hundred = await measure(100);
    expect(hundred).toBe(two);
    expect(two).toBeLessThanOrEqual(3);
  });

  it("checks a ballot against the costs an admin just changed and the projects a moderator just hid", async () => {
    const f = await createBudgetComponent(p, { voteType: "knapsack", total: 1000, projects: [{ cost: 400 }, { cost: 500 }, { cost: 100 }], global: { workflow: "all" } });
    const [a = 0, b = 0, c = 0] = f.projectIds;
    const checkout = async (ids: number[]) => {
      const me = await signedInClient(p);
      const res = await me.client.post(`${f.budgetBase}/ballot/checkout`, { projectId: ids.map(String) }, { formPage: f.budgetBase });
      expect(res.statusCode).toBe(303);
      const page = (await me.client.get(String(res.headers.location))).body;
      const row = await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from budget_ballots where user_id = ${me.userId} and checked_out_at is not null`);
      return { cast: row.rows[0]?.n === 1, page };
    };
    expect((await checkout([a, b])).cast).toBe(true);
    // The admin raises the second project's cost: the same two projects now spend more than the budget.
    const saved = await saveProject(p.deps.db, { id: f.adminId, ip: null }, { componentId: f.component.id, spaceId: f.space.id }, f.budgetId, b, {
      title: { en: "Project 2" },
      description: { en: "What project 2 does." },
      cost: 700,
      address: undefined,
      weight: 1,
    });
    expect(saved.ok).toBe(true);
    const over = await checkout([a, b]);
    expect(over.cast).toBe(false);
    expect(over.page).toContain("Your vote spends €1,100, more than the budget of €1,000.");
    // Hidden by moderation (the kit's hiding, in its own transaction): no longer a project one can vote for.
    expect((await checkout([c])).cast).toBe(true);
    const hide = projectResourceKind.setHidden;
    if (!hide) throw new Error("the project kind hides nothing");
    await p.deps.db.transaction((tx) => hide(tx, [c], true));
    const hidden = await until(async () => {
      const r = await checkout([c]);
      return r.cast ? null : r;
    }, 10_000);
    expect(hidden.page).toContain("This project is not one of this budget’s projects.");
  });
});
