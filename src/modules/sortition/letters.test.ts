import { describe, expect, it } from "vitest";
import { sampleRows, seededIntegers } from "./invitations";
import { batchHtml, compileLetter, unknownPlaceholders } from "./letters";
import { DEFAULT_LETTER } from "./letters-defaults";

const words = { sender: { en: "City of Nancy", fr: "Ville de Nancy" }, template: DEFAULT_LETTER, url: "https://pnyx.example/r", registrationDeadline: new Date("2030-01-31T23:59:59Z"), defaultLocale: "en" as const, unnamed: () => "resident", noDeadline: () => "the end" };

describe("letters", () => {
  it("fills the placeholders with escaped values: a name cannot inject markup", () => {
    const fill = compileLetter("Dear {{name}},\n\nCode **{{ code }}** at [the form]({{url}}) by {{deadline}}.\n\n{{address}}");
    const html = fill({ name: "&lt;script&gt;", code: "K7Q2M-9XWMA", url: "https://x.example/r?a=1&amp;b=2", deadline: "31 January", address: "Rue 1<br>1000 Brussels" });
    expect(html).toContain("Dear &lt;script&gt;,");
    expect(html).toContain("<strong>K7Q2M-9XWMA</strong>");
    expect(html).toContain('href="https://x.example/r?a=1&amp;b=2"');
    expect(html).not.toContain("PNYXFIELD");
    expect(unknownPlaceholders("{{name}} {{nmae}} {{ code }}")).toEqual(["nmae"]);
  });

  it("prints one page per letter, in the person's language, unnamed letters to 'resident'", () => {
    const html = batchHtml(
      [
        { code: "AAAAA-11111", person: { name: "Zoé <b>Dupont</b>", address: ["Rue des Tilleuls 4", "54000 Nancy"], language: "fr" } },
        { code: "BBBBB-22222", person: null },
      ],
      words,
    );
    expect(html.match(/<section class="letter"/g)).toHaveLength(2);
    expect(html).toContain('<section class="letter" lang="fr">');
    expect(html).toContain("Bonjour Zoé &lt;b&gt;Dupont&lt;/b&gt;,");
    expect(html).toContain("Zoé &lt;b&gt;Dupont&lt;/b&gt;<br>Rue des Tilleuls 4<br>54000 Nancy");
    expect(html).toContain("Ville de Nancy");
    expect(html).toContain("Dear resident,");
    expect(html).toContain("BBBBB-22222");
    expect(html).toContain("31 January 2030");
  });

  it("samples n distinct rows from a seed, the same again from the same seed, every row equally likely", () => {
    const a = sampleRows("seed", 1000, 100);
    expect(new Set(a).size).toBe(100);
    expect(a.every((r) => r >= 1 && r <= 1000)).toBe(true);
    expect(sampleRows("seed", 1000, 100)).toEqual(a);
    expect(sampleRows("other", 1000, 100)).not.toEqual(a);
    expect(sampleRows("seed", 5, 5)).toEqual([1, 2, 3, 4, 5]);
    // 20,000 samples of 2 among 10: each row about 4,000 times (a biased draw would stray far beyond 5%).
    const counts = new Array<number>(11).fill(0);
    for (let i = 0; i < 20_000; i++) for (const r of sampleRows(`s${i}`, 10, 2)) counts[r] = (counts[r] ?? 0) + 1;
    for (const c of counts.slice(1)) expect(Math.abs(c - 4_000)).toBeLessThan(400);
    const below = seededIntegers("x");
    expect(() => below(0)).toThrow(RangeError);
  });
});
