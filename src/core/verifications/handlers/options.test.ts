import { describe, expect, it } from "vitest";
import { describeFields, formToInput } from "../../components/zod-fields";
import { catalogue } from "../../i18n/catalogues";
import { LOCALES } from "../../i18n/locales";
import { ALL_REGIONS, COUNTRIES } from "../regions";
import { ageResidenceOptions, allowedRegions } from "./age-residence";
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
    expect(ageResidenceOptions.parse({})).toEqual({ minimumAge: 0, "region_BE-BRU": false, "region_BE-VLG": false, "region_BE-WAL": false });
    const o = ageResidenceOptions.parse({ minimumAge: 16, "region_BE-BRU": true, "region_BE-WAL": true });
    expect(allowedRegions(o)).toEqual(["BE-BRU", "BE-WAL"]);
    expect(allowedRegions(ageResidenceOptions.parse({}))).toEqual([]);
    expect(ageResidenceOptions.safeParse({ minimumAge: 121 }).success).toBe(false);
    expect(ageResidenceOptions.safeParse({ minimumAge: "16" }).success).toBe(false);
    expect(ageResidenceOptions.safeParse({ "region_XX-YYY": true }).success).toBe(false);
  });

  it("describes every option with a message key, so the generated admin form has real labels", () => {
    for (const h of builtInHandlers) {
      for (const [key, field] of Object.entries((h.options as unknown as { shape: Record<string, { description?: string }> }).shape)) {
        for (const l of LOCALES) expect(catalogue[l][field.description as keyof (typeof catalogue)["en"]], `${h.name}.${key} ${l}`).toBeTruthy();
      }
    }
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

  it("renders in the generated permissions form: a number and one checkbox per region", () => {
    const fields = describeFields(ageResidenceOptions);
    expect(fields.map((f) => [f.key, f.kind])).toEqual([
      ["minimumAge", "number"],
      ["region_BE-BRU", "boolean"],
      ["region_BE-VLG", "boolean"],
      ["region_BE-WAL", "boolean"],
    ]);
    const input = formToInput(ageResidenceOptions, { minimumAge: "16", "region_BE-BRU": "on" });
    expect(allowedRegions(ageResidenceOptions.parse(input))).toEqual(["BE-BRU"]);
    expect(ageResidenceOptions.parse(input).minimumAge).toBe(16);
    expect(describeFields(censusOptions).map((f) => [f.key, f.kind, f.optional])).toEqual([["censusSpaceId", "number", true]]);
    expect(censusOptions.parse(formToInput(censusOptions, { censusSpaceId: "" }))).toEqual({});
  });
});
