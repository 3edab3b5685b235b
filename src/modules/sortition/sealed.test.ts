import { describe, expect, it } from "vitest";
import { lookupHash, seal, sortitionKeys, unseal } from "./sealed";

describe("sealed personal data", () => {
  const keys = sortitionKeys({ SESSION_SECRET: "a".repeat(40) });

  it("round-trips a value and never stores it in clear", () => {
    const person = { name: "Zoë Lefèvre", address: "12 rue des Dominicains, Nancy" };
    const sealed = seal(keys, person);
    expect(sealed.toString("latin1")).not.toContain("Lef");
    expect(unseal(keys, sealed)).toEqual(person);
    expect(seal(keys, person).equals(sealed)).toBe(false);
  });

  it("refuses altered data and another key", () => {
    const sealed = seal(keys, { code: "K7Q2-9XWM" });
    const altered = Buffer.from(sealed);
    altered.writeUInt8(altered.readUInt8(altered.length - 1) ^ 1, altered.length - 1);
    expect(() => unseal(keys, altered)).toThrow();
    expect(() => unseal(sortitionKeys({ SESSION_SECRET: "b".repeat(40) }), sealed)).toThrow();
  });

  it("gives a stable keyed lookup hash", () => {
    expect(lookupHash(keys, ["K7Q2-9XWM"])).toBe(lookupHash(keys, ["K7Q2-9XWM"]));
    expect(lookupHash(keys, ["K7Q2-9XWM"])).not.toBe(lookupHash(sortitionKeys({ SESSION_SECRET: undefined }), ["K7Q2-9XWM"]));
  });
});
