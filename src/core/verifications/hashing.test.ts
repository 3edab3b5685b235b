import { describe, expect, it } from "vitest";
import { ageOn, hmac, normalizeBirthDate, normalizeIdentifier, normalizeText, verificationKey } from "./hashing";

describe("normalisation", () => {
  it("ignores case, spaces, dots and dashes in identifiers", () => {
    expect(normalizeIdentifier(" s-2023.001 ")).toBe("S2023001");
    expect(normalizeIdentifier("S 2023 001")).toBe(normalizeIdentifier("s2023001"));
  });

  it("folds case and spaces in free text", () => {
    expect(normalizeText("  Rue   de la  Loi ")).toBe("rue de la loi");
  });

  it("reads ISO and day-first birth dates and refuses impossible ones", () => {
    expect(normalizeBirthDate("2008-03-14")).toBe("2008-03-14");
    expect(normalizeBirthDate("14/03/2008")).toBe("2008-03-14");
    expect(normalizeBirthDate("4.3.2008")).toBe("2008-03-04");
    expect(normalizeBirthDate("31/02/2008")).toBeNull();
    expect(normalizeBirthDate("2008-13-01")).toBeNull();
    expect(normalizeBirthDate("yesterday")).toBeNull();
  });
});

describe("hmac", () => {
  const key = verificationKey({ SESSION_SECRET: "a-test-secret-a-test-secret-a-test-secret" });

  it("is stable, keyed and never the plain value", () => {
    const h = hmac(key, [1, "S2023001", "2008-03-14"]);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).toBe(hmac(key, [1, "S2023001", "2008-03-14"]));
    expect(h).not.toContain("2023001");
    const other = verificationKey({ SESSION_SECRET: "another-secret-another-secret-another" });
    expect(hmac(other, [1, "S2023001", "2008-03-14"])).not.toBe(h);
  });

  it("keeps parts apart (no ambiguity by concatenation)", () => {
    expect(hmac(key, ["ab", "c"])).not.toBe(hmac(key, ["a", "bc"]));
  });
});

describe("ageOn", () => {
  it("counts whole years, birthday included", () => {
    expect(ageOn("2010-06-15", new Date("2026-06-14T12:00:00Z"))).toBe(15);
    expect(ageOn("2010-06-15", new Date("2026-06-15T00:00:00Z"))).toBe(16);
    expect(ageOn("2008-02-29", new Date("2026-02-28T00:00:00Z"))).toBe(17);
    expect(ageOn("2008-02-29", new Date("2026-03-01T00:00:00Z"))).toBe(18);
  });
});
