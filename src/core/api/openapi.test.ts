import { describe, expect, it } from "vitest";
import { z } from "zod";
import { siteRoute, type SiteRoute } from "../components/define";
import { translator } from "../i18n/translator";
import { buildOpenApi, defaultOperationId, listApiRoutes, openApiPath, type JsonSchema } from "./openapi";
import { fieldsOf, typeView } from "./schema-view";

const reply = async () => {
  throw new Error("not called");
};

const item = z.object({ id: z.number().int(), name: z.string().nullable(), tags: z.array(z.string()), byRegion: z.record(z.string(), z.object({ total: z.number().int() })) });
const routes: Array<{ component: string; admin: boolean; route: SiteRoute }> = [
  {
    component: "things",
    admin: false,
    route: siteRoute({
      method: "GET",
      path: "/api/things/:id",
      params: z.object({ id: z.coerce.number().int().positive().meta({ description: "api.docs.column.name" }) }),
      api: { summary: "api.docs.title", description: "Plain text stays as it is.", response: z.object({ data: item }), errors: [403] },
      handler: reply,
    }),
  },
  {
    component: "things",
    admin: false,
    route: siteRoute({
      method: "GET",
      path: "/api/things",
      query: z.object({ page: z.coerce.number().int().min(1).max(100).optional().catch(undefined), kind: z.enum(["a", "b"]), q: z.string().max(20).optional() }),
      rateLimit: { max: 10, timeWindow: "1 minute" },
      api: { summary: "List things", tags: ["inventory"], operationId: "listThings", response: z.object({ data: z.array(item) }) },
      handler: reply,
    }),
  },
  // Not documented: no `api`, back office, or behind an account.
  { component: "things", admin: false, route: siteRoute({ method: "GET", path: "/things", handler: reply }) },
  { component: "things", admin: true, route: siteRoute({ method: "GET", path: "/api/admin/things", api: { summary: "Admin", response: z.object({}) }, handler: reply }) },
  { component: "things", admin: false, route: siteRoute({ method: "GET", path: "/api/mine", require: "user", api: { summary: "Mine", response: z.object({}) }, handler: reply }) },
];

const doc = buildOpenApi(listApiRoutes(routes), { title: "Pnyx Demo", serverUrl: "https://pnyx.example", t: translator("fr") });

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with the organization, the server, and only the public API operations", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: "Pnyx Demo", version: "1.0.0" });
    expect(doc.info.description).toContain("Pnyx Demo");
    expect(doc.info.description).toContain("RFC 9457");
    expect(doc.servers).toEqual([{ url: "https://pnyx.example" }]);
    expect(Object.keys(doc.paths)).toEqual(["/api/things", "/api/things/{id}"]);
    expect(doc.tags).toEqual([{ name: "inventory" }, { name: "things" }]);
  });

  it("turns the route's params and query schemas into parameters, from what a client sends", () => {
    const show = doc.paths["/api/things/{id}"]?.get;
    expect(show?.operationId).toBe("getThingsById");
    expect(show?.parameters).toEqual([{ name: "id", in: "path", required: true, description: "Nom", schema: { type: "integer", exclusiveMinimum: 0, maximum: Number.MAX_SAFE_INTEGER } }]);
    const list = doc.paths["/api/things"]?.get;
    expect(list?.operationId).toBe("listThings");
    expect(list?.parameters.map((p) => [p.name, p.in, p.required, p.schema.type])).toEqual([
      ["page", "query", false, "integer"],
      ["kind", "query", true, "string"],
      ["q", "query", false, "string"],
    ]);
    expect(list?.parameters[0]?.schema).toMatchObject({ minimum: 1, maximum: 100 });
    expect(list?.parameters[1]?.schema.enum).toEqual(["a", "b"]);
  });

  it("translates summaries and descriptions given as message keys, and keeps plain text", () => {
    const show = doc.paths["/api/things/{id}"]?.get;
    expect(show?.summary).toBe("API publique");
    expect(show?.description).toBe("Plain text stays as it is.");
    expect(doc.paths["/api/things"]?.get?.summary).toBe("List things");
  });

  it("describes the 200 body from the response schema, and every error as a problem", () => {
    const show = doc.paths["/api/things/{id}"]?.get;
    const body = show?.responses["200"]?.content["application/json"]?.schema;
    expect(body?.$schema).toBeUndefined();
    expect(body?.properties?.data).toMatchObject({ type: "object", required: ["id", "name", "tags", "byRegion"] });
    expect(Object.keys(show?.responses ?? {})).toEqual(["200", "400", "403", "404", "500"]);
    expect(show?.responses["404"]).toEqual({ description: "Introuvable", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } });
    // A rate-limited route documents its 429; none has a 404 without path parameters.
    expect(Object.keys(doc.paths["/api/things"]?.get?.responses ?? {})).toEqual(["200", "400", "429", "500"]);
  });

  it("defines the Problem of RFC 9457 once, with translated field descriptions", () => {
    const problem = doc.components.schemas.Problem;
    expect(problem?.required).toEqual(["type", "title", "status", "detail", "instance", "code"]);
    expect(Object.keys(problem?.properties ?? {})).toEqual(["type", "title", "status", "detail", "instance", "code", "ref", "invalidParams"]);
    expect((problem?.properties?.status as JsonSchema).description).toBe("Le code de statut HTTP.");
  });

  it("names operations and paths the OpenAPI way", () => {
    expect(openApiPath("/api/petitions/:id/signatures/:sigId")).toEqual({ path: "/api/petitions/{id}/signatures/{sigId}", names: ["id", "sigId"] });
    expect(openApiPath("/api/files/:name(^\\d+)")).toEqual({ path: "/api/files/{name}", names: ["name"] });
    expect(defaultOperationId("GET", "/api/petitions")).toBe("getPetitions");
    expect(defaultOperationId("POST", "/api/open-data/spaces.csv")).toBe("postOpenDataSpacesCsv");
  });
});

describe("reading schemas for the docs page", () => {
  it("flattens a body into fields, with lists, maps, nullable values, enumerations and bounds", () => {
    const body = doc.paths["/api/things"]?.get?.responses["200"]?.content["application/json"]?.schema ?? {};
    const fields = fieldsOf(doc, body);
    expect(fields.map((f) => [f.name, f.type.text, f.type.nullable, f.required])).toEqual([
      ["data", "object[]", false, true],
      ["data[].id", "integer", false, true],
      ["data[].name", "string", true, true],
      ["data[].tags", "string[]", false, true],
      ["data[].byRegion", "map<string, object>", false, true],
      ["data[].byRegion.{key}.total", "integer", false, true],
    ]);
    const page = doc.paths["/api/things"]?.get?.parameters[0]?.schema ?? {};
    expect(typeView(doc, page)).toEqual({ text: "integer", nullable: false, bounds: ["minimum 1", "maximum 100"] });
    expect(typeView(doc, { anyOf: [{ type: "string", format: "date-time" }, { type: "null" }] })).toMatchObject({ text: "string (date-time)", nullable: true });
    expect(typeView(doc, { type: "string", enum: ["a", "b"] })).toMatchObject({ text: "string", values: ["a", "b"] });
    expect(typeView(doc, { $ref: "#/components/schemas/Problem" }).text).toBe("Problem");
  });
});
