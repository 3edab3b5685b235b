/**
 * Reading the OpenAPI document's JSON Schemas for people: a type in a few words and a body's fields
 * as flat rows (`data[].counts.byRegion.{key}.online`), for /api/docs.
 */
import type { JsonSchema, OpenApiDocument } from "./openapi";

export interface TypeView {
  /** "integer", "string (date-time)", "string[]", "map<string, integer>", "object", "Problem". */
  text: string;
  nullable: boolean;
  /** The allowed values of an enumeration. */
  values?: string[];
  /** Bounds, as their JSON Schema keywords: "minimum 1", "maxLength 200". */
  bounds: string[];
}

export interface FieldView {
  /** The path of the field; `[]` marks a list's items, `{key}` a map's entries. */
  name: string;
  type: TypeView;
  required: boolean;
  description?: string;
}

// A subschema slot holds a schema object or a boolean; every key of a JSON Schema is optional.
const asSchema = (value: unknown): JsonSchema | null => (value && typeof value === "object" && !Array.isArray(value) ? (value as JsonSchema) : null);

/** The named schema a `$ref` points to, or the schema itself. */
export function resolve(doc: OpenApiDocument, schema: JsonSchema): { schema: JsonSchema; name?: string } {
  const ref = schema.$ref;
  if (!ref?.startsWith("#/components/schemas/")) return { schema };
  const name = ref.slice("#/components/schemas/".length);
  return { schema: doc.components.schemas[name] ?? {}, name };
}

/** The schema without its `null` alternative, and whether it had one. */
function withoutNull(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  if (Array.isArray(schema.type) && schema.type.includes("null")) {
    const rest = schema.type.filter((t) => t !== "null");
    return { schema: { ...schema, type: rest.length === 1 ? rest[0] : rest }, nullable: true };
  }
  if (schema.anyOf) {
    const rest = schema.anyOf.filter((s) => s.type !== "null");
    if (rest.length < schema.anyOf.length && rest.length === 1 && rest[0]) return { schema: { ...rest[0], ...(schema.description ? { description: schema.description } : {}) }, nullable: true };
  }
  return { schema, nullable: false };
}

const BOUNDS = ["minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems"] as const;

function label(doc: OpenApiDocument, input: JsonSchema): string {
  const { schema, name } = resolve(doc, input);
  if (name) return name;
  if (schema.anyOf) return schema.anyOf.map((s) => label(doc, s)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : schema.type;
  if (type === "array") {
    const items = asSchema(schema.items);
    return `${items ? label(doc, withoutNull(items).schema) : "unknown"}[]`;
  }
  if (type === "object") {
    const values = asSchema(schema.additionalProperties);
    return values && !schema.properties ? `map<string, ${label(doc, withoutNull(values).schema)}>` : "object";
  }
  if (!type) return "unknown";
  return schema.format ? `${type} (${schema.format})` : type;
}

/** A schema's type in a few words. */
export function typeView(doc: OpenApiDocument, input: JsonSchema): TypeView {
  const { schema, nullable } = withoutNull(input);
  const values = schema.enum?.map((v) => String(v));
  // zod bounds every integer to the safe range: that says nothing to a reader.
  const bounds = BOUNDS.flatMap((k) => {
    const v = schema[k];
    return typeof v === "number" && Math.abs(v) !== Number.MAX_SAFE_INTEGER ? [`${k} ${v}`] : [];
  });
  return { text: label(doc, schema), nullable, ...(values ? { values } : {}), bounds };
}

/** Every field of an object schema, depth first, with the fields of nested objects, lists and maps. */
export function fieldsOf(doc: OpenApiDocument, input: JsonSchema, prefix = ""): FieldView[] {
  const { schema } = withoutNull(resolve(doc, input).schema);
  const rows: FieldView[] = [];
  for (const [key, value] of Object.entries(schema.properties ?? {})) {
    const property = asSchema(value);
    if (!property) continue;
    const name = prefix ? `${prefix}.${key}` : key;
    rows.push({ name, type: typeView(doc, property), required: (schema.required ?? []).includes(key), ...(property.description ? { description: property.description } : {}) });
    rows.push(...nested(doc, property, name));
  }
  return rows;
}

function nested(doc: OpenApiDocument, input: JsonSchema, name: string): FieldView[] {
  const { schema } = withoutNull(resolve(doc, input).schema);
  if (schema.properties) return fieldsOf(doc, schema, name);
  const items = asSchema(schema.items);
  if (schema.type === "array" && items) return nested(doc, items, `${name}[]`);
  const values = asSchema(schema.additionalProperties);
  if (schema.type === "object" && values) return nested(doc, values, `${name}.{key}`);
  return [];
}
