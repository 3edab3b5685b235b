/** "age_residence": declared birth date and postal code, with a minimum age and allowed regions. */
import { z } from "zod";
import { AGE_RESIDENCE } from "../age-residence";
import { ageOn } from "../hashing";
import { ALL_REGIONS } from "../regions";
import { findAuthorization } from "../service";
import type { VerificationHandler } from "../types";
import { verifyUrl } from "./verify-url";

/**
 * The option that opens an action to a region's residents. Regions are one boolean each (not an array)
 * so that the generated admin form shows them as checkboxes; a new country's regions appear by
 * themselves. Labels: `verifications.options.region.<code>`.
 */
export const regionOption = (region: string) => `region_${region}`;

const regionFlags = Object.fromEntries(ALL_REGIONS.map((r) => [regionOption(r), z.boolean().default(false).describe(`verifications.options.region.${r}`)])) as Record<
  string,
  z.ZodDefault<z.ZodBoolean>
>;

export const ageResidenceOptions = z
  .object({
    minimumAge: z.number().int().min(0).max(120).default(0).describe("verifications.options.minimumAge"),
    ...regionFlags,
  })
  .strict();

/** The regions an action is open to; empty means every region. */
export function allowedRegions(options: Record<string, unknown>): string[] {
  return ALL_REGIONS.filter((r) => options[regionOption(r)] === true);
}

export const ageResidenceHandler: VerificationHandler<typeof ageResidenceOptions> = {
  name: AGE_RESIDENCE,
  label: "verifications.ageResidence.name",
  options: ageResidenceOptions,
  check: async ({ db, user, options, returnTo }) => {
    const auth = user ? await findAuthorization(db, user.id, AGE_RESIDENCE, null) : null;
    if (!auth) return { status: "pending", verifyUrl: verifyUrl(AGE_RESIDENCE, returnTo) };
    // Options were validated when the admin saved them; an invalid stored value fails closed.
    const parsed = ageResidenceOptions.safeParse(options);
    if (!parsed.success) return { status: "unauthorized", reason: "verifications.ageResidence.misconfigured" };
    const minimumAge = parsed.data.minimumAge ?? 0;
    const regions = allowedRegions(parsed.data);
    const birthDate = String(auth.metadata.birthDate ?? "");
    if (minimumAge > 0 && (!birthDate || ageOn(birthDate, new Date()) < minimumAge)) {
      return { status: "unauthorized", reason: "verifications.ageResidence.tooYoung", values: { min: minimumAge } };
    }
    if (regions.length > 0 && !regions.includes(String(auth.metadata.region ?? ""))) {
      return { status: "unauthorized", reason: "verifications.ageResidence.wrongRegion" };
    }
    return { status: "ok" };
  },
};
