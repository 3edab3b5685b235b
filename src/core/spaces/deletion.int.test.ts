/**
 * Story: an administrator cleaning up the back office cannot destroy participants' contributions by
 * mistake. Deleting always asks first (a page that works without JavaScript); a component or space that
 * holds participation is refused (unpublish instead) unless an organization admin types its name.
 */
import { createSpace } from "./service";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { signedInClient } from "../accounts/testing";
import { auditLog } from "../audit/schema";
import { DEMO_SPACES } from "./seeds";
import { components, spaceRoles, spaces } from "./schema";

let p: TestPlatform;
let orgAdmin: TestClient;
let spaceAdmin: TestClient;
let spaceAdminId: number;
let spaceId: number;
let componentId: number;
const base = () => `/admin/spaces/${spaceId}/components/${componentId}`;
/** What the demo's petitions component holds: its petitions and their signatures (the demo's content may grow). */
let held = 0;
const contributions = (n: number) => `This component holds ${n} ${n === 1 ? "contribution" : "contributions"} from participants (petitions, signatures…). Deleting it would destroy them.`;
const componentExists = async () => (await p.deps.db.select({ id: components.id }).from(components).where(eq(components.id, componentId))).length === 1;

beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
  const [space] = await p.deps.db.select({ id: spaces.id }).from(spaces).where(eq(spaces.slug, DEMO_SPACES.petitions));
  spaceId = space?.id ?? 0;
  const [component] = await p.deps.db.select({ id: components.id }).from(components).where(and(eq(components.spaceId, spaceId), eq(components.manifest, "petitions")));
  componentId = component?.id ?? 0;
  held = Number((await p.deps.db.execute<{ n: number }>(sql`select (select count(*) from petitions where component_id = ${componentId}) + (select count(*) from petition_signatures s join petitions x on x.id = s.petition_id where x.component_id = ${componentId}) as n`)).rows[0]?.n);
  orgAdmin = (await signedInClient(p, { isAdmin: true })).client;
  const holder = await signedInClient(p);
  await p.deps.db.insert(spaceRoles).values({ spaceId, userId: holder.userId, role: "admin" });
  spaceAdmin = holder.client;
  spaceAdminId = holder.userId;
}, 120_000);
afterAll(() => p.stop());

