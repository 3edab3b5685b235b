/**
 * The OpenAPI 3.1 description of the public JSON API, generated from the components' manifests: every
 * public site route that declares `api` becomes an operation, its `params` and `query` schemas its
 * parameters (zod's input side: what a client sends), `api.response` its 200 body (the output side) and
 * its errors problem details (RFC 9457, `#/components/schemas/Problem`). The core imports no component:
 * it reads the registry (`listSiteRoutes`).
 */
import { z } from "zod";
import type { SiteRoute } from "../components/define";
import { listSiteRoutes } from "../components/site-routes";
import { catalogue, type MessageKey } from "../i18n/catalogues";
import type { Translate } from "../i18n/translator";
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, problemSchema, problemTypeFor } from "../http/problem";

export type JsonSchema = z.core.JSONSchema.JSONSchema;
export type ApiOperation = NonNullable<SiteRoute["api"]>;
export type HttpMethod = "get" | "post";

export interface ApiRoute {
  component: string;
  route: SiteRoute;
  api: ApiOperation;
}

export interface ParameterObject {
  name: string;
  in: "path" | "query";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface ResponseObject {
  description: string;
  content: Record<string, { schema: JsonSchema }>;
}

export interface OperationObject {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters: ParameterObject[];
  responses: Record<string, ResponseObject>;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: Array<{ url: string }>;
  externalDocs: { url: string };
  tags: Array<{ name: string }>;
  paths: Record<string, Partial<Record<HttpMethod, OperationObject>>>;
  components: { schemas: Record<string, JsonSchema> };
}

/** The version of the API this document describes; raised when an operation changes incompatibly. */
export const API_VERSION = "1.0.0";

const PROBLEM_REF = "#/components/schemas/Problem";

/**
 * The documented operations: site routes that declare `api`, except back-office ones and those that
 * require an account (the public API is open, without a key).
 */
export function listApiRoutes(routes = listSiteRoutes()): ApiRoute[] {
  return routes.flatMap(({ component, admin, route }) => (route.api && !admin && !route.require ? [{ component, route, api: route.api }] : []));
}

/** Fastify's `/api/petitions/:id` as OpenAPI's `/api/petitions/{id}`, with the names of its parameters. */
export function openApiPath(path: string): { path: string; names: string[] } {
  const names: string[] = [];
  const converted = path.replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, (_m, name: string) => {
    names.push(name);
    return `{${name}}`;
  });
  return { path: converted, names };
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "getPetitionsById" for GET /api/petitions/:id. */
export function defaultOperationId(method: string, path: string): string {
  const parts = path
    .split("/")
    .filter((s) => s && s !== "api")
    .map((s) => (s.startsWith(":") ? `By${capitalize(s.slice(1).replace(/\(.*$/, ""))}` : s.split(/[^A-Za-z0-9]+/).filter(Boolean).map(capitalize).join("")));
  return method.toLowerCase() + parts.join("");
}

/** Whether a text is a message key (then translated) rather than plain text (kept as is). */
export const isMessageKey = (text: string): text is MessageKey => Object.prototype.hasOwnProperty.call(catalogue.en, text);

/** A text that may be a message key, in the reader's language. */
export const textFor = (t: Translate, text: string) => (isMessageKey(text) ? t(text) : text);

/** Translates the `description` and `title` of a JSON Schema (and its subschemas) given as message keys. */
function translateSchema(schema: JsonSchema, t: Translate): JsonSchema {
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === "string") return key === "description" || key === "title" ? textFor(t, value) : value;
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  // The walk keeps the shape and only replaces strings, so the result is still a JSON Schema.
  return walk(schema) as JsonSchema;
}

/**
 * A zod schema as a JSON Schema inside the document: no `$schema`, and its `$defs` (recursive
 * schemas) moved to `components.schemas` under `prefix`, their references rewritten.
 */
