import { describe, expect, it } from "vitest";
import { contrastRatio, displayRatio, failingPairs, parseHex, relativeLuminance } from "./contrast";
import { DEFAULT_THEME } from "./tokens";

describe("WCAG contrast", () => {
  it("parses short and long hex colours", () => {
    expect(parseHex("#fff")).toEqual([255, 255, 255]);
    expect(parseHex("#1F4E8C")).toEqual([31, 78, 140]);
    expect(parseHex("red")).toBeNull();
    expect(parseHex("#ffffff80")).toBeNull();
  });

  it("computes relative luminance", () => {
    expect(relativeLuminance([0, 0, 0])).toBe(0);
    expect(relativeLuminance([255, 255, 255])).toBeCloseTo(1, 10);
    expect(relativeLuminance([119, 119, 119])).toBeCloseTo(0.1845, 4);
  });

  it("gives the known ratios", () => {
    expect(contrastRatio("#000", "#fff")).toBeCloseTo(21, 10);
    expect(contrastRatio("#fff", "#fff")).toBe(1);
    expect(displayRatio(contrastRatio("#777", "#fff") ?? 0)).toBe(4.48);
    expect(displayRatio(4.497)).toBe(4.49);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrastRatio("#767676", "#fff")).toBeGreaterThanOrEqual(4.5);
    // Symmetric.
    expect(contrastRatio("#fff", "#777")).toBe(contrastRatio("#777", "#fff"));
  });

  it("passes the default theme", () => {
    expect(failingPairs(DEFAULT_THEME)).toEqual([]);
  });

  it("names each failing pair with its ratio", () => {
    const failures = failingPairs({ ...DEFAULT_THEME, colorMuted: "#777777", colorOnPrimary: "#ffff00", colorPrimary: "#ffffff" });
    expect(failures.map((f) => f.id)).toEqual(["mutedBackground", "onPrimaryPrimary"]);
    expect(failures[0]?.ratio).toBe(4.48);
  });

  it("treats an unreadable colour as failing", () => {
    expect(failingPairs({ ...DEFAULT_THEME, colorText: "blue" }).map((f) => f.id)).toEqual(["textBackground", "textSurface"]);
  });
});