describe("deleting a component that holds participation", () => {
  it("links Delete, in the danger style, to a confirmation page once unpublished", async () => {
    const list = await orgAdmin.get(`/admin/spaces/${spaceId}/components`);
    // Published: no Delete in the list, and the confirmation page asks to unpublish first.
    expect(list.body).not.toContain(`href="${base()}/delete"`);
    const page = await orgAdmin.get(`${base()}/delete`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("This component is published. Unpublish it before deleting it.");
    expect((await orgAdmin.post(`${base()}/delete`, { force: "1", confirmation: "Petitions" }, { formPage: `${base()}/delete` })).statusCode).toBe(403);
    expect(await componentExists()).toBe(true);

    await orgAdmin.post(`${base()}/unpublish`, {}, { formPage: `/admin/spaces/${spaceId}/components` });
    const after = await orgAdmin.get(`/admin/spaces/${spaceId}/components`);
    expect(after.body).toContain(`<a class="button button-danger button-small" href="${base()}/delete">Delete<span class="visually-hidden"> Petitions</span></a>`);
    expect(after.body).toMatch(/<th scope="col">Actions<\/th>/);
  });

  it("refuses a plain deletion, explaining and suggesting to unpublish instead", async () => {
    const page = await orgAdmin.get(`${base()}/delete`);
    expect(held).toBeGreaterThan(0);
    expect(page.body).toContain(contributions(held));
    expect(page.body).toContain("Unpublish it instead: it disappears from the site and nothing is lost.");
    const res = await orgAdmin.post(`${base()}/delete`, {}, { formPage: `${base()}/delete` });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Not deleted: it holds contributions from participants.");
    expect(await componentExists()).toBe(true);
  });

  it("does not let a space admin force it", async () => {
    const page = await spaceAdmin.get(`${base()}/delete`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Only an organization administrator can delete it anyway.");
    expect(page.body).not.toContain('name="confirmation"');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
    const res = await spaceAdmin.post(`${base()}/delete`, { force: "1", confirmation: "Petitions" }, { csrf });
    expect(res.statusCode).toBe(403);
    expect(await componentExists()).toBe(true);
  });

  it("lets an organization admin force it by typing its name; the deletion is audited with the count", async () => {
    const page = await orgAdmin.get(`${base()}/delete`);
    expect(page.body).toContain("To confirm, type “Petitions”");
    expect(page.body).toContain('<input type="hidden" name="force" value="1"/>');
    const wrong = await orgAdmin.post(`${base()}/delete`, { force: "1", confirmation: "petition" }, { formPage: `${base()}/delete` });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain("Type exactly “Petitions” to confirm.");
    expect(await componentExists()).toBe(true);

    const res = await orgAdmin.post(`${base()}/delete`, { force: "1", confirmation: "Petitions" }, { formPage: `${base()}/delete` });
    expect(res.statusCode).toBe(303);
    expect(await componentExists()).toBe(false);
    const petitionsLeft = await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from petitions where component_id = ${componentId}`);
    expect(petitionsLeft.rows[0]?.n).toBe(0);
    const [entry] = await p.deps.db.select().from(auditLog).where(and(eq(auditLog.action, "component.delete_forced"), eq(auditLog.resourceId, String(componentId))));
    expect(entry?.after).toEqual({ participation: held });
    expect(entry?.spaceId).toBe(spaceId);
  });
});

describe("the confirmation step of other deletions", () => {
  it("asks before deleting a step, a member or a page, posting to the existing action", async () => {
    const [process] = await p.deps.db.select({ id: spaces.id }).from(spaces).where(eq(spaces.slug, DEMO_SPACES.budgetStudents));
    const stepsPage = await orgAdmin.get(`/admin/spaces/${process?.id}/steps`);
    expect(stepsPage.body).toMatch(/<th scope="col">Actions<\/th>/);
    const stepHref = /href="(\/admin\/spaces\/\d+\/steps\/(\d+)\/delete)"/.exec(stepsPage.body);
    expect(stepHref).not.toBeNull();
    const confirm = await orgAdmin.get(stepHref?.[1] ?? "");
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain(`<form method="post" action="${stepHref?.[1]}"`);
    expect(confirm.body).toContain("This cannot be undone.");
    expect((await orgAdmin.post(stepHref?.[1] ?? "", {}, { formPage: stepHref?.[1] ?? "" })).statusCode).toBe(303);
    expect((await p.deps.db.execute(sql`select 1 from steps where id = ${Number(stepHref?.[2])}`)).rows).toHaveLength(0);

    const [group] = await p.deps.db.select({ id: spaces.id }).from(spaces).where(eq(spaces.slug, DEMO_SPACES.assembly));
    const members = await orgAdmin.get(`/admin/spaces/${group?.id}/members`);
    expect(members.body).toMatch(/<th scope="col">Actions<\/th>/);
    const memberHref = /href="(\/admin\/spaces\/\d+\/members\/\d+\/delete)"/.exec(members.body)?.[1] ?? "";
    const memberConfirm = await orgAdmin.get(memberHref);
    expect(memberConfirm.statusCode).toBe(200);
    expect(memberConfirm.body).toContain("The member disappears from the assembly's page.");

    const pagesComponent = await p.deps.db.execute<{ id: string; space_id: string }>(sql`select id, space_id from components where manifest = 'pages' limit 1`);
    const pc = pagesComponent.rows[0];
    const manage = `/admin/spaces/${pc?.space_id}/components/${pc?.id}/manage`;
    const pageHref = new RegExp(`href="(${manage}/\\d+/delete)"`).exec((await orgAdmin.get(manage)).body)?.[1] ?? "";
    expect(pageHref).not.toBe("");
    const pageConfirm = await orgAdmin.get(pageHref);
    expect(pageConfirm.statusCode).toBe(200);
    expect(pageConfirm.body).toContain(`<form method="post" action="${pageHref}"`);
  });
});

describe("deleting a space", () => {
  it("is for organization admins, after a confirmation; an empty one goes, audited", async () => {
    // An assembly holding no participation, with a working group within it (the demo's assembly now holds
    // its draw, meetings and charter).
    const fields = { title: { en: "Empty assembly" }, subtitle: {}, shortDescription: {}, description: {}, heroImage: undefined, heroImageAlt: {}, groupId: undefined, startDate: undefined, endDate: undefined, purpose: {}, composition: {}, isPrivate: false, isTransparent: false, promoted: false, weight: 0 };
    const created = await createSpace(p.deps.db, { id: 1, ip: null }, "assembly", { ...fields, slug: "empty-assembly", parentId: undefined }, null);
    if (!created.ok) throw new Error("space");
    const id = created.value.id;
    const group = await createSpace(p.deps.db, { id: 1, ip: null }, "assembly", { ...fields, slug: "empty-assembly-group", title: { en: "Working group" }, parentId: id }, null);
    if (!group.ok) throw new Error("group");
    await p.deps.db.insert(spaceRoles).values({ spaceId: id, userId: spaceAdminId, role: "admin" });
    expect((await spaceAdmin.get(`/admin/spaces/${id}/delete`)).statusCode).toBe(403);

    const list = await orgAdmin.get("/admin/spaces");
    expect(list.body).toContain(`href="/admin/spaces/${id}/delete"`);
    const page = await orgAdmin.get(`/admin/spaces/${id}/delete`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Its steps, members, roles, components and everything they hold are deleted with it.");
    // Its working group is kept, without a parent.
    expect(page.body).toContain("1 assembly within it is kept and becomes a top-level assembly.");
    expect(page.body).toContain('class="button button-danger"');
    expect(page.body).toContain(`href="/admin/spaces/${id}/edit">Cancel</a>`);

    const res = await orgAdmin.post(`/admin/spaces/${id}/delete`, {}, { formPage: `/admin/spaces/${id}/delete` });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/admin/spaces");
    expect(await p.deps.db.select().from(spaces).where(eq(spaces.id, id))).toHaveLength(0);
    const [child] = await p.deps.db.select({ parentId: spaces.parentId }).from(spaces).where(eq(spaces.slug, "empty-assembly-group"));
    expect(child).toEqual({ parentId: null });
    expect(await p.deps.db.select().from(auditLog).where(and(eq(auditLog.action, "space.delete"), eq(auditLog.resourceId, String(id))))).toHaveLength(1);
  });

  it("refuses a space whose components hold participation unless forced by typing its slug", async () => {
    // A fresh petitions component with one published petition, in a demo space holding no participation of its own.
    const [space] = await p.deps.db.select({ id: spaces.id }).from(spaces).where(eq(spaces.slug, DEMO_SPACES.assemblyWorkingGroup));
    const id = space?.id ?? 0;
    const add = await orgAdmin.post(`/admin/spaces/${id}/components`, { manifest: "petitions", "name.en": "More petitions" }, { formPage: `/admin/spaces/${id}/components` });
    expect(add.statusCode).toBe(303);
    const [c] = await p.deps.db.select({ id: components.id }).from(components).where(and(eq(components.spaceId, id), eq(components.manifest, "petitions")));
    await p.deps.db.execute(sql`insert into petition_types (component_id, title, threshold) values (${c?.id}, '{"en":"T"}', 10)`);
    await p.deps.db.execute(sql`
      insert into petitions (component_id, type_id, title, body, language, state, sponsor_token)
      select ${c?.id}, t.id, 'Kept', 'Body', 'en', 'published', 'tok' from petition_types t where t.component_id = ${c?.id}`);

    const page = await orgAdmin.get(`/admin/spaces/${id}/delete`);
    expect(page.body).toContain("This space holds 1 contribution from participants");
    expect(page.body).toContain("To confirm, type “nancy-cycling-working-group”");
    expect((await orgAdmin.post(`/admin/spaces/${id}/delete`, {}, { formPage: `/admin/spaces/${id}/delete` })).statusCode).toBe(409);
    expect((await orgAdmin.post(`/admin/spaces/${id}/delete`, { force: "1", confirmation: "nancy cycling working group" }, { formPage: `/admin/spaces/${id}/delete` })).statusCode).toBe(422);
    expect(await p.deps.db.select().from(spaces).where(eq(spaces.id, id))).toHaveLength(1);

    const res = await orgAdmin.post(`/admin/spaces/${id}/delete`, { force: "1", confirmation: "nancy-cycling-working-group" }, { formPage: `/admin/spaces/${id}/delete` });
    expect(res.statusCode).toBe(303);
    expect(await p.deps.db.select().from(spaces).where(eq(spaces.id, id))).toHaveLength(0);
    const [entry] = await p.deps.db.select().from(auditLog).where(and(eq(auditLog.action, "space.delete_forced"), eq(auditLog.resourceId, String(id))));
    expect(entry?.after).toMatchObject({ participation: 1 });
  });
});
