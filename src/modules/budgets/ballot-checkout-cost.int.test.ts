/**
 * The one-request checkout is the voting path under load (`npm run bench:budgets`): a fixed handful of
 * statements whatever the number of projects in the ballot: the session, space and component (the
 * core's), the budget with the projects' costs, and one statement that casts the ballot with its items.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, csrfFrom, type TestPlatform } from "../../test/platform";
import { countQueries } from "../../test/queries";
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
    expect(two).toBeLessThanOrEqual(6);
  });
});
