import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { JsonSchema, OpenApiDocument } from "../../core/api/openapi";
import { problemSchema } from "../../core/http/problem";
import { seedDemo } from "../../seeds";
import { createTestPlatform, type TestPlatform } from "../../test/platform";
import { petitionListResponse, petitionResponse } from "./api-schemas";
import { petitionAssessments, petitionCounts, petitionEvents, petitionPaperEntries, petitions } from "./schema";

let p: TestPlatform;
let publishedId: number;
let answeredId: number;
let inadmissibleId: number;
/** The demo's citizens' suggestion, awaiting the parliament's decision. */
let suggestionId: number;
let draftId: number;
/** Demo categories and scopes (the demo petition is filed under "Trees and green spaces", region-wide). */
const FILED = { mobility: 0, cycling: 0, environment: 0, trees: 0, region: 0, ixelles: 0 };

const day = 86_400_000;

beforeAll(async () => {
  p = await createTestPlatform();
  await seedDemo(p.deps);
  const { db } = p.deps;
  const row = (await db.execute<{ id: string; component_id: string; type_id: string; author_id: string }>(sql`select id, component_id, type_id, author_id from petitions order by id limit 1`)).rows[0];
  if (!row) throw new Error("the demo has no petition");
  publishedId = Number(row.id);
  suggestionId = Number((await db.execute<{ id: string }>(sql`select id from petitions where state = 'awaiting_decision' order by id limit 1`)).rows[0]?.id);
  const token = () => randomBytes(18).toString("base64url");
  const base = { componentId: Number(row.component_id), typeId: Number(row.type_id), authorId: Number(row.author_id), body: "A body long enough for a petition.", language: "en" as const };
  const t0 = new Date(Date.now() - 200 * day);
  const named = async (en: string) => Number((await db.execute<{ id: string }>(sql`select id from categories where name ->> 'en' = ${en} order by id limit 1`)).rows[0]?.id);
  const coded = async (code: string) => Number((await db.execute<{ id: string }>(sql`select id from scopes where code = ${code}`)).rows[0]?.id);
  Object.assign(FILED, { mobility: await named("Mobility"), cycling: await named("Cycling"), environment: await named("Environment"), trees: await named("Trees and green spaces"), region: await coded("04000"), ixelles: await coded("21009") });
  const [answered, inadmissible, draft] = await db
    .insert(petitions)
    .values([
      {
        ...base,
        sponsorToken: token(),
        title: "Answered, after a hearing",
        categoryId: FILED.cycling,
        scopeId: FILED.ixelles,
        state: "answered",
        submittedAt: t0,
        publishedAt: t0,
        signingEndsAt: new Date(t0.getTime() + 90 * day),
        thresholdReachedAt: new Date(t0.getTime() + 30 * day),
        transmittedAt: new Date(t0.getTime() + 31 * day),
        answerDueAt: new Date(t0.getTime() + 211 * day),
        hearingAt: new Date(t0.getTime() + 60 * day),
        hearingLink: "https://parliament.example/hearing/12",
        answer: "The parliament will act.",
        answerUrl: null,
        answeredAt: new Date(t0.getTime() + 100 * day),
      },
      { ...base, sponsorToken: token(), title: "Not for this assembly", state: "inadmissible", submittedAt: t0 },
      { ...base, sponsorToken: token(), title: "A private draft", state: "draft" },
    ])
    .returning({ id: petitions.id });
  if (!answered || !inadmissible || !draft) throw new Error("insert");
  [answeredId, inadmissibleId, draftId] = [answered.id, inadmissible.id, draft.id];
  await db.insert(petitionEvents).values([
    { petitionId: answeredId, fromState: null, toState: "draft" },
    { petitionId: answeredId, fromState: "transmitted", toState: "answered", note: "Answered in plenary." },
    { petitionId: inadmissibleId, fromState: "under_review", toState: "inadmissible" },
  ]);
  await db.insert(petitionAssessments).values([
    { petitionId: inadmissibleId, criterion: "competence", met: false, note: "A federal matter." },
    { petitionId: inadmissibleId, criterion: "not-defamatory", met: true },
  ]);
  await db.insert(petitionCounts).values([
    { petitionId: answeredId, region: "BE-BRU", count: 7 },
    { petitionId: answeredId, region: "", count: 2 },
  ]);
  await db.insert(petitionPaperEntries).values({ petitionId: answeredId, region: "BE-WAL", count: 3 });
}, 120_000);
afterAll(() => p.stop());

