/**
 * The registration form's fields, read and checked (the public form and the staff's phone form share
 * them): `code`, `stratum.<category>` (one of the stratum's option values), `name`, `email`, `phone`,
 * `showName` ("on"), `consent` ("on"). Errors are message keys by field; the values come back as typed.
 */
import type { FieldErrors } from "../../core/http/result";
import type { RecruitmentStratum } from "./schema";

export interface RegistrationValues {
  code: string;
  strata: Record<string, string>;
  name: string;
  email: string;
  phone: string;
  showName: boolean;
  consent: boolean;
}

export const STRATUM_FIELD = (category: string) => `stratum.${category}`;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ().\-/]{6,30}$/;

const text = (v: unknown): string => (typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : "");

export function registrationValues(body: unknown, strata: readonly RecruitmentStratum[]): RegistrationValues {
  const b = (body ?? {}) as Record<string, unknown>;
  return {
    code: text(b.code).trim().slice(0, 40),
    strata: Object.fromEntries(strata.map((s) => [s.category, text(b[STRATUM_FIELD(s.category)])])),
    name: text(b.name).trim(),
    email: text(b.email).trim(),
    phone: text(b.phone).trim(),
    showName: text(b.showName) === "on",
    consent: text(b.consent) === "on",
  };
}

/** The field errors of a registration; `phone`: a staff entry (an email or a phone number is enough). */
export function registrationErrors(v: RegistrationValues, strata: readonly RecruitmentStratum[], opts: { phone: boolean }): FieldErrors {
  const errors: FieldErrors = {};
  for (const s of strata) {
    const value = v.strata[s.category] ?? "";
    if (!s.options.some((o) => o.value === value)) errors[STRATUM_FIELD(s.category)] = { key: "sortition.register.error.choose" };
  }
  if (!v.name) errors.name = { key: "validation.required" };
  else if (v.name.length > 200) errors.name = { key: "validation.tooLong", values: { max: 200 } };
  if (v.email) {
    if (v.email.length > 254 || !EMAIL.test(v.email)) errors.email = { key: "validation.email" };
  } else if (!opts.phone) errors.email = { key: "validation.required" };
  if (v.phone && !PHONE.test(v.phone)) errors.phone = { key: "sortition.register.error.phone" };
  if (opts.phone && !v.email && !v.phone) errors.phone = { key: "sortition.register.error.reach" };
  if (!v.consent) errors.consent = { key: opts.phone ? "sortition.register.error.consentPhone" : "sortition.register.error.consent" };
  return errors;
}
