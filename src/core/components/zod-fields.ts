/**
 * Reads a zod object schema as a list of form fields (the manifest's settings, a handler's options),
 * and turns submitted form values back into the shape the schema parses.
 */
import type { z } from "zod";
import { isTranslatableSchema } from "./form-values";

export type FieldKind = "boolean" | "number" | "enum" | "string" | "translatable";

export interface FieldDescriptor {
  key: string;
  kind: FieldKind;
  options: string[];
  integer: boolean;
  min?: number;
  max?: number;
  optional: boolean;
  defaultValue: unknown;
  description?: string;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  entries?: Record<string, string>;
  format?: string;
  in?: z.ZodType;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Unwraps default/optional/nullable wrappers down to the type the input edits. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
  let inner = schema;
  let optional = false;
  for (let i = 0; i < 10; i++) {
    if (isTranslatableSchema(inner)) break;
    const def = defOf(inner);
    if (def.type === "optional" || def.type === "nullable") optional = true;
    if ((def.type === "default" || def.type === "optional" || def.type === "nullable" || def.type === "prefault") && def.innerType) inner = def.innerType;
    else break;
  }
  return { inner, optional };
}

function kindOf(inner: z.ZodType): FieldKind {
  if (isTranslatableSchema(inner)) return "translatable";
  const t = defOf(inner).type;
  if (t === "boolean") return "boolean";
  if (t === "number" || t === "int") return "number";
  if (t === "enum") return "enum";
  return "string";
}

/** The fields of an object schema, in declaration order. */
export function describeFields(schema: z.ZodObject): FieldDescriptor[] {
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([key, field]) => {
    const { inner, optional } = unwrap(field);
    const kind = kindOf(inner);
    const def = defOf(inner);
    const num = inner as unknown as { minValue?: number | null; maxValue?: number | null; isInt?: boolean; format?: string | null };
    const fallback = field.safeParse(undefined);
    const d: FieldDescriptor = {
      key,
      kind,
      options: kind === "enum" ? Object.values(def.entries ?? {}) : [],
      integer: kind === "number" && (num.isInt === true || (num.format ?? "").includes("int")),
      optional,
      defaultValue: fallback.success ? fallback.data : undefined,
    };
    if (kind === "number" && typeof num.minValue === "number" && Number.isFinite(num.minValue)) d.min = num.minValue;
    if (kind === "number" && typeof num.maxValue === "number" && Number.isFinite(num.maxValue)) d.max = num.maxValue;
    const description = field.description ?? inner.description;
    if (description) d.description = description;
    return d;
  });
}

const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

/** Submitted (nested) form values -> the input the schema expects (checkbox "on" -> true, "3" -> 3). */
export function formToInput(schema: z.ZodObject, submitted: Record<string, unknown> | undefined): Record<string, unknown> {
  const values = submitted ?? {};
  const out: Record<string, unknown> = {};
  for (const f of describeFields(schema)) {
    const v = values[f.key];
    switch (f.kind) {
      case "boolean":
        out[f.key] = v === "on" || v === "true" || v === true;
        break;
      case "number": {
        const s = text(v);
        // A non-number is passed through as text so the schema reports it.
        out[f.key] = s === undefined ? undefined : Number.isFinite(Number(s)) ? Number(s) : s;
        break;
      }
      case "translatable":
        out[f.key] = v && typeof v === "object" ? v : {};
        break;
      default:
        out[f.key] = text(v);
    }
  }
  return out;
}
