/**
 * Categories (a space's, for its administrators) and scopes (the organization's, for its
 * administrators): the back office with translated validation errors, the sub-category and nesting
 * rules, deletions and what they leave behind, the audit, and the list filters' SQL.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../accounts/testing";
import { auditLog } from "../audit/schema";
import { assignRole } from "../spaces/roles-service";
import { createSpace } from "../spaces/service";
import type { SpaceInput } from "../spaces/inputs";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { inCategory, inCategoryNamed, inScope } from "./filter";
import { loadCategoryTree, loadScopeTree } from "./queries";
import { categories, scopes } from "./schema";

let p: TestPlatform;
let orgAdmin: TestClient;
let spaceAdmin: TestClient;
let spaceAdminId = 0;
let other: TestClient;
let spaceId = 0;
let otherSpaceId = 0;

const spaceInput = (slug: string): SpaceInput => ({
  slug,
  title: { en: slug },
  subtitle: {},
  shortDescription: {},
  description: {},
  heroImage: undefined,
  heroImageAlt: {},
  groupId: undefined,
  startDate: undefined,
  endDate: undefined,
  purpose: {},
  composition: {},
  isPrivate: false,
  isTransparent: false,
  promoted: false,
  weight: 0,
});

beforeAll(async () => {
  p = await createTestPlatform();
  const { db } = p.deps;
  ({ client: orgAdmin } = await signedInClient(p, { isAdmin: true }));
  const sa = await signedInClient(p);
  spaceAdmin = sa.client;
  spaceAdminId = sa.userId;
  ({ client: other } = await signedInClient(p));
  const a = await createSpace(db, { id: 0, ip: null }, "process", spaceInput("categorised"), null);
  const b = await createSpace(db, { id: 0, ip: null }, "process", spaceInput("elsewhere"), null);
  if (!a.ok || !b.ok) throw new Error("spaces");
  spaceId = a.value.id;
  otherSpaceId = b.value.id;
  const role = await assignRole(db, { id: 0, ip: null }, spaceId, sa.email, "admin");
  if (!role.ok) throw new Error("role");
  // A table of some component filing its resources under categories and scopes, as petitions do.
  await db.execute(sql`create table filed_things (id bigserial primary key, category_id bigint references categories(id) on delete set null, scope_id bigint references scopes(id) on delete set null)`);
});
afterAll(() => p.stop());

const base = () => `/admin/spaces/${spaceId}/categories`;

async function categoryNamed(en: string) {
  const [row] = await p.deps.db.select().from(categories).where(sql`${categories.name} ->> 'en' = ${en}`);
  if (!row) throw new Error(`no category ${en}`);
  return row;
}

async function scopeCoded(code: string) {
  const [row] = await p.deps.db.select().from(scopes).where(eq(scopes.code, code));
  if (!row) throw new Error(`no scope ${code}`);
  return row;
}

describe("a space's categories in the back office", () => {
  it("is for the space's administrators: others are refused", async () => {
    expect((await other.get(base())).statusCode).toBe(403);
    expect((await spaceAdmin.get(`/admin/spaces/${otherSpaceId}/categories`)).statusCode).toBe(403);
    const page = await spaceAdmin.get(base());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("This space has no category yet.");
    // The space's back-office tabs lead here.
    expect((await spaceAdmin.get(`/admin/spaces/${spaceId}/edit`)).body).toContain(`href="${base()}"`);
  });

  it("creates categories and sub-categories, in the order of their weight, audited", async () => {
    const form = `${base()}/new`;
    expect((await spaceAdmin.post(form, { "name.en": "Mobility", "name.fr": "Mobilité", weight: "2" })).statusCode).toBe(303);
    expect((await spaceAdmin.post(form, { "name.en": "Environment", "name.fr": "Environnement", "description.en": "Green things", weight: "1" })).statusCode).toBe(303);
    const environment = await categoryNamed("Environment");
    expect((await spaceAdmin.post(form, { "name.en": "Trees", parentId: String(environment.id) })).statusCode).toBe(303);
    const tree = await loadCategoryTree(p.deps.db, spaceId);
    expect(tree.map((c) => c.name.en)).toEqual(["Environment", "Mobility"]);
    expect(tree[0]?.children.map((c) => c.name.en)).toEqual(["Trees"]);
    expect(tree[0]?.description).toEqual({ en: "Green things" });
    const list = await spaceAdmin.get(base());
    expect(list.body).toContain("Sub-category of Environment");
    const audits = await p.deps.db.select().from(auditLog).where(and(eq(auditLog.action, "category.create"), eq(auditLog.spaceId, spaceId)));
    expect(audits).toHaveLength(3);
    expect(audits.every((a) => a.actorId === spaceAdminId)).toBe(true);
  });

  it("re-renders the form with translated errors, keeping what was typed", async () => {
    const fr = await signedInClient(p, { isAdmin: true });
    await fr.client.get("/locale/fr");
    const res = await fr.client.post(`${base()}/new`, { "name.en": "", "description.en": "Kept text", weight: "abc" }, { formPage: `${base()}/new` });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain("Ce champ est obligatoire.");
    expect(res.body).toContain('href="#field-name"');
    expect(res.body).toContain('href="#field-weight"');
    expect(res.body).toContain("Kept text");
  });

  it("keeps sub-categories one level deep, under a category of the same space", async () => {
    const form = `${base()}/new`;
    const trees = await categoryNamed("Trees");
    const environment = await categoryNamed("Environment");
    const mobility = await categoryNamed("Mobility");
    // Under a sub-category: too deep.
    const deep = await spaceAdmin.post(form, { "name.en": "Oaks", parentId: String(trees.id) });
    expect(deep.statusCode).toBe(422);
    expect(deep.body).toContain("This category is itself a sub-category");
    // Under another space's category: not offered, refused.
    const foreign = await p.deps.db.insert(categories).values({ spaceId: otherSpaceId, name: { en: "Foreign" } }).returning();
    const cross = await spaceAdmin.post(form, { "name.en": "Smuggled", parentId: String(foreign[0]?.id) });
    expect(cross.statusCode).toBe(422);
    expect(cross.body).toContain("Choose one of this space’s top-level categories.");
    // A category with sub-categories stays at the top; no category is its own parent.
    const withChildren = await spaceAdmin.post(`${base()}/${environment.id}/edit`, { "name.en": "Environment", parentId: String(mobility.id) }, { formPage: `${base()}/${environment.id}/edit` });
    expect(withChildren.statusCode).toBe(422);
    expect(withChildren.body).toContain("This category has sub-categories, so it cannot become a sub-category itself.");
    const own = await spaceAdmin.post(`${base()}/${mobility.id}/edit`, { "name.en": "Mobility", parentId: String(mobility.id) }, { formPage: `${base()}/${mobility.id}/edit` });
    expect(own.statusCode).toBe(422);
    expect(own.body).toContain("A category cannot be its own parent.");
    // The form offers top-level categories only, never the category itself.
    const edit = await spaceAdmin.get(`${base()}/${mobility.id}/edit`);
    expect(edit.body).toContain(`<option value="${environment.id}">Environment</option>`);
    expect(edit.body).not.toContain(`<option value="${trees.id}">`);
    expect(edit.body).not.toContain(`<option value="${mobility.id}">`);
    // Another space's category is not found through this space.
    expect((await spaceAdmin.get(`${base()}/${foreign[0]?.id}/edit`)).statusCode).toBe(404);
    // Nothing changed.
    expect((await loadCategoryTree(p.deps.db, spaceId)).flatMap((c) => [c.name.en, ...c.children.map((s) => s.name.en)])).toEqual(["Environment", "Trees", "Mobility"]);
  });

  it("edits a category, audited with before and after", async () => {
    const mobility = await categoryNamed("Mobility");
    const environment = await categoryNamed("Environment");
    const res = await spaceAdmin.post(`${base()}/${mobility.id}/edit`, { "name.en": "Mobility", "name.nl": "Mobiliteit", parentId: String(environment.id), weight: "0" }, { formPage: `${base()}/${mobility.id}/edit` });
    expect(res.statusCode).toBe(303);
    const [entry] = await p.deps.db.select().from(auditLog).where(and(eq(auditLog.action, "category.update"), eq(auditLog.resourceId, String(mobility.id))));
    expect(entry?.before).toMatchObject({ parentId: null });
    expect(entry?.after).toMatchObject({ parentId: environment.id, name: { en: "Mobility", nl: "Mobiliteit" } });
    // And back to the top.
    expect((await spaceAdmin.post(`${base()}/${mobility.id}/edit`, { "name.en": "Mobility", parentId: "", weight: "2" }, { formPage: `${base()}/${mobility.id}/edit` })).statusCode).toBe(303);
  });

  it("refuses to delete a category with sub-categories, and says what deleting one in use leaves behind", async () => {
    const environment = await categoryNamed("Environment");
    const trees = await categoryNamed("Trees");
    const confirm = await spaceAdmin.get(`${base()}/${environment.id}/delete`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain("It has 1 sub-category: delete them or move them under another category first.");
    expect(confirm.body).not.toContain('class="button button-danger"');
    const refused = await spaceAdmin.post(`${base()}/${environment.id}/delete`, {}, { formPage: base() });
    expect(refused.statusCode).toBe(422);
    expect(await categoryNamed("Environment")).toBeTruthy();

    await p.deps.db.execute(sql`insert into filed_things (category_id) values (${trees.id}), (${trees.id})`);
    const inUse = await spaceAdmin.get(`${base()}/${trees.id}/delete`);
    expect(inUse.body).toContain("2 contributions are filed under it: they will be left without a category.");
    const gone = await spaceAdmin.post(`${base()}/${trees.id}/delete`, {}, { formPage: `${base()}/${trees.id}/delete` });
    expect(gone.statusCode).toBe(303);
    const left = await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from filed_things where category_id is null`);
    expect(left.rows[0]?.n).toBe(2);
    const [entry] = await p.deps.db.select().from(auditLog).where(and(eq(auditLog.action, "category.delete"), eq(auditLog.resourceId, String(trees.id))));
    expect(entry?.before).toMatchObject({ name: { en: "Trees" } });
    expect(entry?.after).toEqual({ leftWithoutCategory: 2 });
    // Empty now: it goes.
    expect((await spaceAdmin.post(`${base()}/${environment.id}/delete`, {}, { formPage: `${base()}/${environment.id}/delete` })).statusCode).toBe(303);
  });
});

describe("the organization's scopes in the back office", () => {
  it("is for organization administrators only", async () => {
    expect((await spaceAdmin.get("/admin/scopes")).statusCode).toBe(403);
    expect((await orgAdmin.get("/admin/scopes")).body).toContain("There is no scope yet.");
  });

  it("creates nested scopes with a kind and a unique code, audited", async () => {
    const form = "/admin/scopes/new";
    expect((await orgAdmin.post(form, { "name.en": "Brussels-Capital Region", "scopeType.en": "Region", code: "04000" })).statusCode).toBe(303);
    const region = await scopeCoded("04000");
    expect((await orgAdmin.post(form, { "name.en": "Ixelles", "name.nl": "Elsene", "scopeType.en": "Municipality", code: "21009", parentId: String(region.id) })).statusCode).toBe(303);
    const ixelles = await scopeCoded("21009");
    expect((await orgAdmin.post(form, { "name.en": "Flagey", code: "flagey", parentId: String(ixelles.id) })).statusCode).toBe(303);
    const tree = await loadScopeTree(p.deps.db);
    expect(tree.flat.map((s) => [s.name.en, s.depth])).toEqual([
      ["Brussels-Capital Region", 0],
      ["Ixelles", 1],
      ["Flagey", 2],
    ]);
    const list = await orgAdmin.get("/admin/scopes");
    expect(list.body).toContain("21009");
    expect(list.body).toContain("Municipality");
    const audits = await p.deps.db.select().from(auditLog).where(eq(auditLog.action, "scope.create"));
    expect(audits).toHaveLength(3);
  });

  it("refuses a code in use, a bad code and a cycle, with translated messages", async () => {
    const region = await scopeCoded("04000");
    const flagey = await scopeCoded("flagey");
    const dup = await orgAdmin.post("/admin/scopes/new", { "name.en": "Another", code: "21009" }, { formPage: "/admin/scopes/new" });
    expect(dup.statusCode).toBe(422);
    expect(dup.body).toContain("Another scope already has this code.");
    const bad = await orgAdmin.post("/admin/scopes/new", { "name.en": "Bad", code: "a b;c" }, { formPage: "/admin/scopes/new" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Use letters, digits, dots, hyphens and underscores only.");
    const cycle = await orgAdmin.post(`/admin/scopes/${region.id}/edit`, { "name.en": "Brussels-Capital Region", code: "04000", parentId: String(flagey.id) }, { formPage: `/admin/scopes/${region.id}/edit` });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.body).toContain("A scope cannot be part of itself or of one of the scopes it contains.");
    // The form does not offer the scope itself nor those it contains.
    const edit = await orgAdmin.get(`/admin/scopes/${region.id}/edit`);
    expect(edit.body).not.toContain(`<option value="${flagey.id}">`);
    const fr = await signedInClient(p, { isAdmin: true });
    await fr.client.get("/locale/fr");
    const frDup = await fr.client.post("/admin/scopes/new", { "name.fr": "Doublon", code: "21009" }, { formPage: "/admin/scopes/new" });
    expect(frDup.body).toContain("Un autre périmètre a déjà ce code.");
  });

  it("refuses to delete a scope containing others; deleting one leaves what concerned it without a scope", async () => {
    const ixelles = await scopeCoded("21009");
    const flagey = await scopeCoded("flagey");
    expect((await orgAdmin.get(`/admin/scopes/${ixelles.id}/delete`)).body).toContain("It contains 1 scope: delete them or move them elsewhere first.");
    expect((await orgAdmin.post(`/admin/scopes/${ixelles.id}/delete`, {}, { formPage: "/admin/scopes" })).statusCode).toBe(422);
    await p.deps.db.execute(sql`insert into filed_things (scope_id) values (${flagey.id})`);
    expect((await orgAdmin.get(`/admin/scopes/${flagey.id}/delete`)).body).toContain("1 contribution concerns it: it will be left without a scope.");
    expect((await orgAdmin.post(`/admin/scopes/${flagey.id}/delete`, {}, { formPage: "/admin/scopes" })).statusCode).toBe(303);
    const audits = await p.deps.db.select().from(auditLog).where(eq(auditLog.action, "scope.delete"));
    expect(audits.map((a) => a.after)).toEqual([{ leftWithoutScope: 1 }]);
  });
});

describe("the list filters' SQL", () => {
  it("matches a category with its sub-categories, a category by name in any language, a scope with those it contains", async () => {
    const { db } = p.deps;
    await db.execute(sql`delete from filed_things`);
    const [parent] = await db.insert(categories).values({ spaceId, name: { en: "Housing", fr: "Logement" } }).returning();
    const [child] = await db.insert(categories).values({ spaceId, name: { en: "Rent" }, parentId: parent?.id }).returning();
    const [unrelated] = await db.insert(categories).values({ spaceId, name: { en: "Sport" } }).returning();
    const region = await scopeCoded("04000");
    const ixelles = await scopeCoded("21009");
    const [street] = await db.insert(scopes).values({ name: { en: "Rue du Page" }, parentId: ixelles.id }).returning();
    const [elsewhere] = await db.insert(scopes).values({ name: { en: "Elsewhere" } }).returning();
    await db.execute(sql`insert into filed_things (category_id, scope_id) values (${parent?.id}, ${region.id}), (${child?.id}, ${street?.id}), (${unrelated?.id}, ${elsewhere?.id}), (null, null)`);
    const ids = async (where: ReturnType<typeof sql>) => (await db.execute<{ n: number }>(sql`select count(*)::int as n from filed_things where ${where}`)).rows[0]?.n;
    expect(await ids(inCategory(sql`category_id`, Number(parent?.id)))).toBe(2);
    expect(await ids(inCategory(sql`category_id`, Number(child?.id)))).toBe(1);
    expect(await ids(inCategoryNamed(sql`category_id`, "logement"))).toBe(2);
    expect(await ids(inCategoryNamed(sql`category_id`, "Nothing"))).toBe(0);
    expect(await ids(inScope(sql`scope_id`, region.id))).toBe(2);
    expect(await ids(inScope(sql`scope_id`, ixelles.id))).toBe(1);
    expect(await ids(inScope(sql`scope_id`, Number(elsewhere?.id)))).toBe(1);
  });
});
