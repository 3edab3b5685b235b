import { describe, expect, it } from "vitest";
import { dateTimeFormat, formatDateTime } from "./formats";

describe("shared date formatters", () => {
  it("creates one formatter per locale and options, and formats with it", () => {
    const a = dateTimeFormat("fr", { dateStyle: "long", timeZone: "UTC" });
    expect(dateTimeFormat("fr", { dateStyle: "long", timeZone: "UTC" })).toBe(a);
    expect(dateTimeFormat("nl", { dateStyle: "long", timeZone: "UTC" })).not.toBe(a);
    expect(dateTimeFormat("fr", { dateStyle: "short", timeZone: "UTC" })).not.toBe(a);
    expect(formatDateTime("fr", new Date("2026-03-01T12:00:00Z"), { dateStyle: "long", timeZone: "UTC" })).toBe("1 mars 2026");
  });
});
