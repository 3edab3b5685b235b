import { describe, expect, it } from "vitest";
import { isLocalPath, localPath, safeReturnPath } from "./local-path";

describe("same-site paths", () => {
  it("keeps paths on this site, with their query and fragment", () => {
    expect(safeReturnPath("/account")).toBe("/account");
    expect(safeReturnPath("/petitions?q=v%C3%A9lo&state=published#sign")).toBe("/petitions?q=v%C3%A9lo&state=published#sign");
    expect(isLocalPath("/spaces/widgets/c/1")).toBe(true);
  });

  it("refuses every way a browser would read as another site", () => {
    for (const v of ["//evil.example", "/\t/evil.example/phish", "/\n/evil.example", "/\r/evil.example", "/\\evil.example", "/\\/evil.example", "https://evil.example", "javascript:alert(1)", "evil.example", "///evil.example", "/.//evil.example"]) {
      expect(safeReturnPath(v), JSON.stringify(v)).toBe("/");
      expect(isLocalPath(v), JSON.stringify(v)).toBe(false);
    }
  });

  it("refuses control characters, Unicode spaces and non-strings instead of handing them to a header", () => {
    for (const v of ["/a\u000bb", "/a\u000cb", "/a\u0000b", "/a\u3000b", "/a\u00a0b", "/a\u200bb", "/a b", 42, null, undefined, ["/x"]]) {
      expect(safeReturnPath(v), JSON.stringify(v)).toBe("/");
    }
  });

  it("serializes what it keeps to ASCII, and only printable ASCII counts as a link as it is", () => {
    expect(localPath("/petitions/é")).toBe("/petitions/%C3%A9");
    expect(isLocalPath("/petitions/é")).toBe(false);
    expect(safeReturnPath("/a/../b")).toBe("/b");
    expect(safeReturnPath(`/${"x".repeat(3000)}`)).toBe("/");
  });
});
