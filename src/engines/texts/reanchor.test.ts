import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BlockText, cpLength } from "./code-points";
import { type Annotation, reanchor, reanchorSelectors } from "./reanchor";

/** An annotation on the n-th occurrence of `exact` in block `block`, offsets in code points, 32 of context. */
function quote(id: string, blocks: readonly string[], block: number, exact: string, n = 0): Annotation {
  const text = blocks[block] ?? "";
  let at = text.indexOf(exact);
  for (let i = 0; i < n; i++) at = text.indexOf(exact, at + 1);
  if (at < 0) throw new Error(`"${exact}" not in block ${block}`);
  const start = cpLength(text.slice(0, at));
  const end = start + cpLength(exact);
  const t = new BlockText(text);
  return { id, block, exact, prefix: t.slice(Math.max(0, start - 32), start), suffix: t.slice(end, end + 32), start, end };
}

/** The text of the new version at a result's place. */
function at(blocks: readonly string[], r: { block: number | null; start: number | null; end: number | null }): string | null {
  if (r.block === null || r.start === null || r.end === null) return null;
  return new BlockText(blocks[r.block] ?? "").slice(r.start, r.end);
}

const v1 = [
  "# Charte de Nancy",
  "Le conseil municipal se réunit chaque mois en séance publique, sur convocation du maire.",
  "Les habitants peuvent proposer des délibérations au conseil municipal.",
  "Ce paragraphe disparaîtra dans la version suivante, avec son annotation.",
];

