import { describe, expect, it } from "vitest";
import { canonicalCsv, parseCsv } from "./csv";
import { buildPool, parseQuotas } from "./input";
import { SortitionInputError } from "./model";

const QUOTAS = "category,feature,min,max\ngender,female,1,2\ngender,male,1,2\n";

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof SortitionInputError) return e.problems.map((p) => `${p.kind}: ${p.message}`);
    throw e;
  }
  return [];
}

describe("csv", () => {
  it("reads quoted fields, CRLF and a BOM, and canonicalises them", () => {
    const rows = parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n\r\n');
    expect(rows).toEqual([["a", "b"], ["x, y", 'say "hi"']]);
    expect(canonicalCsv(rows)).toBe('a,b\n"x, y","say ""hi"""\n');
  });
});

describe("quota formats", () => {
  it("reads category,feature,min,max", () => {
    expect(parseQuotas(QUOTAS)).toEqual([
      { category: "gender", feature: "female", min: 1, max: 2 },
      { category: "gender", feature: "male", min: 1, max: 2 },
    ]);
  });
  it("reads the Sortition Foundation's feature,value,min,max,min_flex,max_flex", () => {
    expect(parseQuotas("feature,value,min,max,min_flex,max_flex\nGender,Female,11,12,0,12\n")).toEqual([
      { category: "Gender", feature: "Female", min: 11, max: 12, minFlex: 0, maxFlex: 12 },
    ]);
  });
  it("reports bad numbers and min above max", () => {
    const p = problemsOf(() => parseQuotas("category,feature,min,max\ng,f,x,2\ng,m,3,1\n"));
    expect(p).toHaveLength(2);
    expect(p[1]).toContain("min 3 is above max 1");
  });
});

describe("people file", () => {
  it("uses the first *_id column, else row numbers", () => {
    const withId = buildPool(parseQuotas(QUOTAS), "name,person_id,gender\nA,p1,female\nB,p2,male\n", 2);
    expect(withId.people.map((p) => p.id)).toEqual(["p1", "p2"]);
    const noId = buildPool(parseQuotas(QUOTAS), "name,gender\nA,female\nB,male\n", 2);
    expect(noId.people.map((p) => p.id)).toEqual(["1", "2"]);
    const chosen = buildPool(parseQuotas(QUOTAS), "name,person_id,gender\nA,p1,female\nB,p2,male\n", 2, { idColumn: "name" });
    expect(chosen.people.map((p) => p.id)).toEqual(["A", "B"]);
  });
  it("reports unknown values with their rows, missing values, missing columns and duplicate ids", () => {
    const p = problemsOf(() => buildPool(parseQuotas(QUOTAS), "id,gender\na,female\nb,F\nc,\na,male\n", 2));
    expect(p.some((m) => m.includes('value "F" (people rows 2)') && m.includes("known values: female, male"))).toBe(true);
    expect(p.some((m) => m.startsWith("missing-category") && m.includes("rows 3"))).toBe(true);
    expect(p.some((m) => m.includes('id "a" is used by people rows 1, 4'))).toBe(true);
    expect(problemsOf(() => buildPool(parseQuotas(QUOTAS), "id,sex\na,female\n", 1))[0]).toContain('no column named "gender"');
  });
  it("groups households on all listed address columns, ignoring case and blanks", () => {
    const pool = buildPool(parseQuotas(QUOTAS), "id,gender,street,zip\na,female,1 Main St,Z1\nb,male,1 main st ,Z1\nc,male,1 Main St,Z2\nd,female,,\n", 2, {
      householdColumns: ["street", "zip"],
    });
    expect(pool.people[0]?.household).toBe(pool.people[1]?.household);
    expect(pool.people[2]?.household).not.toBe(pool.people[0]?.household);
    expect(pool.people[3]?.household).toBeNull();
  });
});
