/** Petition types: the rules a parliament sets per petitions component, audited on every change. */
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { checkboxList } from "../../core/components/form-values";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import { fail, ok, type FieldErrors, type Result } from "../../core/http/result";
import { LOCALES, type Translatable } from "../../core/i18n/locales";
import { ALL_REGIONS } from "../../core/verifications/regions";
import { BRUSSELS_COMMITTEE } from "./committee-rules";
import { petitionTypes, SIGNER_FIELDS, type CommitteeRules, type Criterion, type PetitionTypeRow, type SignerField } from "./schema";
import { forgetSigningInfo } from "./cache";
import { announceRulesChange } from "./rules-topic";
import type { Actor } from "./workflow";

const count = (max: number) => z.preprocess((v) => (v === undefined || v === "" ? 0 : Number(v)), z.number({ message: "validation.number" }).int().min(0).max(max));
const positive = (max: number) => z.preprocess((v) => (v === undefined || v === "" ? undefined : Number(v)), z.number({ message: "validation.number" }).int().min(1).max(max));

/** A number field that falls back to its default when left empty. */
const numberOr = (fallback: number, min: number, max: number) => z.preprocess((v) => (v === undefined || v === "" ? fallback : Number(v)), z.number({ message: "validation.number" }).int().min(min).max(max));

/** The type form: per-language titles, one quota field per region, criteria one per line. */
export const typeInput = z.object({
  title: z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string().trim().max(200).optional()])) as Record<(typeof LOCALES)[number], z.ZodOptional<z.ZodString>>).refine((t) => Object.values(t).some(Boolean), { message: "validation.required" }),
  threshold: positive(100_000_000),
  quota: z.object(Object.fromEntries(ALL_REGIONS.map((r) => [r, count(100_000_000)]))).partial().default({}),
  minAge: count(120),
  residence: checkboxList(z.enum(ALL_REGIONS as [string, ...string[]])),
  signingDays: positive(3650),
  coSponsorsRequired: count(100),
  allowWithdrawal: z.preprocess((v) => v === "on" || v === true, z.boolean()),
  verification: z.enum(["email", "account", "age_residence"]),
  signerFields: checkboxList(z.enum(SIGNER_FIELDS)),
  criteria: z.string().max(5000).default(""),
  reviewDays: positive(3650),
  answerDays: positive(3650),
  // A citizens' suggestion for a deliberative committee, and the committee it asks for.
  committee: z.preprocess((v) => v === "on" || v === true, z.boolean()),
  drawnSeats: numberOr(BRUSSELS_COMMITTEE.drawnSeats, 1, 1000),
  electedSeats: numberOr(BRUSSELS_COMMITTEE.electedSeats, 0, 1000),
  resubmissionMonths: numberOr(BRUSSELS_COMMITTEE.resubmissionMonths, 0, 120),
});
export type TypeInput = z.infer<typeof typeInput>;

/** "within the assembly's competence" -> { key: "within-the-assembly-s-competence", label: {xx: ...} } */
export function criteriaFromText(text: string, locale: (typeof LOCALES)[number]): Criterion[] {
  const seen = new Set<string>();
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      let key = line.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "criterion";
      while (seen.has(key)) key += "-2";
      seen.add(key);
      return { key, label: { [locale]: line } };
    });
}

export interface TypeValues {
  title: Translatable;
  description?: Translatable;
  threshold: number;
  regionThresholds: Record<string, number>;
  country?: string;
  minAge: number;
  residenceRegions: string[];
  signingDays: number;
  coSponsorsRequired: number;
  allowWithdrawal: boolean;
  verification: "email" | "account" | "age_residence";
  signerFields?: SignerField[];
  criteria: Criterion[];
  reviewDays: number;
  answerDays: number;
  /** Set for a citizens' suggestion for a deliberative committee. */
  committee?: CommitteeRules | null;
}

/**
 * Rules that hold between fields: an age limit needs the birth date, quotas and a residence rule need
 * the postal code, unless the signer's age-and-residence verification provides both.
 */
export function checkTypeRules(v: TypeValues): FieldErrors | null {
  if (v.verification === "age_residence") return null;
  const fields = v.signerFields ?? SIGNER_FIELDS;
  const errors: FieldErrors = {};
  if (v.minAge > 0 && !fields.includes("birthDate")) errors.signerFields = { key: "petitions.admin.needsBirthDate" };
  else if ((v.residenceRegions.length > 0 || Object.keys(v.regionThresholds).length > 0) && !fields.includes("postalCode")) errors.signerFields = { key: "petitions.admin.needsPostalCode" };
  return Object.keys(errors).length ? errors : null;
}

export function valuesFromInput(input: TypeInput, criteria: Criterion[]): TypeValues {
  const title: Translatable = {};
  for (const l of LOCALES) if (input.title[l]) title[l] = input.title[l];
  const regionThresholds: Record<string, number> = {};
  for (const [r, n] of Object.entries(input.quota)) if (n) regionThresholds[r] = n;
  return {
    title,
    threshold: input.threshold,
    regionThresholds,
    minAge: input.minAge,
    residenceRegions: input.residence,
    signingDays: input.signingDays,
    coSponsorsRequired: input.coSponsorsRequired,
    allowWithdrawal: input.allowWithdrawal,
    verification: input.verification,
    // Keep the canonical order whatever order the form sent.
    signerFields: SIGNER_FIELDS.filter((f) => input.signerFields.includes(f)),
    criteria,
    reviewDays: input.reviewDays,
    answerDays: input.answerDays,
    committee: input.committee ? { drawnSeats: input.drawnSeats, electedSeats: input.electedSeats, resubmissionMonths: input.resubmissionMonths } : null,
  };
}

export async function listTypes(db: Db, componentId: number): Promise<PetitionTypeRow[]> {
  return db.select().from(petitionTypes).where(eq(petitionTypes.componentId, componentId)).orderBy(asc(petitionTypes.id));
}

export async function findType(db: Db, componentId: number, id: number): Promise<PetitionTypeRow | null> {
  const [row] = await db.select().from(petitionTypes).where(and(eq(petitionTypes.componentId, componentId), eq(petitionTypes.id, id)));
  return row ?? null;
}

export async function saveType(db: Db, actor: Actor, componentId: number, id: number | null, values: TypeValues): Promise<Result<PetitionTypeRow>> {
  const errors = checkTypeRules(values);
  if (errors) return fail(errors);
  const saved = await db.transaction(async (tx) => {
    const before = id === null ? null : await findType(tx, componentId, id);
    const [row] =
      id === null
        ? await tx.insert(petitionTypes).values({ componentId, ...values }).returning()
        : await tx
            .update(petitionTypes)
            .set({ ...values, updatedAt: new Date() })
            .where(and(eq(petitionTypes.componentId, componentId), eq(petitionTypes.id, id)))
            .returning();
    if (!row) throw new Error("petition type save returned nothing");
    await announceRulesChange(tx, { types: true });
    await audit(tx, { actorId: actor.id, action: id === null ? "petition_type.create" : "petition_type.update", resourceType: "petition_type", resourceId: row.id, before, after: row, ip: actor.ip });
    return ok(row);
  });
  forgetSigningInfo(db, "all");
  return saved;
}
