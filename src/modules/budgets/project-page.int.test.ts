/**
 * Projects from accepted proposals, and a project's public page: the import (authors kept as
 * co-authors, a link back, no duplicate on a second import, audited), and the page for a visitor
 * (cost, files with alt text, authors, origin, votes when shown, the ballot button only while voting
 * is open, follows and comments), a hidden project a 404 to the public.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { createUser } from "../../core/accounts/users";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { catalogueFixture, projectFields } from "./catalogue-testing";

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

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082", "hex");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

describe("projects from proposals", () => {
  it("imports accepted proposals with their cost as projects, keeping their authors, and never twice", async () => {
    const f = await catalogueFixture(p, adminId);
    const author = await createUser(p.deps.db, { email: `ana-${Date.now()}@example.org`, password: "a long password 1", name: "Ana Author", confirmed: true });
    const coauthor = await createUser(p.deps.db, { email: `carl-${Date.now()}@example.org`, password: "a long password 1", name: "Carl Coauthor", confirmed: true });
    const shelter = await f.acceptedProposal("Covered bike shelter", author, { cost: 12_000, coauthors: [coauthor] });
    await f.acceptedProposal("Without a cost", author, { cost: null });
    await f.acceptedProposal("Answer not published", author, { published: false });
    const budget = await f.budget("Students", { total: 50_000 });

    const list = await admin.get(`${f.adminBase}/import?source=proposal:${f.proposalsComponentId}&budgetId=${budget}`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("Covered bike shelter");
    expect(list.body).not.toContain("Without a cost");
    expect(list.body).not.toContain("Answer not published");
    expect(list.body).toContain("Import 1 project");

    const fields = { source: `proposal:${f.proposalsComponentId}`, budgetId: String(budget) };
    const first = await admin.post(`${f.adminBase}/import`, fields, { formPage: `${f.adminBase}/import` });
    expect(first.statusCode).toBe(303);
    expect((await admin.get(first.headers.location as string)).body).toContain("1 project imported; none skipped.");
    const rows = await p.deps.db.execute<{ id: string; cost: string; source_type: string; source_id: string; description: Record<string, string> }>(sql`
      select id, cost, source_type, source_id, description from budget_projects where budget_id = ${budget}`);
    expect(rows.rows).toHaveLength(1);
    const project = rows.rows[0];
    expect(project).toMatchObject({ cost: "12000.00", source_type: "proposal", source_id: String(shelter), description: { en: "Why Covered bike shelter matters." } });
    const authors = await p.deps.db.execute<{ user_id: string; status: string }>(sql`
      select user_id, status from coauthorships where resource_type = 'budget_project' and resource_id = ${Number(project?.id)} order by user_id`);
    expect(authors.rows).toEqual([
      { user_id: String(author), status: "accepted" },
      { user_id: String(coauthor), status: "accepted" },
    ]);

    const again = await admin.post(`${f.adminBase}/import`, fields, { formPage: `${f.adminBase}/import` });
    expect((await admin.get(again.headers.location as string)).body).toContain("No project imported; 1 already there, skipped.");
    expect((await p.deps.db.execute(sql`select 1 from budget_projects where budget_id = ${budget}`)).rows).toHaveLength(1);
    const audited = await p.deps.db.execute<{ action: string }>(sql`select action from audit_log where resource_type = 'budget' and resource_id = ${String(budget)} order by id`);
    expect(audited.rows.map((r) => r.action)).toEqual(["budget.import_projects", "budget.import_projects"]);

    // The project's page names its authors and links back to the proposal.
    const page = await (await englishClient(p)).get(`${f.base}/budgets/${budget}/projects/${project?.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Ana Author, Carl Coauthor");
    expect(page.body).toContain(`This project comes from the proposal <a href="/spaces/${f.space.slug}/c/${f.proposalsComponentId}/${shelter}">Covered bike shelter</a>`);

    // A component of another space, or this component itself, is no source.
    const other = await catalogueFixture(p, adminId);
    const foreign = await admin.post(`${f.adminBase}/import`, { source: `proposal:${other.proposalsComponentId}`, budgetId: String(budget) }, { formPage: `${f.adminBase}/import` });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.body).toContain("Choose a component of this space to import from.");
  });
});

describe("a project's page", () => {
  it("shows a visitor the cost, files, votes when shown and the ballot button only while voting is open; hides a hidden project", async () => {
    const f = await catalogueFixture(p, adminId);
    const budget = await f.budget("Students", { total: 50_000 });
    const fountain = await f.project(budget, "Water fountains", { cost: 4_500 });
    const edit = `${f.adminBase}/${budget}/projects/${fountain}/edit`;
    const withImage = await admin.postMultipart(edit, { ...projectFields("Water fountains", { cost: "4500", address: "Rue de l’École 3", "description.en": "About **Water fountains**." }), attachmentTitle: "A fountain in the courtyard", attachmentFile: { filename: "f.png", type: "image/png", data: PNG } }, { formPage: edit });
    expect(withImage.statusCode).toBe(303);
    await admin.postMultipart(edit, { ...projectFields("Water fountains", { cost: "4500", address: "Rue de l’École 3", "description.en": "About **Water fountains**." }), attachmentTitle: "The plumber’s quote", attachmentFile: { filename: "q.pdf", type: "application/pdf", data: PDF } }, { formPage: edit });
    const voters = await Promise.all([1, 2].map(() => signedInClient(p)));
    for (const v of voters) await f.ballot(budget, v.userId, [fountain]);

    const url = `${f.base}/budgets/${budget}/projects/${fountain}`;
    const visitor = await englishClient(p);
    let page = await visitor.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<h1>Water fountains</h1>");
    expect(page.body).toContain("€4,500");
    expect(page.body).toContain("<address>Rue de l’École 3</address>");
    expect(page.body).toMatch(/<img src="\/attachments\/[a-f0-9]{32}\.png" alt="A fountain in the courtyard"/);
    expect(page.body).toMatch(/<a href="\/attachments\/[a-f0-9]{32}\.pdf" download>The plumber’s quote<\/a>/);
    expect(page.body).toContain("About <strong>Water fountains</strong>.");
    expect(page.body).toContain('action="/follows"');
    expect(page.body).toContain('id="comments-title"');
    // Voting not open, votes not shown: neither the button nor the count.
    expect(page.body).not.toContain("/ballot/add");
    expect(page.body).not.toContain("2 votes");

    await f.stepSettings({ votes: "enabled", showVotes: true });
    page = await visitor.get(url);
    expect(page.body).toContain("2 votes");
    expect(page.body).toMatch(new RegExp(`<form method="post" action="${f.base}/budgets/${budget}/ballot/add"[^>]*><input type="hidden" name="_csrf" value="[^"]+"/><input type="hidden" name="projectId" value="${fountain}"/>`));
    // A voter whose draft holds it is offered to remove it.
    const drafter = await signedInClient(p);
    await f.ballot(budget, drafter.userId, [fountain], { checkedOut: false });
    expect((await drafter.client.get(url)).body).toContain(`action="${f.base}/budgets/${budget}/ballot/remove"`);
    // Someone who has voted (no change allowed) is told so, with no button.
    const voted = await voters[0]?.client.get(url);
    expect(voted?.body).toContain("Your vote in this budget is cast.");
    expect(voted?.body).not.toContain("/ballot/add");

    // Hidden by moderation: a 404 to the public, still seen by the space's staff.
    await p.deps.db.execute(sql`update budget_projects set hidden_at = now() where id = ${fountain}`);
    expect((await visitor.get(url)).statusCode).toBe(404);
    expect((await admin.get(url)).statusCode).toBe(200);
    // Not in another budget's address, nor another component's.
    const other = await f.budget("Parents");
    expect((await admin.get(`${f.base}/budgets/${other}/projects/${fountain}`)).statusCode).toBe(404);
  });
});
