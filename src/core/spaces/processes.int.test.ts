import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../accounts/testing";
import { auditLog } from "../audit/schema";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { components, spaces, steps } from "./schema";

let p: TestPlatform;
let admin: TestClient;

beforeAll(async () => {
  p = await createTestPlatform();
  ({ client: admin } = await signedInClient(p, { isAdmin: true }));
});
afterAll(() => p.stop());

const spaceFields = (slug: string) => ({ slug, "title.en": "Student budget", "title.fr": "Budget des étudiants", "shortDescription.en": "Decide how to spend it", "description.en": "## Why\n\nBecause." });

async function spaceId(slug: string) {
  const [row] = await p.deps.db.select({ id: spaces.id }).from(spaces).where(eq(spaces.slug, slug));
  if (!row) throw new Error(`no space ${slug}`);
  return row.id;
}

describe("participatory processes", () => {
  it("re-renders the form with an error summary and 422 on bad input", async () => {
    const res = await admin.post("/admin/spaces/new?type=process", { slug: "Not A Slug", "title.en": "" });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain('href="#field-slug"');
    expect(res.body).toContain('href="#field-title"');
  });

  it("creates a process, unpublished until published, and audits it", async () => {
    const res = await admin.post("/admin/spaces/new?type=process", spaceFields("student-budget"), { formPage: "/admin/spaces/new?type=process" });
    expect(res.statusCode).toBe(303);
    const id = await spaceId("student-budget");
    const anon = await englishClient(p);
    expect((await anon.get("/processes/student-budget")).statusCode).toBe(404);
    expect((await admin.get("/processes/student-budget")).body).toContain("Preview");
    const pub = await admin.post(`/admin/spaces/${id}/publish`, {}, { formPage: `/admin/spaces/${id}/edit` });
    expect(pub.statusCode).toBe(303);
    const page = await anon.get("/processes/student-budget");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Student budget");
    expect(page.body).toContain('<h2 id="h-why">Why</h2>');
    expect((await anon.get("/processes")).body).toContain('href="/processes/student-budget"');
    const audits = await p.deps.db.select().from(auditLog).where(and(eq(auditLog.resourceType, "space"), eq(auditLog.resourceId, String(id))));
    expect(audits.map((a) => a.action).sort()).toEqual(["space.create", "space.publish"]);
  });

  it("refuses a slug already in use", async () => {
    const res = await admin.post("/admin/spaces/new?type=process", spaceFields("student-budget"), { formPage: "/admin/spaces/new?type=process" });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("This value is already in use.");
  });

  it("keeps exactly one active step: the first one, then the one the admin activates", async () => {
    const id = await spaceId("student-budget");
    const form = `/admin/spaces/${id}/steps/new`;
    for (const title of ["Proposals", "Vote", "Results"]) {
      expect((await admin.post(form, { "title.en": title, startDate: "2026-01-01", endDate: "2026-02-01" }, { formPage: form })).statusCode).toBe(303);
    }
    const bad = await admin.post(form, { "title.en": "Bad dates", startDate: "2026-03-01", endDate: "2026-02-01" }, { formPage: form });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("The end date must be on or after the start date.");
    let rows = await p.deps.db.select().from(steps).where(eq(steps.spaceId, id)).orderBy(steps.position);
    expect(rows.filter((s) => s.active).map((s) => s.title.en)).toEqual(["Proposals"]);
    const vote = rows[1];
    if (!vote) throw new Error("no vote step");
    const res = await admin.post(`/admin/spaces/${id}/steps/${vote.id}/activate`, {}, { formPage: `/admin/spaces/${id}/steps` });
    expect(res.statusCode).toBe(303);
    rows = await p.deps.db.select().from(steps).where(eq(steps.spaceId, id)).orderBy(steps.position);
    expect(rows.filter((s) => s.active).map((s) => s.title.en)).toEqual(["Vote"]);
    // The database itself refuses a second active step.
    await expect(p.deps.db.update(steps).set({ active: true }).where(eq(steps.id, rows[0]?.id ?? 0))).rejects.toThrow();
    const page = await (await englishClient(p)).get("/processes/student-budget");
    expect(page.body).toMatch(/<li class="step step-active" aria-current="step"><h3><span>Vote<\/span>/);
  });

  it("shows the active step's call to action on the process, and refuses one that leads off the platform", async () => {
    const id = await spaceId("student-budget");
    const rows = await p.deps.db.select().from(steps).where(eq(steps.spaceId, id)).orderBy(steps.position);
    const vote = rows.find((s) => s.active);
    const results = rows.find((s) => !s.active);
    if (!vote || !results) throw new Error("steps missing");
    const edit = (stepId: number) => `/admin/spaces/${id}/steps/${stepId}/edit`;
    for (const ctaPath of ["https://elsewhere.example/vote", "//elsewhere.example", "/\\elsewhere.example", "vote"]) {
      const refused = await admin.post(edit(vote.id), { "title.en": "Vote", "ctaText.en": "Vote now", ctaPath }, { formPage: edit(vote.id) });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain("Enter a path on this platform starting with /");
      expect(refused.body).toContain('value="Vote now"');
    }
    const half = await admin.post(edit(vote.id), { "title.en": "Vote", "ctaText.en": "Vote now" }, { formPage: edit(vote.id) });
    expect(half.statusCode).toBe(422);
    expect(half.body).toContain("A call to action needs both its text and where it leads.");
    expect((await admin.post(edit(vote.id), { "title.en": "Vote", "ctaText.en": "Vote now", ctaPath: "/processes/student-budget#steps-title" }, { formPage: edit(vote.id) })).statusCode).toBe(303);
    expect((await admin.post(edit(results.id), { "title.en": results.title.en ?? "", "ctaText.en": "See the results", ctaPath: "/results" }, { formPage: edit(results.id) })).statusCode).toBe(303);
    const page = await (await englishClient(p)).get("/processes/student-budget");
    expect(page.body).toContain('<p class="step-cta"><a class="button button-primary" href="/processes/student-budget#steps-title">Vote now</a></p>');
    // Only the active step's call to action shows.
    expect(page.body).not.toContain("See the results");
  });

  it("reorders and deletes steps; deleting the active step activates the first remaining", async () => {
    const id = await spaceId("student-budget");
    let rows = await p.deps.db.select().from(steps).where(eq(steps.spaceId, id)).orderBy(steps.position);
    const [, vote, results] = rows;
    if (!vote || !results) throw new Error("steps missing");
    expect((await admin.post(`/admin/spaces/${id}/steps/${results.id}/up`, {}, { formPage: `/admin/spaces/${id}/steps` })).statusCode).toBe(303);
    rows = await p.deps.db.select().from(steps).where(eq(steps.spaceId, id)).orderBy(steps.position);
    expect(rows.map((s) => s.title.en)).toEqual(["Proposals", "Results", "Vote"]);
    expect((await admin.post(`/admin/spaces/${id}/steps/${vote.id}/delete`, {}, { formPage: `/admin/spaces/${id}/steps` })).statusCode).toBe(303);
    rows = await p.deps.db.select().from(steps).where(eq(steps.spaceId, id)).orderBy(steps.position);
    expect(rows.map((s) => [s.title.en, s.active])).toEqual([
      ["Proposals", true],
      ["Results", false],
    ]);
  });

  it("groups processes on the list page", async () => {
    const res = await admin.post("/admin/process-groups/new", { "title.en": "School budgets" }, { formPage: "/admin/process-groups/new" });
    expect(res.statusCode).toBe(303);
    const groupPage = await admin.get("/admin/spaces");
    const groupId = /\/admin\/process-groups\/(\d+)\/edit/.exec(groupPage.body)?.[1];
    const id = await spaceId("student-budget");
    const edit = await admin.post(`/admin/spaces/${id}/edit`, { ...spaceFields("student-budget"), groupId: groupId ?? "" }, { formPage: `/admin/spaces/${id}/edit` });
    expect(edit.statusCode).toBe(303);
    const list = await (await englishClient(p)).get("/processes");
    expect(list.body).toMatch(/<h2 id="group-\d+"><a href="\/processes\/groups\/\d+">School budgets<\/a><\/h2>/);
    const group = await (await englishClient(p)).get(`/processes/groups/${groupId}`);
    expect(group.statusCode).toBe(200);
    expect(group.body).toContain("<h1>School budgets</h1>");
    expect(group.body).toContain('href="/processes/student-budget"');
    expect((await (await englishClient(p)).get("/processes/groups/999999")).statusCode).toBe(404);
  });

  it("filters processes by their dates", async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const dated = [
      { slug: "running", startDate: day(-10), endDate: day(10) },
      { slug: "coming", startDate: day(10), endDate: day(20) },
      { slug: "finished", startDate: day(-20), endDate: day(-10) },
    ];
    for (const d of dated) {
      await p.deps.db.insert(spaces).values({ type: "process", slug: d.slug, title: { en: d.slug }, startDate: d.startDate, endDate: d.endDate, publishedAt: new Date() });
    }
    const anon = await englishClient(p);
    const shown = async (when: string) => {
      const body = (await anon.get(`/processes?when=${when}`)).body;
      return dated.filter((d) => body.includes(`href="/processes/${d.slug}"`)).map((d) => d.slug);
    };
    expect(await shown("active")).toEqual(["running"]);
    expect(await shown("upcoming")).toEqual(["coming"]);
    expect(await shown("past")).toEqual(["finished"]);
    expect(await shown("anything")).toEqual(["running", "coming", "finished"]);
    expect((await anon.get("/processes?when=past")).body).toMatch(/<a href="\/processes\?when=past" aria-current="page">Past<\/a>/);
  });

  it("forbids the back office to people who are not admins", async () => {
    const { client } = await signedInClient(p);
    const id = await spaceId("student-budget");
    expect((await client.get(`/admin/spaces/${id}/edit`)).statusCode).toBe(403);
    expect((await client.get("/admin/spaces")).statusCode).toBe(403);
  });

  it("adds, configures, publishes a pages component and shows its sanitised pages", async () => {
    const id = await spaceId("student-budget");
    const list = `/admin/spaces/${id}/components`;
    const add = await admin.post(list, { manifest: "pages", "name.en": "Documentation", "name.fr": "Documentation" }, { formPage: list });
    expect(add.statusCode).toBe(303);
    const [component] = await p.deps.db.select().from(components).where(eq(components.spaceId, id));
    if (!component) throw new Error("no component");
    const manage = `/admin/spaces/${id}/components/${component.id}/manage`;
    const invalid = await admin.post(`${manage}/new`, { "title.en": "" }, { formPage: `${manage}/new` });
    expect(invalid.statusCode).toBe(422);
    const created = await admin.post(`${manage}/new`, { "title.en": "How it works", "body.en": "## Rules\n\nBe **kind**.<script>alert(1)</script><a href=\"javascript:alert(2)\">x</a>", weight: "1" }, { formPage: `${manage}/new` });
    expect(created.statusCode).toBe(303);
    await admin.post(`${manage}/new`, { "title.en": "Calendar", "title.nl": "Kalender", weight: "2" }, { formPage: `${manage}/new` });
    const publicUrl = `/spaces/student-budget/c/${component.id}`;
    const anon = await englishClient(p);
    expect((await anon.get(publicUrl)).statusCode).toBe(404);
    await admin.post(`/admin/spaces/${id}/components/${component.id}/publish`, {}, { formPage: list });
    const page = await anon.get(publicUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<strong>kind</strong>");
    expect(page.body).not.toMatch(/<script>alert|javascript:alert/);
    expect(page.body).toContain('href="#h-rules"');
    expect(page.body).toContain(">Calendar</a>");
    const process = await anon.get("/processes/student-budget");
    expect(process.body).toContain(`href="${publicUrl}"`);
  });

  it("reorders the components of a space", async () => {
    const id = await spaceId("student-budget");
    const list = `/admin/spaces/${id}/components`;
    expect((await admin.post(list, { manifest: "pages", "name.en": "FAQ" }, { formPage: list })).statusCode).toBe(303);
    const rows = await p.deps.db.select().from(components).where(eq(components.spaceId, id)).orderBy(components.weight);
    expect(rows.map((r) => r.name.en)).toEqual(["Documentation", "FAQ"]);
    const faq = rows[1];
    expect((await admin.post(`${list}/${faq?.id}/up`, {}, { formPage: list })).statusCode).toBe(303);
    const after = await p.deps.db.select().from(components).where(eq(components.spaceId, id)).orderBy(components.weight);
    expect(after.map((r) => r.name.en)).toEqual(["FAQ", "Documentation"]);
    expect((await admin.post(`${list}/${faq?.id}/up`, {}, { formPage: list })).statusCode).toBe(404);
  });
});
