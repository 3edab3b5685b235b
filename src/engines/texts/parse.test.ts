import { describe, expect, it } from "vitest";
import { hashBlock, parseText, splitBlocks } from "./parse";

describe("splitBlocks (the CLI's blocks)", () => {
  it("splits on blank lines, keeps headings, trims, reads CRLF and blank lines holding spaces", () => {
    const md = "# Charte\r\n\r\n  Premier paragraphe\r\nsur deux lignes.  \r\n \t \r\n\r\n- un\n- deux\n\n\n## Titre II\n";
    expect(splitBlocks(md)).toEqual(["# Charte", "Premier paragraphe\nsur deux lignes.", "- un\n- deux", "## Titre II"]);
  });

  it("gives nothing for an empty or blank text", () => {
    expect(splitBlocks("")).toEqual([]);
    expect(splitBlocks("\n \n\r\n")).toEqual([]);
  });
});

describe("parseText (the component's structure)", () => {
  const md = [
    "# Charte municipale de Nancy",
    "## Titre I — Principes",
    "**Article 1er** — Objet\nLa ville garantit la participation.",
    "### Article 2. Le conseil",
    "Les membres :\n- les élus,\n  désignés par vote ;\n  - suppléants\n- les citoyens tirés au sort.",
    "Art. 3 Les séances sont publiques.",
    "Artikel 4",
    "Un paragraphe qui cite l'Article 5 au milieu.",
  ].join("\n\n");

  it("turns headings into sections and articles, paragraphs and list items into blocks", () => {
    const { title, blocks } = parseText(md);
    expect(title).toBe("Charte municipale de Nancy");
    expect(blocks.map((b) => [b.kind, b.level, b.number ?? null])).toEqual([
      ["section", 2, null],
      ["article", 3, "1"],
      ["paragraph", 0, null],
      ["article", 3, "2"],
      ["paragraph", 0, null],
      ["list-item", 1, null],
      ["list-item", 2, null],
      ["list-item", 1, null],
      ["article", 4, "3"],
      ["article", 4, "4"],
      ["paragraph", 0, null],
    ]);
    expect(blocks[0]?.heading).toBe("Titre I — Principes");
    expect(blocks[1]).toMatchObject({ text: "**Article 1er** — Objet", heading: "Article 1er — Objet" });
    expect(blocks[2]?.text).toBe("La ville garantit la participation.");
    expect(blocks[5]?.text).toBe("- les élus,\n  désignés par vote ;");
    expect(blocks[8]?.text).toBe("Art. 3 Les séances sont publiques.");
  });

  it("keeps a level-1 heading as a block when there are several", () => {
    const { title, blocks } = parseText("# Partie 1\n\nTexte.\n\n# Partie 2\n\nAutre.");
    expect(title).toBeUndefined();
    expect(blocks.map((b) => b.kind)).toEqual(["section", "paragraph", "section", "paragraph"]);
  });

  it("reads a heading followed by text without a blank line as two blocks", () => {
    expect(parseText("## Article 7\nLe texte.").blocks.map((b) => [b.kind, b.text])).toEqual([
      ["article", "## Article 7"],
      ["paragraph", "Le texte."],
    ]);
  });
});

describe("hashBlock", () => {
  it("is equal for blocks equal up to white space and NFC, different otherwise", () => {
    expect(hashBlock("Le  conseil\nse réunit")).toBe(hashBlock("Le conseil se re\u0301unit "));
    expect(hashBlock("Le conseil")).not.toBe(hashBlock("Le Conseil"));
    expect(hashBlock("x")).toMatch(/^[0-9a-f]{14}$/);
  });
});
