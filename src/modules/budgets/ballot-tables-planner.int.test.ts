/**
 * The ballot tables' statistics follow a vote that fills them (ballot-tables-planner.ts, ADR 43, ADR 48):
 * once the ballots table more than doubled on disk since its statistics were taken, the checkout path
 * analyzes the tables (so the items' foreign-key checks are planned again, with the index), and not before.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { until } from "../../test/until";
import { ballotsWritten, refreshIfOutgrown } from "./ballot-tables-planner";
import { createBudgetComponent } from "./testing";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.stop());

const known = async () => Number((await p.deps.db.execute<{ n: string }>(sql`select reltuples::bigint::text as n from pg_class where oid = 'budget_ballots'::regclass`)).rows[0]?.n);

/** `n` imported ballots of one project each, the statistics of the inserting connection sent at its commit. */
async function importBallots(budgetId: number, projectId: number, n: number, from: number): Promise<void> {
  await p.deps.db.transaction(async (tx) => {
    await tx.execute(sql`
      with b as (
        insert into budget_ballots (budget_id, channel, voter_ref, checked_out_at)
        select ${budgetId}, 'import', 'v' || g, now() from generate_series(${from}::int, ${from + n - 1}::int) g returning id)
      insert into budget_ballot_items (ballot_id, project_id) select id, ${projectId} from b`);
    await tx.execute(sql`select pg_stat_force_next_flush()`);
  });
}

describe("the ballot tables' statistics", () => {
  it("are refreshed once the ballots outgrew them, and only then", async () => {
    const f = await createBudgetComponent(p, { voteType: "approval", total: 1_000, projects: [{ cost: 10 }], global: { workflow: "all" } });
    const projectId = f.projectIds[0] ?? 0;
    await importBallots(f.budgetId, projectId, 20, 1);
    await p.deps.db.execute(sql`analyze budget_ballots, budget_ballot_items`);
    expect(await known()).toBe(20);
    // 50 more: still one page, under twice the known size plus the margin of 8 pages.
    await importBallots(f.budgetId, projectId, 50, 21);
    expect(await refreshIfOutgrown(p.deps.db)).toBe(false);
    expect(await known()).toBe(20);
    // 3,000 more: the statistics (20 rows) no longer fit.
    await importBallots(f.budgetId, projectId, 3_000, 71);
    await until(() => refreshIfOutgrown(p.deps.db), 30_000);
    expect(await known()).toBe(3_070);
    expect(await refreshIfOutgrown(p.deps.db)).toBe(false);
  });

  it("are looked at by the checkout path every thousand ballots it wrote", async () => {
    const f = await createBudgetComponent(p, { voteType: "approval", total: 1_000, projects: [{ cost: 10 }], global: { workflow: "all" } });
    const before = await known();
    await importBallots(f.budgetId, f.projectIds[0] ?? 0, 2 * before + 1_000, 100_000);
    ballotsWritten(p.deps.db, 999);
    ballotsWritten(p.deps.db, 1);
    await until(async () => (await known()) > before + 500, 30_000);
  });
});
