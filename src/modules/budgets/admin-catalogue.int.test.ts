/**
 * The budgets' back office: budgets with their ballot rules (only those of the chosen kind kept,
 * translated errors, nothing lost from the form), the deletion guard, projects with their votes and
 * files, and the audit log.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { countQueries } from "../../test/queries";
import { budgetFields, catalogueFixture, projectFields, type CatalogueFixture } from "./catalogue-testing";

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

const budgetByTitle = async (f: CatalogueFixture, title: string) =>
  (await p.deps.db.execute<{ id: string; total: string; currency: string; vote_type: string; rules: Record<string, number> }>(sql`select id, total, currency, vote_type, rules from budgets where component_id = ${f.component.id} and title->>'en' = ${title}`)).rows[0];
const actions = async (type: string, id: number) => (await p.deps.db.execute<{ action: string }>(sql`select action from audit_log where resource_type = ${type} and resource_id = ${String(id)} order by id`)).rows.map((r) => r.action);

describe("budgets back office", () => {
  it("creates and edits a budget, keeping only the rules its ballot takes, and refuses bad rules in words", async () => {
    const f = await catalogueFixture(p, adminId);
    const form = await admin.get(`${f.adminBase}/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Applies to: Projects within the budget.");
    const created = await admin.post(`${f.adminBase}/new`, budgetFields("Students", { total: "50 000", minPercent: "70", maxPoints: "10" }), { formPage: `${f.adminBase}/new` });
    expect(created.statusCode).toBe(303);
    const b = await budgetByTitle(f, "Students");
    expect(b).toMatchObject({ total: "50000.00", currency: "EUR", vote_type: "knapsack", rules: { minPercent: 70 } });
    // The points rule does not apply to a knapsack ballot: not kept.
    expect(b?.rules.maxPoints).toBeUndefined();

    const bad = await admin.post(`${f.adminBase}/new`, budgetFields("Parents", { minPercent: "140", minProjects: "5", maxProjects: "3", currency: "EURO", total: "-3" }), { formPage: `${f.adminBase}/new` });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Enter a whole number from 0 to 100.");
    expect(bad.body).toContain("Enter a currency’s three-letter code");
    expect(bad.body).toContain("Enter the amount to spend, a number above 0");
    expect(bad.body).toContain('value="Parents"');
    const minMax = await admin.post(`${f.adminBase}/new`, budgetFields("Parents", { voteType: "approval", minProjects: "5", maxProjects: "3" }), { formPage: `${f.adminBase}/new` });
    expect(minMax.statusCode).toBe(422);
    expect(minMax.body).toContain("The minimum number of projects cannot be above the maximum.");
    const ordinal = await admin.post(`${f.adminBase}/new`, budgetFields("Faculty", { voteType: "ordinal" }), { formPage: `${f.adminBase}/new` });
    expect(ordinal.statusCode).toBe(422);
    expect(ordinal.body).toContain("A ranking needs the number of projects to rank.");
    // In French too.
    await admin.get("/locale/fr");
    const fr = await admin.post(`${f.adminBase}/new`, budgetFields("Parents", { minPercent: "140" }), { formPage: `${f.adminBase}/new` });
    expect(fr.body).toContain("Indiquez un nombre entier de 0 à 100.");
    await admin.get("/locale/en");

    const id = Number(b?.id);
    const edited = await admin.post(`${f.adminBase}/${id}/edit`, budgetFields("Students", { voteType: "cumulative", maxPoints: "10", maxPointsPerProject: "4", minPercent: "50", total: "12 345,50", currency: "pln" }), { formPage: `${f.adminBase}/${id}/edit` });
    expect(edited.statusCode).toBe(303);
    expect(await budgetByTitle(f, "Students")).toMatchObject({ total: "12345.50", currency: "PLN", vote_type: "cumulative", rules: { maxPoints: 10, maxPointsPerProject: 4 } });
    const list = await admin.get(f.adminBase);
    expect(list.body).toContain("Students");
    expect(list.body).toMatch(/12[\s\u00a0\u202f,.]?345\.50/);
    expect(await actions("budget", id)).toEqual(["budget.create", "budget.update"]);
    // Another component's budget is not reachable from here.
    const other = await catalogueFixture(p, adminId);
    expect((await admin.get(`${other.adminBase}/${id}/edit`)).statusCode).toBe(404);
  });

  it("refuses to delete a budget that holds ballots, in words, and deletes one that holds none", async () => {
    const f = await catalogueFixture(p, adminId);
    const voted = await f.budget("Voted");
    const project = await f.project(voted, "Bike shelter");
    await f.ballot(voted, null, [project], { checkedOut: false });
    const confirm = await admin.get(`${f.adminBase}/${voted}/delete`);
    expect(confirm.body).toContain("people have already voted in it");
    const refused = await admin.post(`${f.adminBase}/${voted}/delete`, {}, { formPage: f.adminBase });
    expect(refused.statusCode).toBe(303);
    const after = await admin.get(refused.headers.location as string);
    expect(after.body).toContain("This budget cannot be deleted: people have already voted in it.");
    expect((await p.deps.db.execute(sql`select 1 from budgets where id = ${voted}`)).rows).toHaveLength(1);

    const empty = await f.budget("Empty");
    await f.project(empty, "Books");
    const done = await admin.post(`${f.adminBase}/${empty}/delete`, {}, { formPage: `${f.adminBase}/${empty}/delete` });
    expect(done.statusCode).toBe(303);
    expect((await p.deps.db.execute(sql`select 1 from budgets where id = ${empty}`)).rows).toHaveLength(0);
    expect(await actions("budget", empty)).toEqual(["budget.delete"]);
  });

  it("lists a budget's projects with their counted votes, and creates, edits and deletes projects", async () => {
    const f = await catalogueFixture(p, adminId);
    const budget = await f.budget("Students", { total: 50_000 });
    const shelter = await f.project(budget, "Bike shelter", { cost: 12_000 });
    const books = await f.project(budget, "Library books", { cost: 3_000 });
    const voters = await Promise.all([1, 2, 3].map(() => signedInClient(p)));
    await f.ballot(budget, voters[0]?.userId ?? null, [shelter, books]);
    await f.ballot(budget, voters[1]?.userId ?? null, [shelter]);
    // A draft does not count.
    await f.ballot(budget, voters[2]?.userId ?? null, [books], { checkedOut: false });
    const list = await admin.get(`${f.adminBase}/${budget}/projects`);
    expect(list.statusCode).toBe(200);
    const row = (title: string) => new RegExp(`${title}</a>(?:(?!</tr>).)*?<td>(\\d+)</td><td class="admin-actions">`, "s").exec(list.body)?.[1];
    expect(row("Bike shelter")).toBe("2");
    expect(row("Library books")).toBe("1");

    const bad = await admin.post(`${f.adminBase}/${budget}/projects/new`, projectFields("Water fountains", { cost: "0", latitude: "50.85" }), { formPage: `${f.adminBase}/${budget}/projects/new` });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Enter the cost, a number above 0");
    expect(bad.body).toContain("Give both the latitude and the longitude, or neither.");
    expect(bad.body).toContain('value="Water fountains"');
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082", "hex");
    const created = await admin.postMultipart(
      `${f.adminBase}/${budget}/projects/new`,
      { ...projectFields("Water fountains", { cost: "4 500,50", address: "Rue de l’École 3", latitude: "50.85", longitude: "4.35" }), attachmentTitle: "A fountain in the courtyard", attachmentFile: { filename: "f.png", type: "image/png", data: png } },
      { formPage: `${f.adminBase}/${budget}/projects/new` },
    );
    expect(created.statusCode).toBe(303);
    const fountain = (await p.deps.db.execute<{ id: string; cost: string; latitude: number }>(sql`select id, cost, latitude from budget_projects where budget_id = ${budget} and title->>'en' = 'Water fountains'`)).rows[0];
    expect(fountain).toMatchObject({ cost: "4500.50", latitude: 50.85 });
    const fountainId = Number(fountain?.id);
    const files = await p.deps.db.execute<{ title: string }>(sql`select title from attachments where resource_type = 'budget_project' and resource_id = ${fountainId}`);
    expect(files.rows).toEqual([{ title: "A fountain in the courtyard" }]);

    const edited = await admin.post(`${f.adminBase}/${budget}/projects/${fountainId}/edit`, projectFields("Water fountains", { cost: "5000" }), { formPage: `${f.adminBase}/${budget}/projects/${fountainId}/edit` });
    expect(edited.statusCode).toBe(303);
    // A project with counted votes is kept; one without goes.
    const refused = await admin.post(`${f.adminBase}/${budget}/projects/${shelter}/delete`, {}, { formPage: `${f.adminBase}/${budget}/projects` });
    expect((await admin.get(refused.headers.location as string)).body).toContain("This project cannot be deleted: ballots already count it.");
    expect((await admin.post(`${f.adminBase}/${budget}/projects/${fountainId}/delete`, {}, { formPage: `${f.adminBase}/${budget}/projects` })).statusCode).toBe(303);
    expect((await p.deps.db.execute(sql`select 1 from attachments where resource_type = 'budget_project' and resource_id = ${fountainId}`)).rows).toHaveLength(0);
    expect(await actions("budget_project", fountainId)).toEqual(["budget_project.create", "budget_project.update", "budget_project.delete"]);
  });

  it("builds the budgets list, a budget's projects and a project's page in the same number of queries for 3 projects or 30", async () => {
    const f = await catalogueFixture(p, adminId);
    const budget = await f.budget("Students", { total: 50_000 });
    const ids = await Promise.all([1, 2, 3].map((i) => f.project(budget, `Project ${i}`)));
    const voter = await signedInClient(p);
    await f.ballot(budget, voter.userId, ids);
    await f.stepSettings({ votes: "enabled", showVotes: true });
    const reader = await englishClient(p);
    const measure = async () => {
      const out: number[] = [];
      for (const [client, url] of [
        [admin, f.adminBase],
        [admin, `${f.adminBase}/${budget}/projects`],
        [reader, `${f.base}/budgets/${budget}/projects/${ids[0]}`],
        [voter.client, `${f.base}/budgets/${budget}/projects/${ids[0]}`],
      ] as const) {
        const { count, result } = await countQueries(p.deps.pool, () => client.get(url), { runs: 2 });
        expect(result.statusCode, url).toBe(200);
        out.push(count);
      }
      return out;
    };
    const small = await measure();
    for (let i = 4; i <= 30; i++) await f.project(budget, `Project ${i}`);
    for (let i = 0; i < 5; i++) await f.ballot(budget, (await signedInClient(p)).userId, ids);
    expect(await measure()).toEqual(small);
  });
});
