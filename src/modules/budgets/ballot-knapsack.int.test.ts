/**
 * A knapsack ballot through the pages, as a person without JavaScript: add and remove with flashes,
 * the running total as text and bar, a project over what is left refused with the reason, checkout
 * refused below the minimum, the summary and its confirmation, a second confirmation, changing the
 * vote when the step allows it and not otherwise, and voting closed.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { createBudgetComponent, type BudgetFixture } from "./testing";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.stop());

const post = (c: TestClient, f: BudgetFixture, action: string, fields: Record<string, string | string[]> = {}) => c.post(`${f.budgetBase}/ballot/${action}`, fields, { formPage: f.budgetBase });
const follow = async (c: TestClient, res: { headers: { location?: unknown } }) => (await c.get(String(res.headers.location))).body;

async function ballotOf(f: BudgetFixture, userId: number) {
  const r = await p.deps.db.execute<{ checked_out: boolean; items: string[] | null }>(sql`
    select b.checked_out_at is not null as checked_out, array_agg(i.project_id::text order by i.project_id) filter (where i.project_id is not null) as items
    from budget_ballots b left join budget_ballot_items i on i.ballot_id = b.id where b.budget_id = ${f.budgetId} and b.user_id = ${userId} group by b.id`);
  const row = r.rows[0];
  return row ? { checkedOut: row.checked_out, items: (row.items ?? []).map(Number) } : null;
}

describe("a knapsack ballot without JavaScript", () => {
  it("adds and removes projects, refuses one over what is left, and checks out above the minimum", async () => {
    const f = await createBudgetComponent(p, { voteType: "knapsack", total: 1000, rules: { minPercent: 70 }, projects: [{ cost: 400 }, { cost: 500 }, { cost: 300 }] });
    const [a = 0, b = 0, c = 0] = f.projectIds;
    const me = await signedInClient(p);

    const page = await me.client.get(f.budgetBase);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Choose projects worth at least 70% of the budget (€700).");
    expect(page.body).toContain("€0 chosen of €1,000: €1,000 left.");
    expect(page.body).toContain("Add to my vote");

    const added = await post(me.client, f, "add", { projectId: String(a), back: "?sort=cost_asc" });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`${f.budgetBase}?sort=cost_asc#project-${a}`);
    const after = await follow(me.client, added);
    expect(after).toContain("“Project 1” is in your vote.");
    expect(after).toContain("€400 chosen of €1,000: €600 left.");
    expect(after).toMatch(/<progress[^>]*max="1000"[^>]*value="400"/);
    expect(after).toContain('aria-valuetext="€400 chosen of €1,000: €600 left."');
    expect(after).toContain("Remove from my vote");

    await post(me.client, f, "add", { projectId: String(b) });
    const over = await post(me.client, f, "add", { projectId: String(c) });
    expect(await follow(me.client, over)).toContain("This project costs €300, but only €100 is left in your vote.");
    expect((await ballotOf(f, me.userId))?.items).toEqual([a, b]);

    await post(me.client, f, "remove", { projectId: String(b) });
    expect((await ballotOf(f, me.userId))?.items).toEqual([a]);

    // Below 70%: the panel says why, the summary refuses.
    expect((await me.client.get(f.budgetBase)).body).toContain("Choose projects worth at least 70% of the budget (€700) to cast your vote.");
    const early = await post(me.client, f, "checkout");
    expect(early.statusCode).toBe(422);
    expect(early.body).toContain("Choose projects worth at least 70% of the budget (€700) to cast your vote.");
    expect(early.body).not.toContain("Confirm and cast my vote");
    const forced = await post(me.client, f, "confirm");
    expect(await follow(me.client, forced)).toContain("Choose projects worth at least 70% of the budget (€700) to cast your vote.");
    expect((await ballotOf(f, me.userId))?.checkedOut).toBe(false);

    await post(me.client, f, "add", { projectId: String(c) });
    const summary = await post(me.client, f, "checkout");
    expect(summary.statusCode).toBe(200);
    expect(summary.body).toContain("Check your choices, then confirm.");
    expect(summary.body).toContain("Project 1");
    expect(summary.body).toContain("Once cast, your vote cannot be changed.");
    const cast = await me.client.post(`${f.budgetBase}/ballot/confirm`, {}, { csrf: /name="_csrf" value="([^"]+)"/.exec(summary.body)?.[1] ?? "" });
    expect(cast.statusCode).toBe(303);
    const done = await follow(me.client, cast);
    expect(done).toContain("Thank you: your vote is cast.");
    expect(done).toContain("Your vote is cast. Thank you!");
    expect(done).not.toContain("Add to my vote");
    expect(await ballotOf(f, me.userId)).toEqual({ checkedOut: true, items: [a, c] });

    // Twice is once; a cast vote cannot change, nor be taken back unless the step allows it.
    expect(await follow(me.client, await post(me.client, f, "confirm"))).toContain("Your vote was already cast.");
    expect(await follow(me.client, await post(me.client, f, "remove", { projectId: String(a) }))).toContain("Your vote is already cast, so it cannot be changed.");
    expect(await follow(me.client, await post(me.client, f, "cancel"))).toContain("A cast vote cannot be changed in this budget.");
    expect(await ballotOf(f, me.userId)).toEqual({ checkedOut: true, items: [a, c] });
    const count = await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from budget_ballots where budget_id = ${f.budgetId}`);
    expect(count.rows[0]?.n).toBe(1);
  });

  it("lets a person change their vote until voting closes when the step allows it", async () => {
    const f = await createBudgetComponent(p, { total: 1000, projects: [{ cost: 400 }, { cost: 500 }], step: { changeVoteAllowed: true } });
    const [a = 0, b = 0] = f.projectIds;
    const me = await signedInClient(p);
    await post(me.client, f, "add", { projectId: String(a) });
    await post(me.client, f, "confirm");
    expect((await ballotOf(f, me.userId))?.checkedOut).toBe(true);
    const page = await me.client.get(f.budgetBase);
    expect(page.body).toContain("Change my vote");
    const back = await post(me.client, f, "cancel");
    expect(await follow(me.client, back)).toContain("Your vote is open again: change it, then cast it again.");
    expect(await ballotOf(f, me.userId)).toEqual({ checkedOut: false, items: [a] });
    await post(me.client, f, "add", { projectId: String(b) });
    await post(me.client, f, "confirm");
    expect(await ballotOf(f, me.userId)).toEqual({ checkedOut: true, items: [a, b] });

    // Closed: nothing changes any more, and the page says so.
    await f.configure({}, { votes: "finished", changeVoteAllowed: true });
    const closed = await post(me.client, f, "cancel");
    expect(closed.statusCode).toBe(403);
    expect(closed.body).toContain("Voting is not open in this budget.");
    expect((await me.client.get(f.budgetBase)).body).toContain("Voting is closed.");
    expect(await ballotOf(f, me.userId)).toEqual({ checkedOut: true, items: [a, b] });
  });

  it("shows the projects to visitors with a way to sign in, and refuses votes before voting opens", async () => {
    const f = await createBudgetComponent(p, { total: 1000, projects: [{ cost: 400, title: "Bike racks" }], step: { votes: "disabled" } });
    const visitor = await englishClient(p);
    const before = await visitor.get(f.budgetBase);
    expect(before.body).toContain("Bike racks");
    expect(before.body).toContain("Voting has not started yet: you can read the projects.");
    const me = await signedInClient(p);
    const refused = await post(me.client, f, "add", { projectId: String(f.projectIds[0]) });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain("Voting is not open in this budget.");

    await f.configure({}, { votes: "enabled" });
    const open = await visitor.get(f.budgetBase);
    expect(open.body).toContain("Sign in to vote");
    expect(open.body).toContain(`/users/sign-in?return_to=${encodeURIComponent(f.budgetBase)}`);
    const anonymous = await visitor.post(`${f.budgetBase}/ballot/add`, { projectId: String(f.projectIds[0]) }, { formPage: "/users/sign-in" });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain("/users/sign-in");
  });

  it("refuses a project of another budget and unreadable input with a message", async () => {
    const f = await createBudgetComponent(p, { total: 1000, projects: [{ cost: 400 }] });
    const other = await f.addBudget({ total: 1000, projects: [{ cost: 100 }] });
    const me = await signedInClient(p);
    expect(await follow(me.client, await post(me.client, f, "add", { projectId: String(other.projectIds[0]) }))).toContain("This project is not one of this budget’s projects.");
    expect(await follow(me.client, await post(me.client, f, "add", { projectId: "abc" }))).toContain("This choice could not be read; please try again.");
    expect((await me.client.get(`${f.base}/budgets/999999`)).statusCode).toBe(404);
  });
});