describe("reanchor", () => {
  it("keeps every annotation of an unchanged text", () => {
    const anns = [quote("a", v1, 1, "chaque mois"), quote("b", v1, 0, "Charte"), quote("c", v1, 3, "disparaîtra")];
    const r = reanchor(v1, [...v1], anns);
    expect(r).toMatchObject({ kept: 3, moved: 0, orphaned: 0 });
    expect(r.annotations.map((a) => [a.status, a.block, a.start, a.end])).toEqual(anns.map((a) => ["kept", a.block, a.start, a.end]));
  });

  it("edits before, after and inside a passage", () => {
    const a = quote("a", v1, 1, "se réunit chaque mois");
    const before = [...v1];
    before[1] = "Désormais, le conseil municipal se réunit chaque mois en séance publique, sur convocation du maire.";
    const after = [...v1];
    after[1] = "Le conseil municipal se réunit chaque mois en séance ouverte à toutes et à tous.";
    const inside = [...v1];
    inside[1] = "Le conseil municipal tient une assemblée tous les trente jours en séance publique, sur convocation du maire.";
    const rb = reanchor(v1, before, [a]).annotations[0];
    expect(rb).toMatchObject({ status: "moved", block: 1, start: a.start + 11, end: a.end + 11 });
    expect(reanchor(v1, after, [a]).annotations[0]).toMatchObject({ status: "kept", block: 1, start: a.start, end: a.end });
    // Rewritten: no passage within 5 edits (a quarter of 21 code points) of the quote.
    const ri = reanchor(v1, inside, [a]).annotations[0];
    expect(ri?.status).toBe("orphaned");
    const small = [...v1];
    small[1] = "Le conseil municipal se réunira chaque mois en séance publique, sur convocation du maire.";
    const rs = reanchor(v1, small, [a]).annotations[0];
    expect(rs?.status).toBe("moved");
    expect(at(small, rs ?? { block: null, start: null, end: null })).toBe("se réunira chaque mois");
  });

  it("accepts an approximate passage at a quarter of the quote's length, not beyond", () => {
    const near = reanchor(v1, [v1[0] ?? "", "Le conseil se réunit chaque semaine."], [quote("a", v1, 1, "se réunit chaque mois")]).annotations[0];
    // "se réunit chaque " is 4 edits (a quarter of 21 code points: 5) from the quote: the best passage.
    expect(at(["", "Le conseil se réunit chaque semaine."], near ?? { block: null, start: null, end: null })).toBe("se réunit chaque s");
    const blocks = ["Avant. abcdefghijklmnopqrst. Après."];
    const a = quote("a", blocks, 0, "abcdefghijklmnopqrst"); // 20 code points: at most 5 edits
    const five = ["Avant. aXcdeXghijXlmnoXqrsX. Après."];
    const six = ["Avant. XXcdeXghijXlmnoXqrsX. Après."];
    const r5 = reanchor(blocks, five, [a]).annotations[0];
    expect(r5?.status).toBe("kept"); // the same block and offsets, the text there 5 edits away
    expect(at(five, r5 ?? { block: null, start: null, end: null })).toBe("aXcdeXghijXlmnoXqrsX");
    expect(reanchor(blocks, six, [a]).annotations[0]?.status).toBe("orphaned");
  });

  it("follows moved paragraphs, and orphans the annotations of deleted ones", () => {
    const v2 = [v1[0] ?? "", v1[2] ?? "", "Un nouveau paragraphe.", v1[1] ?? ""];
    const anns = [quote("moved", v1, 1, "séance publique"), quote("gone", v1, 3, "son annotation"), quote("title", v1, 0, "Nancy")];
    const r = reanchor(v1, v2, anns);
    expect(r.annotations).toEqual([
      { id: "moved", status: "moved", block: 3, start: anns[0]?.start, end: anns[0]?.end },
      { id: "gone", status: "orphaned", block: null, start: null, end: null },
      { id: "title", status: "kept", block: 0, start: anns[2]?.start, end: anns[2]?.end },
    ]);
    expect(r).toMatchObject({ kept: 1, moved: 1, orphaned: 1 });
  });

  it("finds the quote of a deleted paragraph elsewhere in the text, exactly or approximately", () => {
    const a = quote("a", v1, 3, "disparaîtra dans la version suivante");
    const exact = [v1[0] ?? "", v1[1] ?? "", v1[2] ?? "", "Tout à fait autre chose.", "Une phrase qui disparaîtra dans la version suivante aussi."];
    const r = reanchor(v1, exact, [a]).annotations[0];
    expect(r).toMatchObject({ status: "moved", block: 4, start: 15 });
    const fuzzy = [v1[0] ?? "", v1[1] ?? "", "Une phrase qui disparaitra dans la version suivante aussi.", v1[2] ?? ""];
    const f = reanchor(v1, fuzzy, [a]).annotations[0];
    expect(f?.status).toBe("moved");
    expect(at(fuzzy, f ?? { block: null, start: null, end: null })).toBe("disparaitra dans la version suivante");
  });

  it("tells repeated phrases apart by their prefix and suffix", () => {
    const blocks = ["Le conseil vote. Le maire signe. Le conseil publie. Le conseil archive."];
    const second = quote("second", blocks, 0, "Le conseil", 1);
    expect(second.suffix.startsWith(" publie")).toBe(true);
    // The paragraph is deleted; the three sentences now stand in another order in another paragraph.
    const v2 = ["Intro.", "Le conseil archive. Le conseil publie. Le conseil vote. Le maire signe."];
    const r = reanchor(blocks, v2, [second]).annotations[0];
    expect(r).toMatchObject({ status: "moved", block: 1, start: 20, end: 30 });
    // Inside one block, stored offsets that no longer fit the quote: the context picks the occurrence.
    const [s] = reanchorSelectors([{ id: "p", text: blocks[0] ?? "" }], [{ id: "p", text: v2[1] ?? "" }], [{ ...second, blockId: "p", start: 0, end: 10 }]);
    expect(s).toMatchObject({ status: "moved", blockId: "p", start: 20, end: 30, exact: "Le conseil" });
  });

  it("re-anchors a quote of a whole long paragraph with scattered edits", () => {
    const long = Array.from({ length: 120 }, (_, i) => `mot${i}`).join(" ");
    const a = quote("a", ["Titre", long], 1, long);
    const edited = long.replace("mot7 ", "MOT7 ").replace("mot50", "mot5O").replace(" mot119", "");
    const r = reanchor(["Titre", long], ["Titre", "Avant.", edited], [a]).annotations[0];
    expect(r?.status).toBe("moved");
    expect(at(["Titre", "Avant.", edited], r ?? { block: null, start: null, end: null })).toBe(edited);
  });

  it("counts offsets in code points: combining characters and emoji", () => {
    const blocks = ["Le ce\u0301le\u0300bre 👨‍👩‍👧 re\u0301sume\u0301 de la charte 👍🏽 ici."];
    const a = quote("a", blocks, 0, "re\u0301sume\u0301 de la charte");
    expect(a.start).toBe(19); // "Le " 3 + "ce\u0301le\u0300bre" 9 + " " + family 5 (3 emoji, 2 joiners) + " "
    const v2 = ["👋🏽 Le ce\u0301le\u0300bre 👨‍👩‍👧 re\u0301sume\u0301 de la charte 👍🏽 ici."];
    expect(reanchor(blocks, v2, [a]).annotations[0]).toMatchObject({ status: "moved", block: 0, start: 22, end: a.end + 3 });
    const b = quote("b", blocks, 0, "👍🏽 ici");
    const typo = ["Le ce\u0301le\u0300bre 👨‍👩‍👧 re\u0301sume\u0301 de la charte 👍 ici."];
    const rb = reanchor(blocks, typo, [b]).annotations[0];
    expect(at(typo, rb ?? { block: null, start: null, end: null })).toBe("👍 ici");
  });
});

