import { describe, expect, it } from "vitest";
import { renderRichText } from "./rich-text";

describe("renderRichText", () => {
  it("renders Markdown and strips scripts, event handlers and javascript: links", () => {
    const { html } = renderRichText('# Title\n\nHello **world** <script>alert(1)</script> <img src="https://x.example/a.png" onerror="alert(2)" alt="a">\n\n[x](javascript:alert(3))');
    expect(html).toContain("<strong>world</strong>");
    expect(html).toContain("<h2");
    expect(html).not.toMatch(/<script|onerror|javascript:/i);
  });

  it("collects h2 headings with unique ids for a table of contents", () => {
    const { html, headings } = renderRichText("## Budget\n\ntext\n\n## Budget\n\n## Étapes & dates");
    expect(headings.map((h) => h.id)).toEqual(["h-budget", "h-budget-2", "h-etapes-dates"]);
    expect(headings[2]?.text).toBe("Étapes & dates");
    expect(html).toContain('<h2 id="h-budget-2">');
  });

  it("sanitises HTML input too", () => {
    const { html } = renderRichText('<p onclick="x()">ok</p><iframe src="https://evil.example"></iframe>', "html");
    expect(html).toBe("<p>ok</p>");
  });
});
