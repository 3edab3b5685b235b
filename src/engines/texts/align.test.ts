import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alignBlocks, blockSimilarity, deletedBlocks, oldToNew } from "./align";

const v1 = [
  "# Charte",
  "## Article 1 — Objet",
  "La présente charte organise la participation des habitants aux décisions de la ville.",
  "## Article 2 — Le conseil",
  "Le conseil municipal se réunit chaque mois en séance publique.",
  "Les habitants peuvent proposer des délibérations au conseil municipal.",
  "Ce paragraphe sera supprimé dans la version suivante.",
];

describe("alignBlocks", () => {
  it("keeps the old block of a changed paragraph, finds moved ones, marks new and deleted ones", () => {
    const v2 = [
      "# Charte",
      "Les habitants peuvent proposer des délibérations au conseil municipal.",
      "## Article 1 — Objet",
      "La présente charte organise la participation des habitantes et des habitants aux décisions de la ville.",
      "Un paragraphe entièrement nouveau sur le budget participatif.",
      "## Article 2 — Le conseil",
      "Le conseil municipal se réunit chaque semaine en séance publique.",
    ];
    const m = alignBlocks(v1, v2);
    expect(m.map((x) => [x.oldIndex, x.change])).toEqual([
      [0, "same"],
      [5, "moved"],
      [1, "same"],
      [2, "changed"],
      [null, "new"],
      [3, "same"],
      [4, "changed"],
    ]);
    expect(deletedBlocks(m, v1.length)).toEqual([6]);
    expect(oldToNew(m, v1.length)).toEqual([0, 2, 3, 5, 6, 1, null]);
  });

  it("pairs a paragraph both moved and edited across the text", () => {
    const a = ["Alpha un deux trois quatre cinq six.", "Beta", "Gamma", "Delta", "Epsilon"];
    const b = ["Beta", "Gamma", "Delta", "Epsilon", "Alpha un deux trois quatre cinq sept."];
    expect(alignBlocks(a, b)[4]).toEqual({ newIndex: 4, oldIndex: 0, change: "changed" });
  });

  it("treats white-space-only changes as the same block, and does not pair a heading with a paragraph", () => {
    const m = alignBlocks(["Le  conseil\nse réunit.", "## Article 3"], ["Le conseil se réunit.", "Article 3"]);
    expect(m.map((x) => x.change)).toEqual(["same", "new"]);
  });

  it("renumbered headings keep their ids (short blocks: character bigrams)", () => {
    expect(alignBlocks(["## Article 3 — Le maire"], ["## Article 4 — Le maire"])[0]?.change).toBe("changed");
    expect(blockSimilarity("## Article 3 — Le maire", "## Article 4 — Le maire")).toBeGreaterThan(0.7);
  });

  it("handles empty versions", () => {
    expect(alignBlocks([], ["a"])).toEqual([{ newIndex: 0, oldIndex: null, change: "new" }]);
    expect(deletedBlocks(alignBlocks(["a"], []), 1)).toEqual([0]);
  });
});

describe("alignBlocks (property)", () => {
  it("a paragraph with one word changed keeps its old block; the others stay the same", () => {
    const vocabulary = Array.from({ length: 400 }, (_, i) => `mot${i.toString(36)}`);
    const paragraph = fc.array(fc.constantFrom(...vocabulary), { minLength: 8, maxLength: 20 }).map((ws) => ws.join(" "));
    fc.assert(
      fc.property(fc.uniqueArray(paragraph, { minLength: 1, maxLength: 15 }), fc.nat(), fc.nat(), (blocks, which, word) => {
        const i = which % blocks.length;
        const words = (blocks[i] ?? "").split(" ");
        words[word % words.length] = "remplacé";
        const next = [...blocks];
        next[i] = words.join(" ");
        fc.pre(!blocks.includes(next[i] ?? ""));
        const m = alignBlocks(blocks, next);
        expect(m.map((x) => x.oldIndex)).toEqual(blocks.map((_, j) => j));
        expect(m.map((x) => x.change)).toEqual(blocks.map((_, j) => (j === i ? "changed" : "same")));
      }),
      { seed: 33, numRuns: 200 },
    );
  });
});
