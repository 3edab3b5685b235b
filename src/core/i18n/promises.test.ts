import { describe, expect, it } from "vitest";
import { catalogue } from "./catalogues";
import { LOCALES } from "./locales";

// The sign-up page promises what an account lets one do: only what this installation offers.
describe("the sign-up promise", () => {
  it("names petitions, consultations and assemblies, and no budget voting, in every language", () => {
    const words = { en: ["petitions", "consultations", "assemblies"], fr: ["pétitions", "consultations", "assemblées"], nl: ["petities", "raadplegingen", "assemblees"], de: ["Petitionen", "Konsultationen", "Versammlungen"] };
    for (const l of LOCALES) {
      const intro = catalogue[l]["accounts.register.intro"];
      for (const w of words[l]) expect(intro, l).toContain(w);
      expect(intro, l).not.toMatch(/budget|begroting|haushalt/i);
    }
  });
});
