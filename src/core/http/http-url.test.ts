import { describe, expect, it } from "vitest";
import { parseForm } from "./forms";
import { httpUrl, isHttpUrl } from "./http-url";
import { transitionInput } from "../../modules/petitions/inputs";
import { organizationThemeForm } from "../theme/form";
import { spaceInput } from "../spaces/inputs";

const HOSTILE = ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x", "//evil.example/x", "https://ok.example/\"onmouseover=\"x", "https:evil.example", "ftp://files.example/a", "file:///etc/passwd", "https://"];

describe("stored web addresses are http(s) only", () => {
  it("accepts http and https addresses with a host", () => {
    expect(isHttpUrl("https://parliament.example/hearing?id=3#live")).toBe(true);
    expect(isHttpUrl("http://intranet.example/answer.pdf")).toBe(true);
    expect(isHttpUrl("http://intranet.example/answer.pdf", { httpsOnly: true })).toBe(false);
  });

  it("refuses javascript:, data:, protocol-relative and attribute-breaking values", () => {
    for (const v of HOSTILE) expect(isHttpUrl(v), v).toBe(false);
    for (const v of HOSTILE) expect(httpUrl().safeParse(v).success, v).toBe(false);
  });

  it("shows a translated error next to a petition's hearing link and answer document", () => {
    for (const v of HOSTILE.filter((h) => h.trim() !== "")) {
      const parsed = parseForm(transitionInput, { to: "answered", hearingLink: v, answerUrl: v });
      expect(parsed.ok, v).toBe(false);
      if (!parsed.ok) {
        expect(parsed.errors.hearingLink, v).toEqual({ key: "validation.httpUrl" });
        expect(parsed.errors.answerUrl, v).toEqual({ key: "validation.httpUrl" });
      }
    }
    const fine = parseForm(transitionInput, { to: "answered", hearingLink: " https://parliament.example/live ", answerUrl: "http://intranet.example/a.pdf" });
    expect(fine.ok && fine.value).toMatchObject({ hearingLink: "https://parliament.example/live", answerUrl: "http://intranet.example/a.pdf" });
  });

  it("holds for a theme's logo and a space's hero image too", () => {
    const theme = (logoUrl: string) => organizationThemeForm.shape.logoUrl.safeParse(logoUrl).success;
    expect(theme("https://cdn.example/logo.svg")).toBe(true);
    expect(theme("/assets/logo.svg")).toBe(true);
    for (const v of HOSTILE) expect(theme(v), v).toBe(false);
    const hero = (heroImage: string) => spaceInput.safeParse({ slug: "s", title: { en: "Space" }, heroImage }).error?.issues.some((i) => i.path[0] === "heroImage") ?? false;
    expect(hero("https://cdn.example/hero.jpg")).toBe(false);
    for (const v of HOSTILE) expect(hero(v), v).toBe(true);
  });
});
