import { render } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { bodyLength, excerpt, mentionHandles, paragraphs, pieces } from "./text";
import { CommentText } from "./text-view";

describe("a comment's plain text", () => {
  it("keeps paragraphs (blank lines) and line breaks, whatever the line ends", () => {
    expect(paragraphs("One\r\ntwo\r\n\r\n  \r\nThree\n\n\n")).toEqual([["One", "two"], ["Three"]]);
    expect(render(<CommentText body={"One\ntwo\n\nThree"} mentions={{}} />)).toBe("<p>One<br/>two</p><p>Three</p>");
  });

  it("turns http and https addresses into links marked as user content, leaving the sentence's punctuation out", () => {
    expect(pieces("See https://example.org/a_(b). And http://x.be/?q=1, ok")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", href: "https://example.org/a_(b)", text: "https://example.org/a_(b)" },
      { kind: "text", text: ". And " },
      { kind: "link", href: "http://x.be/?q=1", text: "http://x.be/?q=1" },
      { kind: "text", text: ", ok" },
    ]);
    const html = render(<CommentText body="(see https://example.org/page)" mentions={{}} />);
    expect(html).toBe('<p>(see <a href="https://example.org/page" rel="nofollow ugc noopener">https://example.org/page</a>)</p>');
  });

  it("links nothing else: no javascript:, data: or bare domains", () => {
    for (const text of ["javascript:alert(1)", "data:text/html,<b>x</b>", "www.example.org", "ftp://example.org/file"]) {
      expect(pieces(text).every((p) => p.kind === "text"), text).toBe(true);
    }
  });

  it("never lets markup through: a script, an attribute break-out, an address with quotes", () => {
    const html = render(<CommentText body={'<script>alert("x")</script>\nhttps://e.org/"onmouseover="alert(1)'} mentions={{}} />);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script>alert(&quot;x&quot;)&lt;/script>");
    expect(html).toContain('<a href="https://e.org/" rel="nofollow ugc noopener">https://e.org/</a>');
    expect(html).not.toMatch(/<a [^>]*onmouseover/);
  });

  it("recognises @mentions by nickname or name without spaces, not email addresses", () => {
    expect(mentionHandles("Merci @MarieDupont. Et @jean-luc_2, cc bob@example.org @x @Élodie’s")).toEqual(["mariedupont", "jean-luc_2", "élodie’s"]);
    expect(mentionHandles("@a1 @a2 @a3 @a4 @a5 @a6 @a7 @a8 @a9 @a10 @a11 @a12")).toHaveLength(10);
    // Only resolved handles are shown as mentions.
    const html = render(<CommentText body="Hello @MarieDupont and @Nobody" mentions={{ mariedupont: 4 }} />);
    expect(html).toBe('<p>Hello <strong class="comment-mention">@MarieDupont</strong> and @Nobody</p>');
  });

  it("counts characters as people do, and cuts excerpts on them", () => {
    expect(bodyLength("é👍a")).toBe(3);
    expect(excerpt("word ".repeat(100), 20)).toHaveLength(20);
    expect(excerpt("short\n\ntext")).toBe("short text");
  });
});
