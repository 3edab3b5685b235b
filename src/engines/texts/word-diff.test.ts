import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffAfter, diffBefore, mapOffset, tokenize, wordDiff } from "./word-diff";

const WORDS = ["le", "conseil", "se", "réunit", "e\u0301te\u0301", "👍🏽", "👨‍👩‍👧", "ville", ",", ".", "l'", "2026", "Nancy"];
const text = fc.array(fc.constantFrom(...WORDS, " ", "  ", "\n"), { maxLength: 40 }).map((xs) => xs.join(""));

describe("wordDiff", () => {
  it("diffs by words, keeping punctuation and spaces as tokens", () => {
    expect(wordDiff("Le conseil municipal se réunit chaque mois.", "Le conseil se réunit chaque semaine.")).toEqual([
      { op: "equal", text: "Le conseil " },
      { op: "delete", text: "municipal " },
      { op: "equal", text: "se réunit chaque " },
      { op: "delete", text: "mois" },
      { op: "insert", text: "semaine" },
      { op: "equal", text: "." },
    ]);
  });

  it("keeps letters with combining marks in one word", () => {
    expect(tokenize("e\u0301te\u0301 ok")).toEqual(["e\u0301te\u0301", " ", "ok"]);
  });

  it("round-trips: the ops give back both strings (property)", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const ops = wordDiff(a, b);
        expect(diffBefore(ops)).toBe(a);
        expect(diffAfter(ops)).toBe(b);
        for (let x = 1; x < ops.length; x++) expect(ops[x]?.op).not.toBe(ops[x - 1]?.op);
      }),
      { seed: 1407, numRuns: 300 },
    );
  });

  it("round-trips past the edit bound too (middle shown as replaced)", () => {
    const a = "a b c d e f g h";
    const b = "h g f e d c b a";
    const ops = wordDiff(a, b, 2);
    expect(diffBefore(ops)).toBe(a);
    expect(diffAfter(ops)).toBe(b);
  });

  it("maps offsets of unchanged text through the diff", () => {
    const before = "Le conseil municipal se réunit chaque mois.";
    const after = "Oui. Le conseil se réunit chaque mois, en public.";
    const ops = wordDiff(before, after);
    const s = before.indexOf("se réunit");
    const e = s + "se réunit chaque mois".length;
    expect(after.slice(mapOffset(ops, s, "start"), mapOffset(ops, e, "end"))).toBe("se réunit chaque mois");
  });
});
