/** "age_residence": declared birth date and postal code, with a minimum age and allowed regions. */
import { z } from "zod";
import { AGE_RESIDENCE } from "../age-residence";
import { ageOn } from "../hashing";
import { ALL_REGIONS } from "../regions";
import { findAuthorization } from "../service";
import type { VerificationHandler } from "../types";
import { verifyUrl } from "./verify-url";

export const ageResidenceOptions = z
  .object({
    minimumAge: z.number().int().min(0).max(120).default(0),
    /** ISO 3166-2 codes; empty means every region. */
    regions: z.array(z.enum(ALL_REGIONS as [string, ...string[]])).default([]),
  })
  .strict();

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
    const { minimumAge, regions } = parsed.data;
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