const get = (url: string, lang = "en") => p.client().get(url, { "accept-language": lang });

async function openApi(lang = "en"): Promise<OpenApiDocument> {
  const res = await get("/api/openapi.json", lang);
  expect(res.statusCode).toBe(200);
  expect(res.headers["content-type"]).toContain("application/json");
  return JSON.parse(res.body) as OpenApiDocument;
}

/** The document's own JSON Schema for an operation's 200 body, as a validator. */
function documented(doc: OpenApiDocument, path: string): z.ZodType {
  const schema = doc.paths[path]?.get?.responses["200"]?.content["application/json"]?.schema;
  if (!schema) throw new Error(`no 200 body for ${path}`);
  return z.fromJSONSchema(schema);
}

async function expectProblem(url: string, status: number, lang = "en") {
  const res = await get(url, lang);
  expect(res.statusCode).toBe(status);
  expect(res.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
  const body = JSON.parse(res.body) as unknown;
  // The answer fits the document's Problem, and the core's schema, exactly.
  z.fromJSONSchema((await openApi()).components.schemas.Problem ?? {}).parse(body);
  return problemSchema.strict().parse(body);
}

describe("the petitions API, described by /api/openapi.json", () => {
  it("is an OpenAPI 3.1 document naming the organization, the server and both operations with their parameters", async () => {
    const doc = await openApi();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBe("Pnyx Demo");
    expect(doc.servers).toEqual([{ url: "http://pnyx.test" }]);
    const list = doc.paths["/api/petitions"]?.get;
    const show = doc.paths["/api/petitions/{id}"]?.get;
    expect(list?.summary).toBe("List public petitions");
    expect(list?.tags).toEqual(["petitions"]);
    expect(list?.parameters.map((x) => `${x.in}:${x.name}:${String(x.schema.type)}:${String(x.required)}`)).toEqual([
      "query:q:string:false",
      "query:state:string:false",
      "query:theme:string:false",
      "query:category:integer:false",
      "query:scope:integer:false",
      "query:region:string:false",
      "query:sort:string:false",
      "query:component:integer:false",
      "query:page:integer:false",
    ]);
    expect(list?.parameters.find((x) => x.name === "state")?.schema.enum).toContain("published");
    expect(list?.parameters.find((x) => x.name === "state")?.schema.enum).not.toContain("draft");
    expect(list?.parameters.find((x) => x.name === "page")?.description).toBe("The page, from 1 (20 petitions a page).");
    expect(show?.parameters).toEqual([{ name: "id", in: "path", required: true, description: "The petition's number.", schema: { type: "integer", exclusiveMinimum: 0, maximum: Number.MAX_SAFE_INTEGER } }]);
    expect(Object.keys(list?.responses ?? {})).toEqual(["200", "400", "500"]);
    expect(Object.keys(show?.responses ?? {})).toEqual(["200", "400", "404", "500"]);
    expect(show?.responses["404"]?.content).toEqual({ "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } });
    expect(doc.components.schemas.Problem?.required).toEqual(["type", "title", "status", "detail", "instance", "code"]);
  });

  it("is in the reader's language", async () => {
    const doc = await openApi("fr");
    expect(doc.paths["/api/petitions"]?.get?.summary).toBe("Lister les pétitions publiques");
    expect(doc.info.title).toBe("Pnyx Démo");
    const counts = doc.paths["/api/petitions/{id}"]?.get?.responses["200"]?.content["application/json"]?.schema.properties?.data as JsonSchema;
    expect((counts.properties?.counts as JsonSchema).description).toContain("Les signatures comptées");
  });

  it("validates the real list and petition answers, every kind of petition, against the documented schema", async () => {
    const doc = await openApi();
    const list = await get("/api/petitions?sort=newest");
    expect(list.statusCode).toBe(200);
    const body = JSON.parse(list.body) as unknown;
    documented(doc, "/api/petitions").parse(body);
    const parsed = petitionListResponse.parse(body);
    expect(parsed.data.map((x) => x.id).sort()).toEqual([publishedId, suggestionId, answeredId, inadmissibleId].sort());
    expect(parsed.meta).toEqual({ total: 4, page: 1, pageSize: 20 });

    for (const id of [publishedId, suggestionId, answeredId, inadmissibleId]) {
      const res = await get(`/api/petitions/${id}`);
      expect(res.statusCode).toBe(200);
      const one = JSON.parse(res.body) as unknown;
      documented(doc, "/api/petitions/{id}").parse(one);
      petitionResponse.parse(one);
    }
    const answered = petitionResponse.parse(JSON.parse((await get(`/api/petitions/${answeredId}`)).body)).data;
    expect(answered.hearing).toEqual({ at: expect.any(String), link: "https://parliament.example/hearing/12" });
    expect(answered.answer).toMatchObject({ text: "The parliament will act.", url: null });
    expect(answered.counts).toMatchObject({ total: 12, online: 9, paper: 3 });
    expect(Object.keys(answered.counts.byRegion)).toEqual(expect.arrayContaining(["BE-BRU", "BE-WAL"]));
    const inadmissible = petitionResponse.parse(JSON.parse((await get(`/api/petitions/${inadmissibleId}`)).body)).data;
    expect(inadmissible.admissibility).toContainEqual({ criterion: "competence", label: expect.objectContaining({ en: "Within the assembly’s competence" }), met: false, note: "A federal matter." });
  });

  it("refuses an answer that strays from the schema (the check has teeth)", async () => {
    const doc = await openApi();
    const one = JSON.parse((await get(`/api/petitions/${publishedId}`)).body) as { data: Record<string, unknown> };
    const extra = { data: { ...one.data, email: "someone@example.org" } };
    expect(documented(doc, "/api/petitions/{id}").safeParse(extra).success).toBe(false);
    expect(petitionResponse.safeParse(extra).success).toBe(false);
    const wrongState = { data: { ...one.data, state: "draft" } };
    expect(documented(doc, "/api/petitions/{id}").safeParse(wrongState).success).toBe(false);
  });
});

describe("the petitions API's categories and scopes", () => {
  type Listed = { id: number; theme: string | null; category: { id: number; name: string } | null; scope: { id: number; name: string } | null };
  const list = async (url: string, lang = "en") => {
    const res = await get(url, lang);
    expect(res.statusCode, url).toBe(200);
    return (JSON.parse(res.body) as { data: Listed[] }).data;
  };

  it("keeps `theme` (the category's name in the reader's language) and adds the category and scope", async () => {
    const en = (await list("/api/petitions")).find((x) => x.id === answeredId);
    expect(en).toMatchObject({ theme: "Cycling", category: { id: FILED.cycling, name: "Cycling" }, scope: { id: FILED.ixelles, name: "Ixelles" } });
    const nl = petitionResponse.parse(JSON.parse((await get(`/api/petitions/${answeredId}`, "nl")).body)).data;
    expect(nl).toMatchObject({ theme: "Fiets", category: { id: FILED.cycling, name: "Fiets" }, scope: { id: FILED.ixelles, name: "Elsene" } });
    const unfiled = (await list("/api/petitions")).find((x) => x.id === inadmissibleId);
    expect(unfiled).toMatchObject({ theme: null, category: null, scope: null });
  });

  it("filters by category (with its sub-categories), by scope (with those it contains), and by theme as a category's name", async () => {
    const ids = async (url: string) => (await list(url)).map((x) => x.id).sort();
    expect(await ids(`/api/petitions?category=${FILED.mobility}`)).toEqual([answeredId]);
    expect(await ids(`/api/petitions?category=${FILED.cycling}`)).toEqual([answeredId]);
    expect(await ids(`/api/petitions?category=${FILED.environment}`)).toEqual([publishedId]);
    expect(await ids(`/api/petitions?scope=${FILED.region}`)).toEqual([publishedId, answeredId].sort());
    expect(await ids(`/api/petitions?scope=${FILED.ixelles}`)).toEqual([answeredId]);
    expect(await ids(`/api/petitions?scope=${FILED.ixelles}&category=${FILED.environment}`)).toEqual([]);
    // `theme` matches a category's name in any language, with its sub-categories.
    expect(await ids("/api/petitions?theme=mobilit%C3%A9")).toEqual([answeredId]);
    expect(await ids("/api/petitions?theme=Trees%20and%20green%20spaces")).toEqual([publishedId]);
    expect(await ids("/api/petitions?theme=nothing-of-the-kind")).toEqual([]);
    const problem = await expectProblem("/api/petitions?category=abc&scope=-1", 400);
    expect(problem.invalidParams?.map((x) => x.name)).toEqual(["category", "scope"]);
  });
});

describe("the petitions API's errors are problem details", () => {
  it("answers an unknown, malformed or non-public petition with a 404 problem", async () => {
    for (const url of ["/api/petitions/999999", "/api/petitions/abc", `/api/petitions/${draftId}`]) {
      const problem = await expectProblem(url, 404);
      expect(problem).toMatchObject({ type: "http://pnyx.test/api/docs#problem-not-found", title: "Not found", status: 404, instance: url, code: "not_found" });
    }
    const fr = await expectProblem("/api/petitions/999999", 404, "fr");
    expect(fr.title).toBe("Introuvable");
  });

  it("refuses a malformed query with a 400 problem naming the parameters, rather than another list", async () => {
    const problem = await expectProblem("/api/petitions?page=abc&state=draft&sort=newest", 400);
    expect(problem).toMatchObject({ type: "http://pnyx.test/api/docs#problem-bad-request", status: 400, code: "invalid_query", instance: "/api/petitions" });
    expect(problem.invalidParams?.map((x) => x.name)).toEqual(["state", "page"]);
    expect(problem.detail).toBe("These query parameters are not valid: state, page.");
    const de = await expectProblem("/api/petitions?page=0", 400, "de");
    expect(de.detail).toBe("Dieser Abfrageparameter ist ungültig: page.");
    // Empty parameters (as a form sends them) and unknown ones are fine; the HTML page stays lenient.
    expect((await get("/api/petitions?page=&state=&q=&utm_source=x")).statusCode).toBe(200);
    expect((await get("/petitions?page=abc")).statusCode).toBe(200);
  });

  it("answers an unknown address under /api/ with a 404 problem", async () => {
    const problem = await expectProblem("/api/nothing-here", 404, "nl");
    expect(problem.title).toBe("Niet gevonden");
  });
});

describe("/api/docs", () => {
  it("shows every operation with its parameters, response fields and errors, linking to the document", async () => {
    const res = await get("/api/docs");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    const html = res.body;
    expect(html).toContain("<h1>Public API</h1>");
    expect(html).toContain('href="/api/openapi.json"');
    expect(html).not.toMatch(/<script(?![^>]*src="\/assets\/)/);
    expect(html).toContain("<code>GET /api/petitions</code>");
    expect(html).toContain("<code>GET /api/petitions/{id}</code>");
    expect(html).toContain('<h2 id="op-getPetitionsById">One public petition</h2>');
    expect(html).toContain("<code>data[].counts.byRegion.{key}.online</code>");
    expect(html).toContain("<code>data.timeline[].at</code>");
    expect(html).toContain("<code>string (date-time)</code> or null");
    expect(html).toContain("minimum 1, maximum 10000");
    expect(html).toContain('<a href="#problem-not-found">Not found</a>');
    expect(html).toContain('id="problem-not-found"');
    expect(html).toContain("http://pnyx.test/api/docs#problem-rate-limited");
    // Tables are labelled and their headers scoped.
    expect(html).toContain('<caption class="visually-hidden">Parameters of GET /api/petitions</caption>');
    expect(html).toContain('<th scope="col">Required</th>');
  });

  it("is translated", async () => {
    const html = (await get("/api/docs", "de")).body;
    expect(html).toContain("<h1>Öffentliche API</h1>");
    expect(html).toContain("Öffentliche Petitionen auflisten");
    expect(html).toContain('<th scope="col">Pflicht</th>');
  });
});