function embed(schema: z.ZodType, io: "input" | "output", prefix: string, defs: Record<string, JsonSchema>): JsonSchema {
  const { $schema: _dialect, $defs, ...json } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" });
  if (!$defs) return json;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === "$ref" && typeof v === "string" && v.startsWith("#/$defs/") ? `#/components/schemas/${prefix}_${v.slice(8)}` : rewrite(v)]));
    }
    return value;
  };
  // Same reason as translateSchema: only `$ref` strings change.
  for (const [name, def] of Object.entries($defs)) defs[`${prefix}_${name}`] = rewrite(def) as JsonSchema;
  return rewrite(json) as JsonSchema;
}

/** The parameters of one location, from the route's schema for it (path parameters are always required). */
function parameters(schema: z.ZodType | undefined, location: "path" | "query", pathNames: string[], prefix: string, defs: Record<string, JsonSchema>): ParameterObject[] {
  const json = schema ? embed(schema, "input", prefix, defs) : { properties: {} };
  const properties = json.properties ?? {};
  const names = location === "path" ? pathNames : Object.keys(properties);
  return names.map((name) => {
    const property = properties[name];
    const { description, ...rest }: JsonSchema = property && typeof property === "object" ? property : { type: "string" };
    return {
      name,
      in: location,
      required: location === "path" || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

/** The statuses an operation may answer with a problem, besides its own `errors`. */
export function errorStatuses(route: SiteRoute, api: ApiOperation): number[] {
  const statuses = new Set([400, 500, ...(api.errors ?? [])]);
  if (route.params) statuses.add(404);
  if (route.rateLimit) statuses.add(429);
  return [...statuses].sort((a, b) => a - b);
}

function operation(entry: ApiRoute, t: Translate, defs: Record<string, JsonSchema>): { path: string; method: HttpMethod; op: OperationObject } {
  const { route, api, component } = entry;
  const { path, names } = openApiPath(route.path);
  const operationId = api.operationId ?? defaultOperationId(route.method, route.path);
  const errors: Record<string, ResponseObject> = Object.fromEntries(
    errorStatuses(route, api).map((status) => [
      String(status),
      { description: t(PROBLEM_TYPES[problemTypeFor(status)].title), content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_REF } } } },
    ]),
  );
  const op: OperationObject = {
    operationId,
    summary: textFor(t, api.summary),
    ...(api.description ? { description: textFor(t, api.description) } : {}),
    tags: api.tags ?? [component],
    parameters: [...parameters(route.params, "path", names, `${operationId}_path`, defs), ...parameters(route.query, "query", [], `${operationId}_query`, defs)].map((p) => ({
      ...p,
      ...(p.description ? { description: textFor(t, p.description) } : {}),
      schema: translateSchema(p.schema, t),
    })),
    responses: {
      "200": { description: t("api.openapi.ok"), content: { "application/json": { schema: translateSchema(embed(api.response, "output", operationId, defs), t) } } },
      ...errors,
    },
  };
  return { path, method: route.method === "GET" ? "get" : "post", op };
}

export interface OpenApiOptions {
  /** The organization's name in the reader's language. */
  title: string;
  /** The public address (PUBLIC_URL), without a trailing slash. */
  serverUrl: string;
  t: Translate;
}

/** The OpenAPI 3.1 document for these operations, in the reader's language. */
export function buildOpenApi(routes: ApiRoute[], { title, serverUrl, t }: OpenApiOptions): OpenApiDocument {
  const defs: Record<string, JsonSchema> = {};
  const paths: OpenApiDocument["paths"] = {};
  const tags: string[] = [];
  const sorted = [...routes].sort((a, b) => a.route.path.localeCompare(b.route.path) || a.route.method.localeCompare(b.route.method));
  for (const entry of sorted) {
    const { path, method, op } = operation(entry, t, defs);
    paths[path] = { ...paths[path], [method]: op };
    for (const tag of op.tags) if (!tags.includes(tag)) tags.push(tag);
  }
  return {
    openapi: "3.1.0",
    info: { title, version: API_VERSION, description: t("api.openapi.description", { org: title }) },
    servers: [{ url: serverUrl }],
    externalDocs: { url: `${serverUrl}/api/docs` },
    tags: tags.map((name) => ({ name })),
    paths,
    components: { schemas: { Problem: translateSchema(embed(problemSchema, "output", "Problem", defs), t), ...defs } },
  };
}
