/**
 * Form parsing with zod: turns a urlencoded body into a typed value or into translated field errors.
 * Schemas may carry a message key as their custom message (`z.email({ message: "validation.email" })`).
 */
import type { z } from "zod";
import { catalogue, type MessageKey } from "../i18n/catalogues";
import type { FieldErrors, Result } from "./result";

function isMessageKey(value: string | undefined): value is MessageKey {
  return value !== undefined && value in catalogue.en;
}

/** Maps one zod issue to a message key with its values. */
function issueToError(issue: z.core.$ZodIssue): FieldErrors[string] {
  if (isMessageKey(issue.message)) return { key: issue.message };
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? { key: "validation.required" } : { key: "validation.tooShort", values: { min: Number(issue.minimum) } };
      if (issue.origin === "number" || issue.origin === "int") return { key: "validation.tooSmall", values: { min: Number(issue.minimum) } };
      return { key: "validation.required" };
    case "too_big":
      if (issue.origin === "string") return { key: "validation.tooLong", values: { max: Number(issue.maximum) } };
      return { key: "validation.tooBig", values: { max: Number(issue.maximum) } };
    case "invalid_type":
      return issue.input === undefined || issue.input === "" ? { key: "validation.required" } : issue.expected === "number" ? { key: "validation.number" } : { key: "validation.invalid" };
    case "invalid_format":
      return issue.format === "email" ? { key: "validation.email" } : { key: "validation.invalid" };
    default:
      return { key: "validation.invalid" };
  }
}

/** Zod errors as field errors; the first issue of each field wins. */
export function zodToFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.map(String).join(".") : "_form";
    errors[field] ??= issueToError(issue);
  }
  return errors;
}

/** Empty strings from HTML forms mean "not given". */
function blanksToUndefined(body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (body && typeof body === "object") {
    for (const [k, v] of Object.entries(body)) out[k] = typeof v === "string" && v.trim() === "" ? undefined : v;
  }
  return out;
}

/** Parses a form body with a schema. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): Result<z.infer<S>> {
  const parsed = schema.safeParse(blanksToUndefined(body));
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: zodToFieldErrors(parsed.error) };
}
