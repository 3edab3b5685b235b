/**
 * Approval, cumulative and ordinal ballots through the forms, and the checkout of a whole ballot in
 * one request (what `npm run bench:budgets` sends): its fields, its refusals, and a double submit.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { createBudgetComponent, type BudgetFixture } from "./testing";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.stop());

const post = (c: TestClient, f: BudgetFixture, action: string, fields: Record<string, string | string[]> = {}) => c.post(`${f.budgetBase}/ballot/${action}`, fields, { formPage: f.budgetBase });
const follow = async (c: TestClient, res: { headers: { location?: unknown } }) => (await c.get(String(res.headers.location))).body;

/** The person's ballot: cast or not, and its items as [projectId, points, rank]. */
async function ballotOf(f: BudgetFixture, userId: number) {
  const r = await p.deps.db.execute<{ checked_out: boolean; items: Array<[number, number, number | null]> | null }>(sql`
    select b.checked_out_at is not null as checked_out,
      jsonb_agg(jsonb_build_array(i.project_id, i.points, i.rank) order by i.project_id) filter (where i.project_id is not null) as items
    from budget_ballots b left join budget_ballot_items i on i.ballot_id = b.id where b.budget_id = ${f.budgetId} and b.user_id = ${userId} group by b.id`);
  const row = r.rows[0];
  return row ? { checkedOut: row.checked_out, items: row.items ?? [] } : null;
}

describe("approval ballots", () => {
  it("take any project whatever its cost, at most maxProjects, at least minProjects", async () => {
    const f = await createBudgetComponent(p, { voteType: "approval", total: 100, rules: { minProjects: 2, maxProjects: 2 }, projects: [{ cost: 90 }, { cost: 90 }, { cost: 90 }] });
    const [a = 0, b = 0, c = 0] = f.projectIds;
    const me = await signedInClient(p);
    const page = await me.client.get(f.budgetBase);
    expect(page.body).toContain("Vote for 2 to 2 projects.");
    expect(page.body).toContain("0 of 2 projects chosen.");
    await post(me.client, f, "add", { projectId: String(a) });
    expect((await post(me.client, f, "checkout")).body).toContain("Choose at least 2 projects to cast your vote.");
    await post(me.client, f, "add", { projectId: String(b) });
    expect(await follow(me.client, await post(me.client, f, "add", { projectId: String(c) }))).toContain("You can choose at most 2 projects.");
    expect((await me.client.get(f.budgetBase)).body).toMatch(/<progress[^>]*max="2"[^>]*value="2"/);
    await post(me.client, f, "confirm");
    expect(await ballotOf(f, me.userId)).toEqual({ checkedOut: true, items: [[a, 1, null], [b, 1, null]] });
  });
});

describe("cumulative ballots", () => {
  it("spread points within maxPoints and maxPointsPerProject; 0 takes a project out", async () => {
    const f = await createBudgetComponent(p, { voteType: "cumulative", total: 100, rules: { maxPoints: 5, maxPointsPerProject: 3 }, projects: [{ cost: 10 }, { cost: 20 }, { cost: 30 }] });
    const [a = 0, b = 0, c = 0] = f.projectIds;
    const me = await signedInClient(p);
    const page = await me.client.get(f.budgetBase);
    expect(page.body).toContain("Spread 5 points over the projects you support.");
    expect(page.body).toContain("At most 3 points on one project.");
    expect(page.body).toContain(`id="points-${a}"`);
    expect(await follow(me.client, await post(me.client, f, "points", { projectId: String(a), points: "3" }))).toContain("Points saved for “Project 1”.");
    expect(await follow(me.client, await post(me.client, f, "points", { projectId: String(b), points: "4" }))).toContain("You can give at most 3 points to one project.");
    expect(await follow(me.client, await post(me.client, f, "points", { projectId: String(b), points: "3" }))).toContain("You have 5 points to spread; this would use 6.");
    await post(me.client, f, "points", { projectId: String(b), points: "2" });
    expect((await me.client.get(f.budgetBase)).body).toContain("5 of 5 points given.");
    expect(await follow(me.client, await post(me.client, f, "points", { projectId: String(c), points: "-1" }))).toContain("This choice could not be read; please try again.");
    await post(me.client, f, "points", { projectId: String(a), points: "0" });
    await post(me.client, f, "points", { projectId: String(c), points: "3" });
    await post(me.client, f, "confirm");
    expect(await ballotOf(f, me.userId)).toEqual({ checkedOut: true, items: [[b, 2, null], [c, 3, null]] });
  });
});

