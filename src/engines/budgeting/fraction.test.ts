import { describe, expect, it } from "vitest";
import { add, cmp, div, frac, parseDecimal, sub, toDecimalString, toNumber } from "./fraction";

describe("exact fractions", () => {
  it("reduces and keeps the denominator positive", () => {
    expect(frac(6n, -4n)).toEqual({ n: -3n, d: 2n });
    expect(add(frac(1n, 3n), frac(1n, 6n))).toEqual({ n: 1n, d: 2n });
    expect(sub(frac(1n, 2n), frac(1n, 2n))).toEqual({ n: 0n, d: 1n });
    expect(div(frac(3n, 4n), frac(3n, 2n))).toEqual({ n: 1n, d: 2n });
  });

  it("compares exactly where doubles cannot", () => {
    const a = frac(10n ** 30n + 1n, 10n ** 30n);
    const b = frac(1n);
    expect(toNumber(a)).toBe(toNumber(b));
    expect(cmp(a, b)).toBe(1);
  });

  it("parses and prints decimals without loss", () => {
    expect(parseDecimal("12.50")).toEqual({ n: 25n, d: 2n });
    expect(parseDecimal("abc")).toBeNull();
    expect(toDecimalString(frac(25n, 2n))).toBe("12.5");
    expect(toDecimalString(frac(120n))).toBe("120");
  });
});
