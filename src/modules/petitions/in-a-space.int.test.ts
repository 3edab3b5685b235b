/**
 * A petitions component placed in another space keeps its space: its page lists its petitions in the
 * space's frame and look, "Start a petition" keeps the component, and a petition's page leads back to
 * its space. The live stream of a petition that is not public does not open.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishClient, signedInClient } from "../../core/accounts/testing";
import { addComponent } from "../../core/components/service";
import { getComponentManifest } from "../../core/components/registry";
import type { CurrentUser } from "../../core/http/context";
import { canMany } from "../../core/permissions/can";
import { findComponent, findSpaceBySlug } from "../../core/spaces/queries";
import { BUDGET_THEMES, DEMO_SPACES } from "../../core/spaces/seeds";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { participationIn } from "./participation";
import { saveType } from "./types-service";
import { createPetition } from "./workflow";

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
    const demo = await p.deps.db.execute<{ id: string }>(sql`select id from petitions where state = 'published' order by id limit 1`);
    expect((await c.get(`/spaces/${space.slug}/c/${component.id}/${demo.rows[0]?.id}`)).statusCode).toBe(404);

    // Starting one from the component stays in the space, for a signed-in person.
    const me = await signedInClient(p);
    const start = await me.client.get(`/petitions/new?component=${component.id}`);
    expect(start.statusCode).toBe(303);
    expect(start.headers.location).toBe(`/spaces/${space.slug}/c/${component.id}/new`);
    const form = await me.client.get(`/spaces/${space.slug}/c/${component.id}/new`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("<h1>Start a petition</h1>");
    expect(form.body.toLowerCase()).toContain(String(BUDGET_THEMES.students.colorPrimary).toLowerCase());
    // A visitor is asked to sign in first, by the dispatcher.
    expect((await c.get(`/spaces/${space.slug}/c/${component.id}/new`)).headers.location).toContain("/users/sign-in");

    // A draft is someone's work: it counts as participation, so the component is not deleted lightly.
    expect(await participationIn(p.deps.db, [component.id])).toBe(0);
    const types = await saveType(p.deps.db, { id: 1, ip: null }, component.id, null, { title: { en: "School petition" }, threshold: 10, regionThresholds: {}, minAge: 0, residenceRegions: [], signingDays: 30, coSponsorsRequired: 0, allowWithdrawal: true, verification: "email", criteria: [], reviewDays: 30, answerDays: 90 });
    if (!types.ok) throw new Error("type");
    const withType = await me.client.get(`/spaces/${space.slug}/c/${component.id}/new`);
    expect(withType.body).toContain('action="/petitions/new"');
    expect(withType.body).toContain("School petition");
    const draft = await createPetition(p.deps.db, { id: me.userId, ip: null }, component.id, { typeId: types.value.id, title: "A quieter canteen", summary: "", body: "We ask for sound panels in the canteen so that pupils can talk at lunch.", language: "en" });
    expect(draft.ok).toBe(true);
    expect(await participationIn(p.deps.db, [component.id])).toBe(1);

    // The manifest's rule sees each resource: of a list, only the author's own draft is editable, in one query.
    if (!draft.ok) return;
    const fresh = await findSpaceBySlug(p.deps.db, space.slug);
    const record = fresh ? await findComponent(p.deps.db, fresh.id, component.id) : null;
    if (!fresh || !record) throw new Error("component");
    const author: CurrentUser = { id: me.userId, email: me.email, name: "Author", isAdmin: false, emailConfirmed: true, locale: "en" };
    const ids = [draft.value.id, Number(demo.rows[0]?.id), 999_999];
    expect([...(await canMany(author, "edit", { space: fresh, component: record }, ids, { db: p.deps.db, returnTo: "/" }))]).toEqual([draft.value.id]);
    const stranger: CurrentUser = { ...author, id: me.userId + 1000, email: "someone@example.org" };
    expect((await canMany(stranger, "edit", { space: fresh, component: record }, ids, { db: p.deps.db, returnTo: "/" })).size).toBe(0);
  });

  it("shows a petition in its space's frame, leading back to the space and its petitions", async () => {
    const row = await p.deps.db.execute<{ id: string }>(sql`select id from petitions where state = 'published' order by id limit 1`);
    const id = Number(row.rows[0]?.id);
    const c = await englishClient(p);
    const page = await c.get(`/petitions/${id}`);
    expect(page.statusCode).toBe(200);
    const componentId = (await p.deps.db.execute<{ component_id: string }>(sql`select component_id from petitions where id = ${id}`)).rows[0]?.component_id;
    const underSpace = await c.get(`/spaces/${DEMO_SPACES.petitions}/c/${componentId}/${id}`);
    expect(underSpace.statusCode).toBe(200);
    expect(underSpace.body).toContain("Plus d’arbres dans les rues de Bruxelles");
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
