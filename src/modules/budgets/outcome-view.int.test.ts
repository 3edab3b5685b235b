/**
 * A budget's public results page: nothing before an outcome is published (a 404 that says so), then
 * the rule in words, the selected set against the budget and the votes per project as SVG images with
 * tables of the same figures, and why each project was or was not funded (MES: round, price per voter,
 * effective support; greedy: what was left when its turn came; the threshold), with the inputs' digest.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { countQueries } from "../../test/queries";
import type { OutcomeProject } from "./schema";
import { outcomeFixture } from "./outcome-view-fixture";

let p: TestPlatform;
let adminId = 0;

beforeAll(async () => {
  p = await createTestPlatform();
  adminId = (await signedInClient(p, { isAdmin: true })).userId;
});
afterAll(() => p.stop());

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&nbsp;|\u00a0|\u202f/g, " ").replace(/\s+/g, " ");

describe("budget results page", () => {
  it("says the results are not published yet until an outcome is, and 404s for another component's budget", async () => {
    const f = await outcomeFixture(p, adminId);
    const budget = await f.budget({ title: "Students", total: 100_000 });
    const garden = await f.project(budget, "School garden", 30_000, "1");
    await f.outcome(budget, "greedy", { rule: "greedy", selected: ["1"], projects: [{ id: "1", projectId: garden, cost: 30_000, votes: 3, selected: true, position: 1, leftWhenConsidered: 100_000 }], spent: 30_000, ballots: 3 }, { published: false });
    const visitor = await englishClient(p);
    const res = await visitor.get(`${f.base}/budgets/${budget}/results`);
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain("Results not published yet");
    expect(text(res.body)).toContain("The results of “Students” are not published yet.");
    expect(res.body).not.toContain("School garden");
    const other = await outcomeFixture(p, adminId);
    expect((await visitor.get(`${other.base}/budgets/${budget}/results`)).statusCode).toBe(404);
    expect((await visitor.get(`${f.base}/budgets/abc/results`)).statusCode).toBe(404);
  });

  it("explains a Method of Equal Shares outcome: rule, charts with tables, and why for each project", async () => {
    const f = await outcomeFixture(p, adminId);
    const budget = await f.budget({ title: "Parents", total: 100_000 });
    const garden = await f.project(budget, "School garden", 30_000, "g");
    const library = await f.project(budget, "Library <b>books</b>", 20_000, "l");
    const pool = await f.project(budget, "Swimming pool", 90_000, "p");
    await f.outcome(
      budget,
      "mes-add1",
      {
        rule: "mes-add1",
        selected: ["g", "l"],
        projects: [
          { id: "g", projectId: garden, cost: 30_000, votes: 120, selected: true, round: 1, pricePerVoter: 250, effectiveSupport: 120 },
          { id: "l", projectId: library, cost: 20_000, votes: 80, selected: true, round: 2, pricePerVoter: 312.5, effectiveSupport: 64 },
          { id: "p", projectId: pool, cost: 90_000, votes: 150, selected: false, effectiveSupport: 41.67 },
        ],
        spent: 50_000,
        ballots: 300,
        endowment: 334,
      },
      { digest: "ab12cd34" },
    );
    const visitor = await englishClient(p);
    const res = await visitor.get(`${f.base}/budgets/${budget}/results`);
    expect(res.statusCode).toBe(200);
    const body = text(res.body);
    expect(body).toContain("Results: Parents");
    expect(body).toContain("Method of Equal Shares, completed with Add1");
    expect(body).toContain("The budget is shared equally among the voters.");
    expect(body).toContain("Each voter's share in the outcome kept: €334.");
    expect(body).toContain("2 projects were selected out of 3, costing €50,000 of the budget of €100,000 (€50,000 left). 300 ballots were counted.");
    // Why: the round, the price per voter and the effective support; the unselected one's supporters could not afford it.
    expect(body).toContain("Bought in round 1: each of its supporters paid at most €250. Effective support: 120.");
    expect(body).toContain("Bought in round 2: each of its supporters paid at most €312.50. Effective support: 64.");
    expect(body).toContain("Its supporters could not afford it: together they had less left than its cost of €90,000.");
    expect(body).toContain("Its effective support when it was last considered: 41.67.");
    // Links to the projects; a title is text, never HTML.
    expect(res.body).toContain(`href="${f.base}/budgets/${budget}/projects/${garden}"`);
    expect(res.body).toContain("Library &lt;b>books&lt;/b>");
    expect(res.body).not.toContain("<b>books</b>");
    // Two SVG images named by their title and description, each followed by a table of the same figures.
    expect(res.body.match(/<svg[^>]*role="img"/g)?.length).toBe(2);
    expect(res.body).toContain('aria-labelledby="outcome-votes-title outcome-votes-desc"');
    expect(res.body).toContain('aria-labelledby="outcome-spent-title outcome-spent-desc"');
    expect(res.body).toContain("120 votes · selected");
    expect(res.body).not.toContain("150 votes · selected");
    expect(res.body).toContain("<caption>Votes per project (table)</caption>");
    expect(res.body).toContain("<caption>The selected projects against the budget (table)</caption>");
    expect(res.body).toMatch(/<th scope="row">Swimming pool<\/th><td>150<\/td><td>€90,000<\/td><td>No<\/td>/);
    expect(res.body).toMatch(/<th scope="row">School garden<\/th><td>€30,000<\/td><td>30%<\/td>/);
    // The inputs' digest and the open-data file to recompute it.
    expect(res.body).toContain("ab12cd34");
    expect(res.body).toContain(`href="/open-data/budgets/${budget}.pb"`);
  });

  it("explains greedy with a threshold: what was left when a project's turn came, and the projects below the threshold", async () => {
    const f = await outcomeFixture(p, adminId);
    const budget = await f.budget({ title: "Faculty", total: 50_000 });
    const a = await f.project(budget, "Lab", 38_000);
    const b = await f.project(budget, "Sports hall", 30_000);
    const c = await f.project(budget, "Bench", 2_000);
    await f.outcome(
      budget,
      "greedy-threshold",
      {
        rule: "greedy-threshold",
        selected: [String(a)],
        projects: [
          { id: String(a), projectId: a, cost: 38_000, votes: 40, selected: true, position: 1, leftWhenConsidered: 50_000 },
          { id: String(b), projectId: b, cost: 30_000, votes: 30, selected: false, position: 2, leftWhenConsidered: 12_000 },
          { id: String(c), projectId: c, cost: 2_000, votes: 3, selected: false, belowThreshold: true },
        ],
        spent: 38_000,
        ballots: 50,
        threshold: 5,
      },
      { threshold: 5 },
    );
    const body = text((await (await englishClient(p)).get(`${f.base}/budgets/${budget}/results`)).body);
    expect(body).toContain("Only projects with at least 5 votes are considered.");
    expect(body).toContain("It had 40 votes, at least the threshold of 5. Position 1 by votes. When its turn came, €50,000 were left and it costs €38,000: it was funded.");
    expect(body).toContain("Position 2 by votes. When its turn came, €12,000 were left and it costs €30,000: it did not fit.");
    expect(body).toContain("It had 3 votes, below the threshold of 5: it was not considered.");
    expect(body).toContain("Projects not selected (2)");
  });

  it("builds the page from the same number of queries with 3 projects or 60", async () => {
    const f = await outcomeFixture(p, adminId);
    const visitor = await englishClient(p);
    const measure = async (n: number) => {
      const budget = await f.budget({ title: `Budget of ${n}`, total: 1_000_000 });
      const projects: OutcomeProject[] = [];
      for (let i = 0; i < n; i++) {
        const id = await f.project(budget, `Project ${i}`, 1_000 * (i + 1));
        projects.push({ id: String(id), projectId: id, cost: 1_000 * (i + 1), votes: n - i, selected: i % 2 === 0, position: i + 1, leftWhenConsidered: 1_000_000 });
      }
      await f.outcome(budget, "greedy", { rule: "greedy", selected: projects.filter((x) => x.selected).map((x) => x.id), projects, spent: 0, ballots: n });
      const { count, result } = await countQueries(p.deps.pool, () => visitor.get(`${f.base}/budgets/${budget}/results`));
      expect(result.statusCode).toBe(200);
      return count;
    };
    expect(await measure(60)).toBe(await measure(3));
  });
});
