import { describe, expect, it } from "vitest";
import "../../modules";
import { listComponentManifests } from "../components/registry";
import { catalogue } from "./catalogues";
import { LOCALES } from "./locales";

// The sign-up page promises what an account lets one do: the core's promise names no component, and
// each installed component adds its own (so the promise follows what is installed).
describe("the sign-up promise", () => {
  it("names no component in the core's words, in any language", () => {
    for (const l of LOCALES) {
      const core = `${catalogue[l]["accounts.register.intro"]} ${catalogue[l]["accounts.register.promise.core"]}`;
      expect(core, l).not.toMatch(/petition|pétition|petitie|budget|begroting|haushalt|consultation|raadpleging|konsultation/i);
    }
  });

  it("lists each installed component's promise, translated", () => {
    const promises = listComponentManifests().flatMap((m) => (m.accountPromise ? [m.accountPromise] : []));
    expect(promises).toContain("petitions.accountPromise");
    for (const key of promises) for (const l of LOCALES) expect(catalogue[l][key], `${key} ${l}`).toBeTruthy();
    expect(catalogue.fr["petitions.accountPromise"]).toContain("pétitions");
  });
});
