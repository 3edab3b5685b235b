import { describe, expect, it } from "vitest";
import { catalogue } from "../../i18n/catalogues";
import { LOCALES } from "../../i18n/locales";
import { ALL_REGIONS, COUNTRIES } from "../regions";
import { ageResidenceOptions } from "./age-residence";
import { censusOptions } from "./census";
import { emailConfirmedOptions } from "./email-confirmed";
import { builtInHandlers } from "./index";

describe("handler options schemas", () => {
  it("email_confirmed takes no options", () => {
    expect(emailConfirmedOptions.safeParse({}).success).toBe(true);
    expect(emailConfirmedOptions.safeParse({ minimumAge: 3 }).success).toBe(false);
  });

  it("census may name another space's list", () => {
    expect(censusOptions.parse({})).toEqual({});
    expect(censusOptions.parse({ censusSpaceId: 4 })).toEqual({ censusSpaceId: 4 });
    expect(censusOptions.safeParse({ censusSpaceId: 0 }).success).toBe(false);
    expect(censusOptions.safeParse({ censusSpaceId: 1.5 }).success).toBe(false);
  });

  it("age_residence defaults to any age and any region, and checks both", () => {
    expect(ageResidenceOptions.parse({})).toEqual({ minimumAge: 0, regions: [] });
    expect(ageResidenceOptions.parse({ minimumAge: 16, regions: ["BE-BRU", "BE-WAL"] })).toEqual({ minimumAge: 16, regions: ["BE-BRU", "BE-WAL"] });
    expect(ageResidenceOptions.safeParse({ minimumAge: 121 }).success).toBe(false);
    expect(ageResidenceOptions.safeParse({ minimumAge: "16" }).success).toBe(false);
    expect(ageResidenceOptions.safeParse({ regions: ["XX-YYY"] }).success).toBe(false);
  });

  it("registers the three built-in handlers with a label in every language", () => {
    expect(builtInHandlers.map((h) => h.name)).toEqual(["email_confirmed", "census", "age_residence"]);
    for (const h of builtInHandlers) for (const l of LOCALES) expect(catalogue[l][h.label]).toBeTruthy();
  });

  it("names every region and country of the postal tables in every language", () => {
    const messages = catalogue as Record<string, Record<string, string>>;
    for (const l of LOCALES) {
      for (const r of ALL_REGIONS) expect(messages[l]?.[`verifications.region.${r}`], `${l} ${r}`).toBeTruthy();
      for (const c of COUNTRIES) expect(messages[l]?.[`verifications.country.${c}`], `${l} ${c}`).toBeTruthy();
    }
  });
});
