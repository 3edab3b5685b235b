/**
 * One-request checkouts arriving together share one statement (ballot-store.ts, group commit): each is
 * answered only once its batch committed, each person's ballot holds exactly their own projects, a
 * person's two checkouts in one batch make one ballot, and a ballot whose project vanished before the
 * write fails alone, the others of its batch counted.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { checkoutWith } from "./ballot-store";
import { createBudgetComponent } from "./testing";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.stop());

const ballots = async (budgetId: number) =>
  (
    await p.deps.db.execute<{ user_id: string; items: string }>(sql`
      select b.user_id, string_agg(i.project_id::text, ',' order by i.project_id) as items from budget_ballots b join budget_ballot_items i on i.ballot_id = b.id
      where b.budget_id = ${budgetId} and b.checked_out_at is not null group by b.user_id order by b.user_id`)
  ).rows.map((r) => [Number(r.user_id), r.items]);

describe("checkouts at once", () => {
  it("are each answered after the commit with their own ballot", async () => {
    const f = await createBudgetComponent(p, { voteType: "approval", total: 1_000, projects: [{ cost: 10 }, { cost: 20 }, { cost: 30 }, { cost: 40 }], global: { workflow: "all" } });
    const people = await Promise.all(Array.from({ length: 16 }, () => signedInClient(p)));
    const csrfs = await Promise.all(people.map(async (x) => /name="_csrf" value="([^"]+)"/.exec((await x.client.get(f.budgetBase)).body)?.[1] ?? ""));
    const chosen = people.map((_, k) => f.projectIds.filter((_, j) => (k >> j) % 2 === 1 || j === k % 4));
    const answers = await Promise.all(people.map((x, k) => x.client.post(`${f.budgetBase}/ballot/checkout`, { projectId: (chosen[k] ?? []).map(String) }, { csrf: csrfs[k] ?? "" })));
    expect(answers.map((r) => r.statusCode)).toEqual(people.map(() => 303));
    const expected = people.map((x, k) => [x.userId, [...(chosen[k] ?? [])].sort((a, b) => a - b).join(",")]).sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(await ballots(f.budgetId)).toEqual(expected);
  });

  it("of one person in one batch make one ballot; a ballot whose project is gone fails alone", async () => {
    const f = await createBudgetComponent(p, { voteType: "approval", total: 1_000, projects: [{ cost: 10 }, { cost: 20 }, { cost: 30 }], global: { workflow: "all" } });
    const [a = 0, b = 0, c = 0] = f.projectIds;
    const componentId = Number((await p.deps.db.execute<{ component_id: string }>(sql`select component_id from budgets where id = ${f.budgetId}`)).rows[0]?.component_id);
    const budget = { id: f.budgetId, componentId, total: 1_000, voteType: "approval" as const, rules: {} };
    const [one, two, three, x, y] = await Promise.all([signedInClient(p), signedInClient(p), signedInClient(p), signedInClient(p), signedInClient(p)]);
    if (!one || !two || !three || !x || !y) throw new Error("no people");
    const item = (projectId: number, cost: number) => ({ projectId, cost, points: 1, rank: null });
    // A project that no longer exists (deleted after the costs were read): the foreign key refuses its items.
    const gone = c + 1_000_000;
    // The first two take the batcher's two slots, so the four after them wait and go as one batch.
    const results = await Promise.allSettled([
      checkoutWith(p.deps.db, budget, x.userId, [item(a, 10)], { onlyOne: false }),
      checkoutWith(p.deps.db, budget, y.userId, [item(a, 10)], { onlyOne: false }),
      checkoutWith(p.deps.db, budget, one.userId, [item(a, 10)], { onlyOne: false }),
      checkoutWith(p.deps.db, budget, one.userId, [item(b, 20)], { onlyOne: false }),
      checkoutWith(p.deps.db, budget, two.userId, [item(gone, 30)], { onlyOne: false }),
      checkoutWith(p.deps.db, budget, three.userId, [item(b, 20), item(c, 30)], { onlyOne: false }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled", "rejected", "fulfilled"]);
    const values = results.map((r) => (r.status === "fulfilled" ? r.value : null));
    expect(values[2]).toEqual({ ok: true, value: { already: false } });
    expect(values[3]).toEqual({ ok: true, value: { already: true } });
    expect(await ballots(f.budgetId)).toEqual(
      [
        [x.userId, String(a)],
        [y.userId, String(a)],
        [one.userId, String(a)],
        [three.userId, `${b},${c}`],
      ].sort((m, n) => Number(m[0]) - Number(n[0])),
    );
  });
});
