import { describe, expect, it } from "vitest";
import { failingPairs } from "../theme/contrast";
import { resolveTheme } from "../theme/tokens";
import { BUDGET_THEMES } from "./seeds";

describe("demo budget themes", () => {
  it("pass WCAG AA contrast on every text/background pair", () => {
    for (const theme of Object.values(BUDGET_THEMES)) expect(failingPairs(resolveTheme({}, theme))).toEqual([]);
  });
  it("look different from each other", () => {
    const primaries = new Set(Object.values(BUDGET_THEMES).map((t) => t.colorPrimary));
    expect(primaries.size).toBe(3);
  });
});
