/** Placing a quote in a block: offsets in code points (emoji, combining characters), occurrences, the selection's hint, highlights. */
import { describe, expect, it } from "vitest";
import { occurrences, placeQuote, segments, selectorsFor } from "./annotations";

describe("placing a quote", () => {
  it("counts offsets in code points: an emoji is one, a combining accent is its own", () => {
    const body = "😀 Cafe\u0301 ouvert, café ouvert";
    expect(occurrences(body, "ouvert")).toEqual([8, 21]);
    const s = selectorsFor(body, 8, 14);
    expect(s).toEqual({ exact: "ouvert", prefix: "😀 Cafe\u0301 ", suffix: ", café ouvert", start: 8, end: 14 });
  });

  it("finds overlapping occurrences and never splits a surrogate pair", () => {
    expect(occurrences("aaa", "aa")).toEqual([0, 1]);
    expect(occurrences("🏠🏠🏠", "🏠🏠")).toEqual([0, 1]);
    expect(occurrences("abc", "")).toEqual([]);
  });

  it("takes the only occurrence, the chosen one, the selection's offset, or asks", () => {
    const body = "yes, yes and yes";
    expect(placeQuote(body, "and", {})).toMatchObject({ ok: true, selectors: { start: 9, end: 12 } });
    expect(placeQuote(body, "no", {})).toEqual({ ok: false, reason: "missing" });
    expect(placeQuote(body, "yes", {})).toMatchObject({ ok: false, reason: "ambiguous", occurrences: [{ start: 0 }, { start: 5 }, { start: 13 }] });
    expect(placeQuote(body, "yes", { occurrence: 2 })).toMatchObject({ ok: true, selectors: { start: 5 } });
    expect(placeQuote(body, "yes", { start: 13 })).toMatchObject({ ok: true, selectors: { start: 13 } });
    // Offsets from the rendered page that drifted: the nearest occurrence.
    expect(placeQuote(body, "yes", { start: 11 })).toMatchObject({ ok: true, selectors: { start: 13 } });
  });

  it("cuts a body at overlapping highlights", () => {
    expect(segments("abcdef", [{ id: 1, start: 1, end: 4 }, { id: 2, start: 3, end: 5 }])).toEqual([
      { text: "a", ids: [] },
      { text: "bc", ids: [1] },
      { text: "d", ids: [1, 2] },
      { text: "e", ids: [2] },
      { text: "f", ids: [] },
    ]);
    // A highlight beyond the body (a stale offset) is left out rather than breaking the page.
    expect(segments("ab", [{ id: 1, start: 1, end: 9 }])).toEqual([{ text: "ab", ids: [] }]);
  });
});
