/**
 * A petitions component placed in another space keeps its space: its page lists its petitions in the
 * space's frame and look, "Start a petition" keeps the component, and a petition's page leads back to
 * its space. The live stream of a petition that is not public does not open.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient } from "../../core/accounts/testing";
import { addComponent } from "../../core/components/service";
import { getComponentManifest } from "../../core/components/registry";
import { findSpaceBySlug } from "../../core/spaces/queries";
import { BUDGET_THEMES, DEMO_SPACES } from "../../core/spaces/seeds";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestPlatform } from "../../test/platform";

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
}, 120_000);
afterAll(() => p.stop());

describe("petitions in a space of their own", () => {
  it("lists the component's petitions under the space, in its look, with a way back and the component kept", async () => {
    const space = await findSpaceBySlug(p.deps.db, DEMO_SPACES.budgetStudents);
    const manifest = getComponentManifest("petitions");
    if (!space || !manifest) throw new Error("demo data missing");
    const component = await addComponent(p.deps.db, { id: 1, ip: null }, space.id, manifest, { en: "Student petitions", fr: "Pétitions des élèves" }, { published: true });
    const c = await englishClient(p);
    const res = await c.get(`/spaces/${space.slug}/c/${component.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="/processes/${space.slug}"`);
    expect(res.body).toContain("Student petitions");
    expect(res.body.toLowerCase()).toContain(String(BUDGET_THEMES.students.colorPrimary).toLowerCase());
    expect(res.body).toContain(`href="/petitions/new?component=${component.id}"`);
    // Filtering stays in the space.
    expect(res.body).toContain(`action="/spaces/${space.slug}/c/${component.id}"`);
    const filtered = await c.get(`/spaces/${space.slug}/c/${component.id}?q=trees&page=1`);
    expect(filtered.statusCode).toBe(200);
    // The demo's petition lives in the petitions process, not here.
    expect(res.body).not.toContain("Plus d’arbres dans les rues de Bruxelles");
  });

  it("shows a petition in its space's frame, leading back to the space and its petitions", async () => {
    const row = await p.deps.db.execute<{ id: string }>(sql`select id from petitions where state = 'published' order by id limit 1`);
    const id = Number(row.rows[0]?.id);
    const c = await englishClient(p);
    const page = await c.get(`/petitions/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/processes/${DEMO_SPACES.petitions}"`);
    expect(page.body).toMatch(/class="breadcrumb"/);
  });

  it("opens no live stream for a petition that is not public", async () => {
    const row = await p.deps.db.execute<{ id: string }>(sql`select id from petitions where state = 'published' order by id limit 1`);
    const id = Number(row.rows[0]?.id);
    await p.deps.db.execute(sql`update petitions set state = 'under_review' where id = ${id}`);
    await new Promise((r) => setTimeout(r, 2_100)); // the signing rules' cache lasts 2 s
    const c = await englishClient(p);
    expect((await c.get(`/petitions/${id}/events`)).statusCode).toBe(404);
    await p.deps.db.execute(sql`update petitions set state = 'published' where id = ${id}`);
  });
});
