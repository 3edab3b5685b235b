/**
 * The recruitment form's fields: a translatable title, consent text and letter template, the strata
 * as a small CSV (`category,value,en,fr,nl,de,min,max`: a row with an empty value labels the question,
 * the others are its options with their optional target seats), volunteers open, the registration
 * deadline and the retention period. Errors are message keys by field; the values come back as typed.
 */
import { z } from "zod";
import { checkbox, nestFields, optionalDate, parseNested, translatable } from "../../core/components/form-values";
import type { FieldErrors } from "../../core/http/result";
import { LOCALES, type Translatable } from "../../core/i18n/locales";
import { parseCsv } from "../../core/verifications/csv";
import { unknownPlaceholders } from "./letters";
import type { RecruitmentStratum } from "./schema";

/** The labels' columns, in the order of the header. */
const LABEL_LOCALES = ["en", "fr", "nl", "de"] as const;
export const STRATA_HEADER = ["category", "value", ...LABEL_LOCALES, "min", "max"];

const schema = z.object({
  title: translatable({ required: true, max: 200 }),
  consentText: translatable({ max: 4_000 }),
  letterTemplate: translatable({ required: true, max: 8_000 }),
  volunteersOpen: checkbox,
  registrationDeadline: optionalDate,
  retentionDays: z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string().regex(/^\d{1,4}$/, "sortition.recruitment.error.retention")).transform(Number),
  strata: z.string().max(50_000).optional().default(""),
});

export interface RecruitmentInput {
  title: Translatable;
  consentText: Translatable;
  letterTemplate: Translatable;
  volunteersOpen: boolean;
  registrationDeadline: Date | null;
  retentionDays: number;
  strata: RecruitmentStratum[];
}

/** The form's values as typed (to show it again). */
export interface RecruitmentValues {
  title?: Translatable;
  consentText?: Translatable;
  letterTemplate?: Translatable;
  volunteersOpen?: boolean;
  registrationDeadline?: string;
  retentionDays?: string;
  strata?: string;
}

const seats = (s: string | undefined): number | null => (s && /^\d{1,6}$/.test(s.trim()) ? Number(s.trim()) : null);

/** The strata from their CSV text, or the message key of the first problem (with the line). */
export function parseStrata(text: string): { ok: true; strata: RecruitmentStratum[] } | { ok: false; error: { key: "sortition.recruitment.error.strata"; values: { line: number } } } {
  const rows = parseCsv(text);
  const strata = new Map<string, RecruitmentStratum>();
  const fail = (line: number) => ({ ok: false as const, error: { key: "sortition.recruitment.error.strata" as const, values: { line } } });
  for (const { line, cells } of rows) {
    if (cells.map((c) => c.toLowerCase()).join(",") === STRATA_HEADER.join(",")) continue;
    const [category = "", value = "", ...rest] = cells;
    if (!/^[\p{L}\p{N}_ -]{1,60}$/u.test(category) || value.length > 60 || cells.length > STRATA_HEADER.length) return fail(line);
    const label: Translatable = Object.fromEntries(LABEL_LOCALES.map((l, i) => [l, rest[i] ?? ""]).filter(([, v]) => v !== ""));
    const stratum = strata.get(category) ?? { category, label: {}, options: [] };
    strata.set(category, stratum);
    if (value === "") {
      stratum.label = label;
      continue;
    }
    if (stratum.options.some((o) => o.value === value)) return fail(line);
    const min = seats(rest[LABEL_LOCALES.length]);
    const max = seats(rest[LABEL_LOCALES.length + 1]);
    const typedMin = (rest[LABEL_LOCALES.length] ?? "").trim() !== "";
    const typedMax = (rest[LABEL_LOCALES.length + 1] ?? "").trim() !== "";
    if ((typedMin && min === null) || (typedMax && max === null) || (min !== null && max !== null && min > max)) return fail(line);
    stratum.options.push({ value, label: Object.keys(label).length > 0 ? label : { en: value }, ...(min !== null || max !== null ? { target: { min: min ?? 0, max: max ?? min ?? 0 } } : {}) });
  }
  for (const s of strata.values()) if (s.options.length < 2) return fail(rows.find((r) => r.cells[0] === s.category)?.line ?? 1);
  return { ok: true, strata: [...strata.values()].map((s) => (Object.keys(s.label).length > 0 ? s : { ...s, label: { en: s.category } })) };
}

/** The strata written back as their CSV text (the form shows them so). */
export function strataText(strata: readonly RecruitmentStratum[]): string {
  const cell = (s: string) => (/[",;\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const line = (cells: string[]) => cells.map(cell).join(",");
  const out = [line(STRATA_HEADER)];
  for (const s of strata) {
    out.push(line([s.category, "", ...LABEL_LOCALES.map((l) => s.label[l] ?? ""), "", ""]));
    for (const o of s.options) out.push(line([s.category, o.value, ...LABEL_LOCALES.map((l) => o.label[l] ?? ""), o.target ? String(o.target.min) : "", o.target ? String(o.target.max) : ""]));
  }
  return `${out.join("\n")}\n`;
}

export function parseRecruitment(body: unknown): { ok: true; input: RecruitmentInput; values: RecruitmentValues } | { ok: false; errors: FieldErrors; values: RecruitmentValues } {
  const nested = nestFields(body);
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  const tr = (v: unknown): Translatable => (v && typeof v === "object" ? (Object.fromEntries(LOCALES.map((l) => [l, str((v as Record<string, unknown>)[l])])) as Translatable) : {});
  const values: RecruitmentValues = {
    title: tr(nested.title),
    consentText: tr(nested.consentText),
    letterTemplate: tr(nested.letterTemplate),
    volunteersOpen: nested.volunteersOpen === "on",
    registrationDeadline: str(nested.registrationDeadline),
    retentionDays: str(nested.retentionDays),
    strata: str(nested.strata),
  };
  const parsed = parseNested(schema, nested);
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  const strata = parseStrata(values.strata ?? "");
  if (!strata.ok) errors.strata = strata.error;
  if (parsed.ok) {
    const unknown = Object.values(parsed.value.letterTemplate).flatMap((t) => unknownPlaceholders(t ?? ""));
    if (unknown.length > 0) errors.letterTemplate = { key: "sortition.recruitment.error.placeholder", values: { placeholder: `{{${unknown[0] ?? ""}}}` } };
  }
  if (!parsed.ok || !strata.ok || Object.keys(errors).length > 0) return { ok: false, errors, values };
  const v = parsed.value;
  return {
    ok: true,
    values,
    input: {
      title: v.title,
      consentText: v.consentText,
      letterTemplate: v.letterTemplate,
      volunteersOpen: v.volunteersOpen,
      // The deadline is the end of the chosen day, in UTC (the letter prints that day).
      registrationDeadline: v.registrationDeadline ? new Date(`${v.registrationDeadline}T23:59:59Z`) : null,
      retentionDays: v.retentionDays,
      strata: strata.strata,
    },
  };
}