describe("reanchorSelectors (the component, blocks by id)", () => {
  it("follows block ids: a changed block keeps its annotations; new selectors are returned", () => {
    const old = [
      { id: "b1", text: "Le conseil se réunit chaque mois." },
      { id: "b2", text: "Les habitants proposent des délibérations." },
      { id: "b3", text: "Ce bloc sera supprimé." },
    ];
    const next = [
      { id: "b2", text: "Les habitants proposent des délibérations." },
      { id: "b1", text: "Désormais le conseil se réunit chaque mois." },
      { id: "b4", text: "Nouveau." },
    ];
    const sel = (id: string, blockId: string, exact: string) => {
      const text = old.find((b) => b.id === blockId)?.text ?? "";
      const q = quote(id, [text], 0, exact);
      return { ...q, blockId };
    };
    const out = reanchorSelectors(old, next, [sel("s1", "b1", "se réunit"), sel("s2", "b2", "proposent"), sel("s3", "b3", "supprimé")]);
    expect(out).toEqual([
      { id: "s1", status: "moved", blockId: "b1", start: 21, end: 30, exact: "se réunit", prefix: "Désormais le conseil ", suffix: " chaque mois." },
      { id: "s2", status: "kept", blockId: "b2", start: 14, end: 23, exact: "proposent", prefix: "Les habitants ", suffix: " des délibérations." },
      { id: "s3", status: "orphaned", blockId: null, start: null, end: null, exact: "supprimé", prefix: "Ce bloc sera ", suffix: "." },
    ]);
  });
});

describe("reanchor (property)", () => {
  const WORDS = ["le", "conseil", "vote", "la", "ville", "e\u0301te\u0301", "👍🏽", "👨‍👩‍👧", "Nancy", "2026", ",", "l'"];
  const block = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 14 }).map((ws) => ws.join(" "));
  type Edit = { kind: "insert" | "delete" | "replace" | "move" | "wordBefore" | "wordAfter"; at: number; to: number; text: string };
  const edit = fc.record({
    kind: fc.constantFrom<Edit["kind"]>("insert", "delete", "replace", "move", "wordBefore", "wordAfter"),
    at: fc.nat(40),
    to: fc.nat(40),
    text: block,
  });

  it("edits that do not touch a passage leave it kept or moved to a place holding exactly its text", () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 12 }), fc.nat(), fc.nat(), fc.nat(), fc.array(edit, { maxLength: 8 }), (v1b, bSeed, sSeed, lSeed, edits) => {
        const target = bSeed % v1b.length;
        const words = (v1b[target] ?? "").split(" ");
        const first = sSeed % words.length;
        const last = first + (lSeed % (words.length - first));
        const exact = words.slice(first, last + 1).join(" ");
        const before = words.slice(0, first).join(" ");
        const after = words.slice(last + 1).join(" ");
        const a = quote("p", v1b, target, exact, occurrencesBefore(v1b[target] ?? "", before.length === 0 ? 0 : before.length + 1, exact));
        // The passage's block is a marked object so that edits of other blocks never touch it.
        let doc: Array<{ text: string; mine: boolean; before: string; after: string }> = v1b.map((text, i) => ({ text, mine: i === target, before, after }));
        for (const e of edits) {
          const i = e.at % Math.max(1, doc.length);
          const cur = doc[i];
          if (e.kind === "insert") doc.splice(i, 0, { text: e.text, mine: false, before: "", after: "" });
          else if (!cur) continue;
          else if (e.kind === "delete" && !cur.mine) doc.splice(i, 1);
          else if (e.kind === "replace" && !cur.mine) cur.text = e.text;
          else if (e.kind === "move") {
            const [x] = doc.splice(i, 1);
            if (x) doc.splice(e.to % (doc.length + 1), 0, x);
          } else if (e.kind === "wordBefore") {
            const m = doc.find((d) => d.mine);
            if (m) m.before = `${e.text}${m.before ? ` ${m.before}` : ""}`;
          } else if (e.kind === "wordAfter") {
            const m = doc.find((d) => d.mine);
            if (m) m.after = `${m.after ? `${m.after} ` : ""}${e.text}`;
          }
        }
        doc = doc.map((d) => (d.mine ? { ...d, text: [d.before, exact, d.after].filter((s) => s !== "").join(" ") } : d));
        const v2 = doc.map((d) => d.text);
        const r = reanchor(v1b, v2, [a]).annotations[0];
        expect(r?.status).not.toBe("orphaned");
        expect(at(v2, r ?? { block: null, start: null, end: null })).toBe(exact);
        if (r?.status === "kept") expect([r.block, r.start, r.end]).toEqual([a.block, a.start, a.end]);
      }),
      { seed: 2026, numRuns: 400 },
    );
  });
});

/** Which occurrence of `exact` in `text` starts at UTF-16 offset `at`. */
function occurrencesBefore(text: string, at: number, exact: string): number {
  let n = 0;
  for (let i = text.indexOf(exact); i >= 0 && i < at; i = text.indexOf(exact, i + 1)) n++;
  return n;
}
