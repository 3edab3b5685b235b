/**
 * Finding projects on a budget page: words, category, the orders (a shuffle per person, most voted
 * only while votes are shown, cost, alphabetical), pages of `projectsPerPage`, and the vote counts.
 * With one budget, the component's page leads straight to it.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { createBudgetComponent } from "./testing";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(() => p.stop());

/** The project titles of a page, in order. */
const titles = (html: string) => [...html.matchAll(/<h3 id="project-title-\d+"[^>]*><a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);

describe("a budget's projects", () => {
  it("are found by words and category, ordered, paged, and counted when votes are shown", async () => {
    const f = await createBudgetComponent(p, { title: "Unused", projects: [], global: { projectsPerPage: 5 } });
    const cat = await p.deps.db.execute<{ id: string }>(sql`insert into categories (space_id, name) values (${f.space.id}, '{"en":"Green"}'::jsonb) returning id`);
    const green = Number(cat.rows[0]?.id);
    const names = ["Trees", "Bike racks", "Solar panels", "Library", "Garden", "Benches", "Water fountain"];
    const b = await f.addBudget({ title: "Main", total: 10_000, projects: names.map((title, k) => ({ title, cost: 100 * (k + 1), categoryId: k % 2 === 0 ? green : undefined })) });
    const visitor = await englishClient(p);
    const url = b.budgetBase;

    const first = await visitor.get(url);
    expect(first.body).toContain("7 projects");
    expect(titles(first.body)).toHaveLength(5);
    expect(first.body).toContain("Page 1 of 2");
    expect(first.body).not.toContain("Most voted");
    const second = await visitor.get(`${url}?page=2`);
    // The visitor's shuffle is kept: both pages together are every project once.
    expect([...titles(first.body), ...titles(second.body)].sort()).toEqual([...names].sort());

    expect(titles((await visitor.get(`${url}?sort=alphabetical`)).body)).toEqual(["Benches", "Bike racks", "Garden", "Library", "Solar panels"]);
    expect(titles((await visitor.get(`${url}?sort=cost_desc`)).body)).toEqual(["Water fountain", "Benches", "Garden", "Library", "Solar panels"]);
    expect(titles((await visitor.get(`${url}?sort=cost_asc&page=2`)).body)).toEqual(["Benches", "Water fountain"]);
    expect(titles((await visitor.get(`${url}?q=bike`)).body)).toEqual(["Bike racks"]);
    const greens = await visitor.get(`${url}?category=${green}&sort=alphabetical`);
    expect(titles(greens.body)).toEqual(["Garden", "Solar panels", "Trees", "Water fountain"]);
    expect(greens.body).toMatch(new RegExp(`<option value="${green}" selected[^>]*>Green</option>`));
    // Unknown or mangled parameters are no filter.
    expect((await visitor.get(`${url}?sort=nonsense&page=abc&category=x`)).statusCode).toBe(200);

    // Votes: only cast ballots count; shown, and "most voted" offered, when the step says so.
    const [trees = 0, bikes = 0] = b.projectIds;
    for (const n of [1, 2]) {
      const me = await signedInClient(p);
      await me.client.post(`${b.budgetBase}/ballot/checkout`, { projectId: n === 1 ? [String(bikes)] : [String(bikes), String(trees)] }, { formPage: b.budgetBase });
    }
    const drafter = await signedInClient(p);
    await drafter.client.post(`${b.budgetBase}/ballot/add`, { projectId: String(trees) }, { formPage: b.budgetBase });
    await f.configure({ projectsPerPage: 5 }, { showVotes: true });
    const voted = await visitor.get(`${url}?sort=most_voted`);
    expect(titles(voted.body).slice(0, 2)).toEqual(["Bike racks", "Trees"]);
    expect(voted.body).toContain("2 votes");
    expect(voted.body).toContain("1 vote");
    expect(voted.body).toContain("Most voted");
  });

  it("with a single budget, the component's page is that budget", async () => {
    const f = await createBudgetComponent(p, { projects: [{ cost: 100 }] });
    const index = await (await englishClient(p)).get(f.base);
    expect(index.statusCode).toBe(302);
    expect(index.headers.location).toBe(f.budgetBase);
  });
});
