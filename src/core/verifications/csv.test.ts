import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv";

describe("parseCsv", () => {
  it("reads comma and semicolon files with line numbers", () => {
    expect(parseCsv("id,birth\nA1,2008-01-02\n\nB2,2009-03-04\n")).toEqual([
      { line: 1, cells: ["id", "birth"] },
      { line: 2, cells: ["A1", "2008-01-02"] },
      { line: 4, cells: ["B2", "2009-03-04"] },
    ]);
    expect(parseCsv("\uFEFFA1;14/03/2008\r\nB2;15/03/2008")).toEqual([
      { line: 1, cells: ["A1", "14/03/2008"] },
      { line: 2, cells: ["B2", "15/03/2008"] },
    ]);
  });

  it("handles quotes, escaped quotes and separators inside quotes", () => {
    expect(parseCsv('"a,b","say ""hi"""\n')).toEqual([{ line: 1, cells: ["a,b", 'say "hi"'] }]);
  });
});
