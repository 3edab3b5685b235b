import { describe, expect, it } from "vitest";
import { CLASSES, CORPUS } from "./corpus";
import { findLeaks, isScriptUrl } from "./scan";

const escape = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");

describe("the hostile-input scanner", () => {
  it("finds nothing when every payload is escaped in text and in attributes", () => {
    const html = CORPUS.map((p) => `<p title="${escape(p.value)}">${escape(p.value)}</p><input value="${escape(p.value)}"><textarea>${escape(p.value)}</textarea>`).join("");
    expect(findLeaks(`<!doctype html><html><body>${html}</body></html>`)).toEqual([]);
  });

  it("finds every markup payload pasted raw into text or an attribute, with its marker", () => {
    const markup = CORPUS.filter((p) => ["script-tag", "event-handler", "svg", "attribute-breakout", "css"].includes(p.kind));
    for (const p of markup) {
      const inText = findLeaks(`<div>${p.value}</div>`);
      const inAttr = findLeaks(`<input value="${p.value}"><input value='${p.value}'>`);
      expect(inText.length + inAttr.length, p.marker).toBeGreaterThan(0);
      expect([...inText, ...inAttr].some((l) => l.marker === p.marker), p.marker).toBe(true);
    }
  });

  it("finds script URLs in links however they are spelled, and leaves ordinary links alone", () => {
    for (const p of CORPUS.filter((q) => q.kind === "javascript-url" || q.kind === "data-url")) {
      expect(findLeaks(`<a href="${escape(p.value)}">x</a>`).length, p.marker).toBe(1);
    }
    expect(isScriptUrl("\u0001 java\tscript:alert(1)")).toBe(true);
    expect(findLeaks('<a href="/petitions/1">x</a><img src="https://example.org/a.png" alt="pnyxq01"><a href="mailto:a@b.c">m</a>')).toEqual([]);
  });

  it("covers every payload class with a unique marker", () => {
    expect(new Set(CORPUS.map((p) => p.marker)).size).toBe(CORPUS.length);
    expect(CLASSES).toEqual(expect.arrayContaining(["script-tag", "event-handler", "svg", "javascript-url", "data-url", "markdown", "css", "template", "long", "nul", "bad-unicode", "sql"]));
    expect(CORPUS.find((p) => p.kind === "long")?.value.length).toBe(20_000);
  });
});
