/**
 * Who votes in which budget (one of your choice, all, one drawn at random), the component's permission
 * (a census list: a parent who is not on the students' list is sent to verify and cannot vote),
 * concurrent checkouts of one person, a budget page's queries whatever the number of projects and
 * ballots, and the person's ballots in "download my data" and on account deletion.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, csrfFrom, type TestClient, type TestPlatform } from "../../test/platform";
import { countQueries } from "../../test/queries";
import { createBudgetComponent, type BudgetFixture } from "./testing";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.stop());

const post = (c: TestClient, budgetBase: string, action: string, fields: Record<string, string | string[]> = {}) => c.post(`${budgetBase}/ballot/${action}`, fields, { formPage: budgetBase });
const follow = async (c: TestClient, res: { headers: { location?: unknown } }) => (await c.get(String(res.headers.location))).body;

async function castIn(userId: number, budgetIds: number[]): Promise<number[]> {
  const r = await p.deps.db.execute<{ budget_id: string }>(sql`
    select budget_id from budget_ballots where user_id = ${userId} and checked_out_at is not null and budget_id = any(${sql.param(budgetIds)}::bigint[]) order by budget_id`);
  return r.rows.map((x) => Number(x.budget_id));
}

async function twoBudgets(workflow: "one" | "all" | "random"): Promise<{ f: BudgetFixture; second: { budgetId: number; budgetBase: string; projectIds: number[] } }> {
  const f = await createBudgetComponent(p, { title: "Sports", total: 1000, projects: [{ cost: 500 }], global: { workflow } });
  const second = await f.addBudget({ title: "Library", total: 1000, projects: [{ cost: 500 }] });
  return { f, second };
}

describe("workflows", () => {
  it("one: a vote in one budget closes the others to that person", async () => {
    const { f, second } = await twoBudgets("one");
    const me = await signedInClient(p);
    const index = await me.client.get(f.base);
    expect(index.body).toContain("You may vote in one budget of your choice.");
    expect(index.body).toContain("Sports");
    expect(index.body).toContain("Library");
    await post(me.client, second.budgetBase, "add", { projectId: String(second.projectIds[0]) });
    expect((await me.client.get(f.base)).body).toContain("Vote in progress");
    await post(me.client, f.budgetBase, "checkout", { projectId: String(f.projectIds[0]) });
    const after = (await me.client.get(f.base)).body;
    expect(after).toContain("Vote cast");
    expect(await follow(me.client, await post(me.client, second.budgetBase, "confirm"))).toContain("You have already voted in another budget of this page: you may vote in one budget only.");
    expect((await me.client.get(second.budgetBase)).body).toContain("You have already voted in another budget of this page");
    expect(await castIn(me.userId, [f.budgetId, second.budgetId])).toEqual([f.budgetId]);
  });

  it("all: a person votes in every budget", async () => {
    const { f, second } = await twoBudgets("all");
    const me = await signedInClient(p);
    expect((await me.client.get(f.base)).body).toContain("You may vote in each budget.");
    await post(me.client, f.budgetBase, "checkout", { projectId: String(f.projectIds[0]) });
    await post(me.client, second.budgetBase, "checkout", { projectId: String(second.projectIds[0]) });
    expect(await castIn(me.userId, [f.budgetId, second.budgetId])).toEqual([f.budgetId, second.budgetId].sort((a, b) => a - b));
  });

  it("random: a budget is drawn on the first visit and only that one is offered", async () => {
    const { f, second } = await twoBudgets("random");
    const me = await signedInClient(p);
    const index = (await me.client.get(f.base)).body;
    expect(index).toContain("This budget was drawn for you.");
    const drawn = await p.deps.db.execute<{ budget_id: string }>(sql`select budget_id from budget_assignments where component_id = ${f.component.id} and user_id = ${me.userId}`);
    const mine = Number(drawn.rows[0]?.budget_id);
    const [ours, theirs] = mine === f.budgetId ? [f, second] : [second, f];
    expect(index).toContain(`/budgets/${ours.budgetId}"`);
    expect(index).not.toContain(`/budgets/${theirs.budgetId}"`);
    // The same draw on every visit.
    await me.client.get(f.base);
    expect((await p.deps.db.execute(sql`select 1 from budget_assignments where user_id = ${me.userId}`)).rows).toHaveLength(1);
    const elsewhere = await post(me.client, theirs.budgetBase, "checkout", { projectId: String(theirs.projectIds[0]) });
    expect(await follow(me.client, elsewhere)).toContain("You vote in the budget that was drawn for you, not in this one.");
    await post(me.client, ours.budgetBase, "checkout", { projectId: String(ours.projectIds[0]) });
    expect(await castIn(me.userId, [f.budgetId, second.budgetId])).toEqual([ours.budgetId]);
  });
});

describe("the component's permission", () => {
  it("sends a parent who is not on the students' census list to verify, and does not let them vote", async () => {
    const f = await createBudgetComponent(p, { total: 1000, projects: [{ cost: 500 }] });
    const admin = await signedInClient(p, { isAdmin: true });
    await admin.client.post(`/admin/census/${f.space.id}`, { secondAttribute: "birth_date", csv: "S-1;2010-05-01\n" }, { formPage: `/admin/census/${f.space.id}` });
    await p.deps.db.execute(sql`update components set permissions = '{"vote":{"handlers":{"census":{}}}}'::jsonb where id = ${f.component.id}`);

    const parent = await signedInClient(p);
    const page = await parent.client.get(f.budgetBase);
    expect(page.body).toContain("Verify your account to vote");
    expect(page.body).toContain(`/verifications/census?space=${f.space.id}`);
    expect(page.body).not.toContain("Add to my vote");
    const refused = await post(parent.client, f.budgetBase, "checkout", { projectId: String(f.projectIds[0]) });
    expect(refused.statusCode).toBe(303);
    expect(String(refused.headers.location)).toContain("/verifications/census");
    const tried = await parent.client.post(`/verifications/census?space=${f.space.id}`, { identifier: "P-9", second: "1980-01-01" });
    expect(tried.body).toContain("These details do not match any entry of the list.");
    expect(await castIn(parent.userId, [f.budgetId])).toEqual([]);

    const student = await signedInClient(p);
    await student.client.post(`/verifications/census?space=${f.space.id}`, { identifier: "S-1", second: "2010-05-01" });
    expect((await student.client.get(f.budgetBase)).body).toContain("Add to my vote");
    await post(student.client, f.budgetBase, "checkout", { projectId: String(f.projectIds[0]) });
    expect(await castIn(student.userId, [f.budgetId])).toEqual([f.budgetId]);
  });
});

describe("concurrency", () => {
  it("two checkouts of one person at once make one ballot", async () => {
    const f = await createBudgetComponent(p, { voteType: "approval", total: 1000, projects: [{ cost: 100 }, { cost: 200 }, { cost: 300 }] });
    const [a = 0, b = 0, c = 0] = f.projectIds;
    const me = await signedInClient(p);
    const csrf = csrfFrom((await me.client.get(f.budgetBase)).body);
    const sent = await Promise.all([
      me.client.post(`${f.budgetBase}/ballot/checkout`, { projectId: [String(a), String(b)] }, { csrf }),
      me.client.post(`${f.budgetBase}/ballot/checkout`, { projectId: [String(c)] }, { csrf }),
      me.client.post(`${f.budgetBase}/ballot/confirm`, {}, { csrf }),
    ]);
    expect(sent.map((r) => r.statusCode)).toEqual([303, 303, 303]);
    const rows = await p.deps.db.execute<{ n: number; items: number }>(sql`
      select count(distinct b.id)::int as n, count(i.project_id)::int as items from budget_ballots b left join budget_ballot_items i on i.ballot_id = b.id where b.budget_id = ${f.budgetId}`);
    expect(rows.rows[0]?.n).toBe(1);
    expect([1, 2]).toContain(rows.rows[0]?.items);
    expect(await castIn(me.userId, [f.budgetId])).toEqual([f.budgetId]);
  });

  it("two checkouts of one person in two budgets at once, voting in one only: one passes", async () => {
    const { f, second } = await twoBudgets("one");
    const me = await signedInClient(p);
    const csrf = csrfFrom((await me.client.get(f.budgetBase)).body);
    await Promise.all([
      me.client.post(`${f.budgetBase}/ballot/checkout`, { projectId: String(f.projectIds[0]) }, { csrf }),
      me.client.post(`${second.budgetBase}/ballot/checkout`, { projectId: String(second.projectIds[0]) }, { csrf }),
    ]);
    expect(await castIn(me.userId, [f.budgetId, second.budgetId])).toHaveLength(1);
  });
});

describe("bounded queries", () => {
  it("a budget page costs the same queries with 3 projects and no vote as with 60 projects and many ballots", async () => {
    const me = await signedInClient(p);
    const measure = async (n: number, voters: number) => {
      const f = await createBudgetComponent(p, { total: 100_000, projects: Array.from({ length: n }, (_, k) => ({ cost: 100 + k })), step: { showVotes: true }, global: { projectsPerPage: 200 } });
      await post(me.client, f.budgetBase, "add", { projectId: String(f.projectIds[0]) });
      if (voters > 0) {
        await p.deps.db.execute(sql`insert into budget_ballots (budget_id, channel, voter_ref, checked_out_at) select ${f.budgetId}, 'import', 'v' || g, now() from generate_series(1, ${voters}) g`);
        await p.deps.db.execute(sql`
          insert into budget_ballot_items (ballot_id, project_id) select b.id, pr.id from budget_ballots b join budget_projects pr on pr.budget_id = b.budget_id
          where b.budget_id = ${f.budgetId} and b.channel = 'import' and (b.id + pr.id) % 3 = 0`);
      }
      const { count, result } = await countQueries(p.deps.pool, () => me.client.get(`${f.budgetBase}?sort=most_voted`));
      expect(result.statusCode).toBe(200);
      return count;
    };
    const small = await measure(3, 0);
    const large = await measure(60, 500);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(14);
  });
});

describe("personal data", () => {
  it("exports the person's ballots; erasure keeps cast ballots counted without the voter and deletes the others", async () => {
    const { f, second } = await twoBudgets("all");
    const me = await signedInClient(p);
    await post(me.client, f.budgetBase, "checkout", { projectId: String(f.projectIds[0]) });
    await post(me.client, second.budgetBase, "add", { projectId: String(second.projectIds[0]) });
    const data = JSON.parse((await me.client.get("/account/data")).body) as { budgets: { ballots: Array<{ budgetId: number; castAt: string | null; projects: Array<{ projectId: number }> }> } };
    expect(data.budgets.ballots.map((b) => [Number(b.budgetId), b.castAt !== null, b.projects.map((x) => x.projectId)])).toEqual([
      [f.budgetId, true, [f.projectIds[0]]],
      [second.budgetId, false, [second.projectIds[0]]],
    ]);
    expect((await me.client.get("/account/delete")).body).toContain("Your cast votes stay counted, without your name; votes you had not cast are deleted.");
    expect((await me.client.post("/account/delete", { current_password: me.password }, { formPage: "/account/delete" })).statusCode).toBe(303);
    const rows = await p.deps.db.execute<{ budget_id: string; user_id: string | null; cast: boolean; items: number }>(sql`
      select b.budget_id, b.user_id, b.checked_out_at is not null as cast, (select count(*)::int from budget_ballot_items i where i.ballot_id = b.id) as items
      from budget_ballots b where b.budget_id in (${f.budgetId}, ${second.budgetId})`);
    expect(rows.rows).toEqual([{ budget_id: String(f.budgetId), user_id: null, cast: true, items: 1 }]);
  });

  it("counts ballots as participation, so the component is not deleted by accident", async () => {
    const f = await createBudgetComponent(p, { total: 1000, projects: [{ cost: 500 }] });
    const { getComponentManifest } = await import("../../core/components/registry");
    const participation = getComponentManifest("budgets")?.participation;
    expect(await participation?.(p.deps.db, [f.component.id])).toBe(0);
    const me = await signedInClient(p);
    await post(me.client, f.budgetBase, "checkout", { projectId: String(f.projectIds[0]) });
    expect(await participation?.(p.deps.db, [f.component.id])).toBe(1);
  });
});
