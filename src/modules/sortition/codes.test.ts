import { describe, expect, it } from "vitest";
import { generateCode, normalizeCode } from "./codes";

describe("letter codes", () => {
  it("prints two groups of five that normalise back", () => {
    const codes = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const c = generateCode();
      expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
      expect(normalizeCode(c)).toBe(c.replace("-", ""));
      codes.add(c);
    }
    expect(codes.size).toBe(1000);
  });

  it("reads what people type", () => {
    expect(normalizeCode(" k7q2m 9xwma ")).toBe("K7Q2M9XWMA");
    expect(normalizeCode("O1IL2-34567")).toBe("0111234567");
    expect(normalizeCode("K7Q2M-9XWM")).toBeNull();
    expect(normalizeCode("K7Q2M-9XWMU")).toBeNull();
  });
});