describe("ordinal ballots", () => {
  it("rank up to maxLength projects, moving and closing up ranks", async () => {
    const f = await createBudgetComponent(p, { voteType: "ordinal", total: 100, rules: { maxLength: 3 }, projects: [{ cost: 10 }, { cost: 20 }, { cost: 30 }, { cost: 40 }] });
    const [a = 0, b = 0, c = 0, d = 0] = f.projectIds;
    const me = await signedInClient(p);
    expect((await me.client.get(f.budgetBase)).body).toContain("Rank up to 3 projects, 1 being your first choice.");
    await post(me.client, f, "rank", { projectId: String(a), rank: "1" });
    await post(me.client, f, "rank", { projectId: String(b), rank: "2" });
    await post(me.client, f, "rank", { projectId: String(c), rank: "1" });
    expect((await ballotOf(f, me.userId))?.items).toEqual([[a, 1, 2], [b, 1, 3], [c, 1, 1]]);
    expect(await follow(me.client, await post(me.client, f, "rank", { projectId: String(d), rank: "1" }))).toContain("You can rank at most 3 projects.");
    await post(me.client, f, "rank", { projectId: String(c), rank: "0" });
    expect((await ballotOf(f, me.userId))?.items).toEqual([[a, 1, 1], [b, 1, 2]]);
    const page = (await me.client.get(f.budgetBase)).body;
    expect(page).toContain("Choice 1");
    expect(page).toContain(`<select id="rank-${d}" name="rank">`);
    await post(me.client, f, "confirm");
    expect((await ballotOf(f, me.userId))?.checkedOut).toBe(true);
  });
});

describe("checkout in one request", () => {
  it("casts a whole approval ballot without prior adds, once", async () => {
    const f = await createBudgetComponent(p, { voteType: "approval", total: 100, rules: { maxProjects: 3 }, projects: [{ cost: 10 }, { cost: 20 }, { cost: 30 }, { cost: 40 }] });
    const [a = 0, b = 0, c = 0, d = 0] = f.projectIds;
    const me = await signedInClient(p);
    const page = await me.client.get(f.budgetBase);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
    const tooMany = await me.client.post(`${f.budgetBase}/ballot/checkout`, { projectId: [a, b, c, d].map(String) }, { csrf });
    expect(await follow(me.client, tooMany)).toContain("You can choose at most 3 projects.");
    expect(await ballotOf(f, me.userId)).toBeNull();

    const cast = await me.client.post(`${f.budgetBase}/ballot/checkout`, { projectId: [c, a].map(String) }, { csrf });
    expect(cast.statusCode).toBe(303);
    expect(await follow(me.client, cast)).toContain("Thank you: your vote is cast.");
    const again = await me.client.post(`${f.budgetBase}/ballot/checkout`, { projectId: [b].map(String) }, { csrf });
    expect(await follow(me.client, again)).toContain("Your vote was already cast.");
    expect(await ballotOf(f, me.userId)).toEqual({ checkedOut: true, items: [[a, 1, null], [c, 1, null]] });
  });

  it("replaces what was being filled; takes points[<id>] and rank[<id>]", async () => {
    const cumulative = await createBudgetComponent(p, { voteType: "cumulative", total: 100, rules: { maxPoints: 4 }, projects: [{ cost: 10 }, { cost: 20 }, { cost: 30 }] });
    const [a = 0, b = 0, c = 0] = cumulative.projectIds;
    const me = await signedInClient(p);
    await post(me.client, cumulative, "points", { projectId: String(c), points: "2" });
    const over = await post(me.client, cumulative, "checkout", { projectId: [String(a), String(b)], [`points[${a}]`]: "3", [`points[${b}]`]: "2" });
    expect(await follow(me.client, over)).toContain("You have 4 points to spread; this would use 5.");
    await post(me.client, cumulative, "checkout", { projectId: [String(a), String(b)], [`points[${a}]`]: "3" });
    expect(await ballotOf(cumulative, me.userId)).toEqual({ checkedOut: true, items: [[a, 3, null], [b, 1, null]] });

    const ordinal = await createBudgetComponent(p, { voteType: "ordinal", total: 100, rules: { maxLength: 3 }, projects: [{ cost: 10 }, { cost: 20 }, { cost: 30 }] });
    const [x = 0, y = 0, z = 0] = ordinal.projectIds;
    const gap = await post(me.client, ordinal, "checkout", { projectId: [String(x), String(y)], [`rank[${x}]`]: "1", [`rank[${y}]`]: "3" });
    expect(await follow(me.client, gap)).toContain("Ranks must run from 1 without gaps or repeats.");
    await post(me.client, ordinal, "checkout", { projectId: [String(z), String(x)] });
    expect(await ballotOf(ordinal, me.userId)).toEqual({ checkedOut: true, items: [[x, 1, 2], [z, 1, 1]] });
  });
});
