/**
 * Petitions are filed under their space's categories and the organization's scopes: the form offers
 * them (sub-categories grouped under their parent), refuses another space's category, the lists filter
 * by category (with its sub-categories) and by scope (with the scopes it contains), and pages, the list
 * and open data name them in the reader's language.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../core/accounts/testing";
import { DEMO_SPACES } from "../../core/spaces/seeds";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestClient, type TestPlatform } from "../../test/platform";
import { petitions } from "./schema";

let p: TestPlatform;
let author: TestClient;
let authorId = 0;
let componentBase = "";
let componentId = 0;
let typeId = 0;
const FILED = { environment: 0, trees: 0, mobility: 0, cycling: 0, housing: 0, foreign: 0, region: 0, ixelles: 0, uccle: 0, school: 0 };

beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
  const { db } = p.deps;
  const one = async (q: ReturnType<typeof sql>) => Number((await db.execute<{ id: string }>(q)).rows[0]?.id);
  const [space] = (await db.execute<{ id: string; slug: string }>(sql`select id, slug from spaces where slug = ${DEMO_SPACES.petitions}`)).rows;
  const spaceId = Number(space?.id);
  const inSpace = (en: string) => one(sql`select id from categories where space_id = ${spaceId} and name ->> 'en' = ${en}`);
  Object.assign(FILED, {
    environment: await inSpace("Environment"),
    trees: await inSpace("Trees and green spaces"),
    mobility: await inSpace("Mobility"),
    cycling: await inSpace("Cycling"),
    housing: await inSpace("Housing"),
    // A category of another demo space (the assembly's "Public space").
    foreign: await one(sql`select id from categories where space_id <> ${spaceId} and name ->> 'en' = 'Public space'`),
    region: await one(sql`select id from scopes where code = '04000'`),
    ixelles: await one(sql`select id from scopes where code = '21009'`),
    uccle: await one(sql`select id from scopes where code = '21016'`),
    school: await one(sql`select id from scopes where code = 'school-district'`),
  });
  componentId = await one(sql`select id from components where space_id = ${spaceId} and manifest = 'petitions'`);
  typeId = await one(sql`select id from petition_types where component_id = ${componentId} order by id limit 1`);
  componentBase = `/spaces/${space?.slug}/c/${componentId}`;
  const a = await signedInClient(p);
  author = a.client;
  authorId = a.userId;
}, 120_000);
afterAll(() => p.stop());

const form = (extra: Record<string, string>) => ({
  typeId: String(typeId),
  title: "Safer crossings near schools",
  summary: "",
  body: "We ask for raised crossings in front of every school of the region.",
  language: "en",
  ...extra,
});

/** Public petitions filed directly in the database (published, with their category and scope). */
async function publish(title: string, categoryId: number | null, scopeId: number | null) {
  const [row] = await p.deps.db
    .insert(petitions)
    .values({ componentId, typeId, authorId, title, body: "A body long enough for a petition.", language: "en", categoryId, scopeId, state: "published", sponsorToken: `${title}-token-0123456789`, publishedAt: new Date(), signingEndsAt: new Date(Date.now() + 86_400_000) })
    .returning({ id: petitions.id });
  return Number(row?.id);
}

