import { describe, expect, it } from "vitest";
import { diffValues } from "./diff";

describe("diffValues", () => {
  it("lists only the changed paths, nested ones dotted", () => {
    expect(diffValues({ name: { fr: "A", en: "A" }, host: "x", locales: ["fr"] }, { name: { fr: "B", en: "A" }, host: "x", locales: ["fr", "nl"] })).toEqual([
      { path: "name.fr", before: "A", after: "B" },
      { path: "locales", before: '["fr"]', after: '["fr","nl"]' },
    ]);
  });

  it("shows additions and removals", () => {
    expect(diffValues(null, { colorText: "#000000" })).toEqual([{ path: "colorText", before: null, after: "#000000" }]);
    expect(diffValues({ colorText: "#000000" }, {})).toEqual([{ path: "colorText", before: "#000000", after: null }]);
  });

  it("handles scalar values", () => {
    expect(diffValues(3, 4)).toEqual([{ path: "", before: "3", after: "4" }]);
    expect(diffValues("same", "same")).toEqual([]);
  });
});
