/**
 * Declared age and residence: a person states a birth date and a postal code. Only the birth date and
 * the postal code's region (from the country's table) are kept, not the postal code itself: enough for
 * a minimum age and a set of regions (petitions count signatures per region), and no more.
 */
import { z } from "zod";
import type { Db } from "../../db/client";
import { fail, type Result } from "../http/result";
import { ageOn, normalizeBirthDate } from "./hashing";
import { COUNTRIES, regionForPostalCode } from "./regions";
import { grantAuthorization } from "./service";

export const AGE_RESIDENCE = "age_residence";
const OLDEST = 130;

export const declarationForm = z.object({
  birthDate: z.string({ message: "validation.date" }).max(20),
  country: z.enum(COUNTRIES as [string, ...string[]]).default("BE"),
  postalCode: z.string().max(12),
});
export type Declaration = z.infer<typeof declarationForm>;

/** Records (or replaces) a person's declaration. */
export async function declareAgeResidence(db: Db, userId: number, input: Declaration, today = new Date()): Promise<Result<{ id: number }>> {
  const birthDate = normalizeBirthDate(input.birthDate);
  const region = regionForPostalCode(input.country, input.postalCode);
  const errors: Record<string, { key: "validation.date" | "verifications.ageResidence.birthDateRange" | "verifications.ageResidence.unknownPostalCode" }> = {};
  if (birthDate === null) errors.birthDate = { key: "validation.date" };
  else if (birthDate > today.toISOString().slice(0, 10) || ageOn(birthDate, today) > OLDEST) errors.birthDate = { key: "verifications.ageResidence.birthDateRange" };
  if (region === null) errors.postalCode = { key: "verifications.ageResidence.unknownPostalCode" };
  if (birthDate === null || region === null || Object.keys(errors).length) return fail(errors);
  return grantAuthorization(db, {
    userId,
    handler: AGE_RESIDENCE,
    spaceId: null,
    uniqueId: null,
    metadata: {
      birthDate,
      birthYear: Number(birthDate.slice(0, 4)),
      country: input.country,
      region,
    },
  });
}
