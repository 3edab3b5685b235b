import { describe, expect, it } from "vitest";
import { normalizePostalCode, regionForPostalCode } from "./regions";

describe("Belgian postal codes to regions", () => {
  it.each([
    ["1000", "BE-BRU"],
    ["1299", "BE-BRU"],
    ["1300", "BE-WAL"],
    ["1499", "BE-WAL"],
    ["1500", "BE-VLG"],
    ["2000", "BE-VLG"],
    ["3500", "BE-VLG"],
    ["4000", "BE-WAL"],
    ["5000", "BE-WAL"],
    ["6600", "BE-WAL"],
    ["7000", "BE-WAL"],
    ["8000", "BE-VLG"],
    ["9999", "BE-VLG"],
  ])("%s is in %s", (code, region) => {
    expect(regionForPostalCode("BE", code)).toBe(region);
  });

  it("refuses codes that are not Belgian postal codes and unknown countries", () => {
    expect(regionForPostalCode("BE", "0999")).toBeNull();
    expect(regionForPostalCode("BE", "10000")).toBeNull();
    expect(regionForPostalCode("BE", "abcd")).toBeNull();
    expect(regionForPostalCode("XX", "1000")).toBeNull();
  });

  it("ignores spaces", () => {
    expect(normalizePostalCode("BE", " 10 00 ")).toBe("1000");
    expect(regionForPostalCode("BE", " 1050")).toBe("BE-BRU");
  });
});
