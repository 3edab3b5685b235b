import { render } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { changes, wordDiff } from "./diff";
import { DiffText } from "./diff-view";

const ctx = { t: ((key: string) => ({ "proposals.amendments.diff.removedStart": "removed:", "proposals.amendments.diff.removedEnd": "end of removed text", "proposals.amendments.diff.addedStart": "added:", "proposals.amendments.diff.addedEnd": "end of added text" })[key] ?? key) as never };

describe("an amendment's word-level diff", () => {
  it("marks the words removed and added, keeping the rest and its spacing", () => {
    expect(wordDiff("Plant trees along the canal", "Plant oak trees along the old canal")).toEqual([
      { kind: "same", text: "Plant " },
      { kind: "added", text: "oak " },
      { kind: "same", text: "trees along the " },
      { kind: "added", text: "old " },
      { kind: "same", text: "canal" },
    ]);
    expect(wordDiff("the cat sat", "the dog sat")).toEqual([
      { kind: "same", text: "the " },
      { kind: "removed", text: "cat" },
      { kind: "added", text: "dog" },
      { kind: "same", text: " sat" },
    ]);
  });

  it("reads a run of changes separated by blanks as one change, removed words then added ones", () => {
    expect(wordDiff("Trees along the canal walk", "Oak trees along the canal walk")).toEqual([
      { kind: "removed", text: "Trees " },
      { kind: "added", text: "Oak trees " },
      { kind: "same", text: "along the canal walk" },
    ]);
    // Additions alone keep the blanks between them as they were.
    const pieces = wordDiff("one two", "one big two");
    expect(pieces.map((x) => x.kind)).not.toContain("removed");
    expect(pieces.map((x) => x.text).join("")).toBe("one big two");
  });

  it("treats Windows line ends as the same text, and says when nothing changed", () => {
    expect(changes(wordDiff("One\r\ntwo", "One\ntwo"))).toBe(false);
    expect(changes(wordDiff("One two", "One three"))).toBe(true);
  });

  it("renders deletions and insertions with a text alternative for screen readers", () => {
    const html = render(<DiffText ctx={ctx} pieces={wordDiff("the cat sat", "the dog sat")} />);
    expect(html).toBe(
      '<div class="amendment-diff">the <del><span class="visually-hidden">[removed: </span>cat<span class="visually-hidden"> end of removed text]</span></del>' +
        '<ins><span class="visually-hidden">[added: </span>dog<span class="visually-hidden"> end of added text]</span></ins> sat</div>',
    );
  });

  it("never lets markup through: a participant's tags are text", () => {
    const html = render(<DiffText ctx={ctx} pieces={wordDiff("Hello", 'Hello <script>alert(1)</script> <img src=x onerror="y">')} lang="fr" />);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script>");
    expect(html).toContain('lang="fr"');
  });
});
