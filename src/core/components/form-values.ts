/**
 * Form plumbing shared by the generated settings forms and the space forms: dotted field names
 * (`title.fr`, `global.showToc`) become nested values, and translatable inputs have one field per language.
 */
import { z } from "zod";
import { zodToFieldErrors } from "../http/forms";
import type { FieldErrors, Result } from "../http/result";
import type { Translatable } from "../i18n/locales";

/** `{"a.b": 1}` -> `{a: {b: 1}}`; keys starting with `_` (CSRF) are dropped. */
export function nestFields(body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!body || typeof body !== "object") return out;
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith("_")) continue;
    const parts = key.split(".");
    let node = out;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) {
        node[part] = Array.isArray(value) ? value[value.length - 1] : value;
        return;
      }
      const next = node[part];
      if (!next || typeof next !== "object" || Buffer.isBuffer(next)) node[part] = {};
      node = node[part] as Record<string, unknown>;
    });
  }
  return out;
}

/** Schemas created by `translatable()`, so the form generator knows to render one input per language. */
const translatableSchemas = new WeakSet<z.ZodType>();

export function isTranslatableSchema(schema: z.ZodType): boolean {
  return translatableSchemas.has(schema);
}

const localeText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

/** A translatable text (`{fr, nl, en, de}`); `required` means "in at least one language". */
export function translatable(opts: { max?: number; required?: boolean } = {}) {
  const max = opts.max ?? 500;
  const base = z.object({ fr: localeText(max), nl: localeText(max), en: localeText(max), de: localeText(max) });
  // An absent group of inputs is an empty value, so optional translatable fields need no default.
  const schema = z.preprocess(
    (v) => (v && typeof v === "object" ? v : {}),
    base
      .superRefine((v, ctx) => {
        if (opts.required && !Object.values(v).some(Boolean)) ctx.addIssue({ code: "custom", message: "validation.required" });
      })
      .transform((v): Translatable => Object.fromEntries(Object.entries(v).filter(([, text]) => Boolean(text)))),
  );
  translatableSchemas.add(schema);
  return schema;
}

/** Parses nested values with a schema; errors are named by their dotted path under `prefix`. */
export function parseNested<S extends z.ZodType>(schema: S, values: unknown, prefix = ""): Result<z.infer<S>> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: prefixErrors(zodToFieldErrors(parsed.error), prefix) };
}

export function prefixErrors(errors: FieldErrors, prefix: string): FieldErrors {
  if (!prefix) return errors;
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(errors)) out[k === "_form" ? prefix : `${prefix}.${k}`] = v;
  return out;
}

/** An optional plain text: blank means absent. */
export const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

/** An HTML date input (YYYY-MM-DD), optional. */
export const optionalDate = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()))
  .refine((v) => v === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))), { message: "validation.date" });

/** An HTML checkbox: present ("on") means true. */
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/**
 * The values of several checkboxes (or a multiple select) under one name: HTML sends none as nothing,
 * one as a string and several as an array. `stringList` for re-showing a form, `checkboxList` to parse.
 */
export const stringList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : []);

export const checkboxList = <T extends z.ZodType>(item: T) => z.preprocess(stringList, z.array(item));