describe("filing a petition", () => {
  it("offers the space's categories, sub-categories grouped under their parent, and the scopes", async () => {
    const page = await author.get(`${componentBase}/new`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<label for="field-categoryId">Category');
    expect(page.body).toContain('<option value selected>No category</option>');
    expect(page.body).toContain(`<optgroup label="Environment"><option value="${FILED.environment}">Environment</option><option value="${FILED.trees}">Trees and green spaces</option>`);
    expect(page.body).toContain(`<option value="${FILED.housing}">Housing</option>`);
    // Another space's categories are not offered.
    const categorySelect = page.body.slice(page.body.indexOf('id="field-categoryId"'), page.body.indexOf("</select>", page.body.indexOf('id="field-categoryId"')));
    expect(categorySelect).toContain(`value="${FILED.housing}"`);
    expect(categorySelect).not.toContain(`value="${FILED.foreign}"`);
    expect(page.body).toContain('<label for="field-scopeId">Scope');
    expect(page.body).toContain(`<optgroup label="Brussels-Capital Region"><option value="${FILED.region}">Brussels-Capital Region</option>`);
    expect(page.body).toContain(`<option value="${FILED.ixelles}">Ixelles</option>`);
    expect(page.body).toContain('<optgroup label="Demo school district">');
    // The free-text theme is gone.
    expect(page.body).not.toContain('name="theme"');
  });

  it("refuses another space's category or an unknown scope with a translated message, keeping what was typed", async () => {
    const res = await author.post("/petitions/new", form({ categoryId: String(FILED.foreign), scopeId: "999999" }), { formPage: `${componentBase}/new` });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Choose one of this space’s categories.");
    expect(res.body).toContain("Choose one of the scopes offered.");
    expect(res.body).toContain("Safer crossings near schools");
    const fr = await signedInClient(p);
    await fr.client.get("/locale/fr");
    const frRes = await fr.client.post("/petitions/new", form({ categoryId: String(FILED.foreign) }), { formPage: `${componentBase}/new` });
    expect(frRes.statusCode).toBe(422);
    expect(frRes.body).toContain("Choisissez l’une des catégories de cet espace.");
    const count = await p.deps.db.execute<{ n: number }>(sql`select count(*)::int as n from petitions where title = 'Safer crossings near schools'`);
    expect(count.rows[0]?.n).toBe(0);
  });

  it("files the draft under the chosen sub-category and scope; its edit form shows them chosen, and a change is kept", async () => {
    const res = await author.post("/petitions/new", form({ categoryId: String(FILED.cycling), scopeId: String(FILED.ixelles) }), { formPage: `${componentBase}/new` });
    expect(res.statusCode).toBe(303);
    const id = Number(/\/petitions\/(\d+)/.exec(String(res.headers.location))?.[1]);
    const [row] = (await p.deps.db.execute<{ category_id: string; scope_id: string }>(sql`select category_id, scope_id from petitions where id = ${id}`)).rows;
    expect([Number(row?.category_id), Number(row?.scope_id)]).toEqual([FILED.cycling, FILED.ixelles]);
    const edit = await author.get(`/petitions/${id}/edit`);
    expect(edit.body).toContain(`<option value="${FILED.cycling}" selected>Cycling</option>`);
    expect(edit.body).toContain(`<option value="${FILED.ixelles}" selected>Ixelles</option>`);
    const changed = await author.post(`/petitions/${id}/edit`, form({ categoryId: String(FILED.housing), scopeId: "" }), { formPage: `/petitions/${id}/edit` });
    expect(changed.statusCode).toBe(303);
    const [after] = (await p.deps.db.execute<{ category_id: string | null; scope_id: string | null }>(sql`select category_id, scope_id from petitions where id = ${id}`)).rows;
    expect([Number(after?.category_id), after?.scope_id]).toEqual([FILED.housing, null]);
    const refused = await author.post(`/petitions/${id}/edit`, form({ categoryId: String(FILED.foreign) }), { formPage: `/petitions/${id}/edit` });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("Choose one of this space’s categories.");
    // The author's page names them.
    expect((await author.get(`/petitions/${id}`)).body).toContain("Housing");
  });
});

describe("the public lists' category and scope filters", () => {
  let cycling = 0;
  let trees = 0;
  let school = 0;
  let unfiled = 0;
  beforeAll(async () => {
    cycling = await publish("Cycle lanes on every avenue", FILED.cycling, FILED.ixelles);
    trees = await publish("Trees along the canal", FILED.trees, FILED.uccle);
    school = await publish("A bigger playground", FILED.housing, FILED.school);
    unfiled = await publish("Longer library hours", null, null);
  });

  const titles = (html: string) => [...html.matchAll(/<h3><a href="\/petitions\/(\d+)"/g)].map((m) => Number(m[1]));

  it("matches a category with its sub-categories, and a scope with the scopes it contains", async () => {
    const c = author;
    const mobility = titles((await c.get(`/petitions?category=${FILED.mobility}`)).body);
    expect(mobility).toContain(cycling);
    expect(mobility).not.toContain(trees);
    expect(mobility).not.toContain(unfiled);
    const onlyCycling = titles((await c.get(`/petitions?category=${FILED.cycling}`)).body);
    expect(onlyCycling).toEqual([cycling]);
    const region = titles((await c.get(`/petitions?scope=${FILED.region}`)).body);
    expect(region).toEqual(expect.arrayContaining([cycling, trees]));
    expect(region).not.toContain(school);
    expect(region).not.toContain(unfiled);
    expect(titles((await c.get(`/petitions?scope=${FILED.school}`)).body)).toEqual([school]);
    expect(titles((await c.get(`/petitions?scope=${FILED.region}&category=${FILED.environment}`)).body)).toContain(trees);
    expect(titles((await c.get(`/petitions?scope=${FILED.ixelles}&category=${FILED.environment}`)).body)).toEqual([]);
    // A mangled value is no filter, as for the page's other fields.
    expect(titles((await c.get("/petitions?category=abc")).body)).toEqual(expect.arrayContaining([cycling, trees, school, unfiled]));
  });

  it("offers the filters with 'any' first, a parent standing for its sub-categories, the choice kept across pages", async () => {
    const page = await author.get(`/petitions?category=${FILED.mobility}`);
    expect(page.body).toContain('<option value>Any category</option>');
    expect(page.body).toContain(`<optgroup label="Mobility"><option value="${FILED.mobility}" selected>Mobility (all)</option>`);
    expect(page.body).toContain('<option value selected>Any scope</option>');
    expect(page.body).toContain(`<option value="${FILED.region}">Brussels-Capital Region (all)</option>`);
    // In the component's own page under its space: the same filters.
    const inSpace = await author.get(`${componentBase}?category=${FILED.environment}`);
    expect(inSpace.statusCode).toBe(200);
    expect(titles(inSpace.body)).toContain(trees);
    expect(titles(inSpace.body)).not.toContain(cycling);
    expect(inSpace.body).toContain(`<option value="${FILED.environment}" selected>Environment (all)</option>`);
  });

  it("names the category and scope in the reader's language, on the list, the page and in open data", async () => {
    const nl = p.client();
    await nl.get("/locale/nl");
    const list = await nl.get(`/petitions?category=${FILED.cycling}`);
    expect(list.body).toContain('<span class="filed-under">Fiets · Elsene</span>');
    expect((await nl.get(`/petitions/${cycling}`)).body).toContain("Fiets · Elsene");
    const csv = await p.client().get("/petitions.csv", { "accept-language": "de" });
    const [header, ...lines] = csv.body.split("\r\n");
    expect(header?.split(",").slice(0, 7)).toEqual(["id", "url", "title", "state", "type", "category", "scope"]);
    const line = lines.find((l) => l.startsWith(`${cycling},`));
    expect(line?.split(",").slice(5, 7)).toEqual(["Radverkehr", "Ixelles"]);
    const bare = lines.find((l) => l.startsWith(`${unfiled},`));
    expect(bare?.split(",").slice(5, 7)).toEqual(["", ""]);
  });
});
