import { describe, expect, it, vi } from "vitest";
import { run } from "../../commands/scopes";
import { parseScopesCsv } from "./scopes-import";

describe("parseScopesCsv", () => {
  it("reads scopes in any column order, with quoted cells, blank cells and parents by code", () => {
    const parsed = parseScopesCsv('\ufeffName_FR,code,parent,type_fr,weight\r\n"Bruxelles, ville",21004,04000,Commune,3\nRégion,04000,,Région,\n');
    expect(parsed).toEqual({
      ok: true,
      rows: [
        { line: 2, code: "21004", parent: "04000", name: { fr: "Bruxelles, ville" }, scopeType: { fr: "Commune" }, weight: 3 },
        { line: 3, code: "04000", parent: null, name: { fr: "Région" }, scopeType: { fr: "Région" }, weight: undefined },
      ],
    });
  });

  it("says what is wrong, line by line, and accepts nothing then", () => {
    expect(parseScopesCsv("")).toMatchObject({ ok: false, errors: [expect.stringContaining("header row")] });
    expect(parseScopesCsv("code,name_fr,colour\n1,A,red\n")).toEqual({ ok: false, errors: [expect.stringContaining("unknown columns: colour")] });
    expect(parseScopesCsv("name_fr\nA\n")).toEqual({ ok: false, errors: ["a code column is required"] });
    expect(parseScopesCsv("code,type_fr\nx,Commune\n")).toMatchObject({ ok: false, errors: [expect.stringContaining("a name column is required")] });
    const bad = parseScopesCsv("code,name_fr,weight,parent\nok,A,1,\nok,B,2,\n,C,,\nbad code,D,,\nw,E,1.5,\nself,F,,self\nempty,,,\n");
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors).toEqual([
      "line 3: the code ok is already on line 2",
      expect.stringContaining('line 4: the code "" is missing'),
      expect.stringContaining('line 5: the code "bad code"'),
      expect.stringContaining('line 6: the weight "1.5"'),
      "line 7: the scope self cannot be part of itself",
      "line 8: a name is required in at least one language",
    ]);
  });
});

describe("pnyx scopes", () => {
  it("refuses bad usage and an unreadable or invalid file before touching any database", async () => {
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void errors.push(args.map(String).join(" ")));
    vi.spyOn(console, "log").mockImplementation(() => {});
    expect(await run([])).toBe(2);
    expect(await run(["export"])).toBe(2);
    expect(await run(["import"])).toBe(2);
    expect(await run(["import", "/nonexistent/scopes.csv"])).toBe(2);
    expect(errors.join("\n")).toContain("cannot read /nonexistent/scopes.csv");
    vi.restoreAllMocks();
  });
});
