/**
 * public/conversations-embed.js on a small fake DOM (no browser): on the embedding page it turns each
 * `div.polis` into an iframe of the conversation's embedded page (the platform's address taken from
 * the script's own), once, and sizes it from the frame's `{name: "resize", height}` messages only;
 * in the embedded page it posts its height to the parent.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";

const SOURCE = readFileSync(path.join(__dirname, "../../../public/conversations-embed.js"), "utf8");

class FakeElement {
  attrs = new Map<string, string>();
  children: FakeElement[] = [];
  style: Record<string, string> = {};
  contentWindow: object | null;
  constructor(
    public tag: string,
    attrs: Record<string, string> = {},
  ) {
    for (const [k, v] of Object.entries(attrs)) this.attrs.set(k, v);
    this.contentWindow = tag === "iframe" ? { frame: true } : null;
  }
  getAttribute(name: string) {
    return this.attrs.get(name) ?? null;
  }
  setAttribute(name: string, value: string) {
    this.attrs.set(name, value);
  }
  hasAttribute(name: string) {
    return this.attrs.has(name);
  }
  appendChild(child: FakeElement) {
    this.children.push(child);
  }
}

function host(divs: FakeElement[], scriptSrc = "https://pnyx.example/embed.js") {
  const listeners = new Map<string, Array<(e: unknown) => void>>();
  const window = {
    location: { origin: "https://school.example" },
    addEventListener: (type: string, fn: (e: unknown) => void) => listeners.set(type, [...(listeners.get(type) ?? []), fn]),
  };
  const document = {
    readyState: "complete",
    documentElement: new FakeElement("html"),
    currentScript: { src: scriptSrc },
    querySelectorAll: (selector: string) => (selector === "div.polis" ? divs : []),
    createElement: (tag: string) => new FakeElement(tag),
    addEventListener: () => {},
  };
  const run = () => runInNewContext(SOURCE, { window, document });
  const message = (event: unknown) => (listeners.get("message") ?? []).forEach((fn) => fn(event));
  return { run, message };
}

describe("the embed script", () => {
  it("opens each div.polis once as an iframe of its conversation, with xid and ui_lang", () => {
    const a = new FakeElement("div", { class: "polis", "data-conversation_id": "3phdex2kjf", "data-xid": "student 42", "data-ui_lang": "fr" });
    const b = new FakeElement("div", { class: "polis", "data-conversation_id": "12" });
    const bad = new FakeElement("div", { class: "polis", "data-conversation_id": "../admin" });
    const none = new FakeElement("div", { class: "polis" });
    const h = host([a, b, bad, none]);
    h.run();
    h.run(); // Loaded twice: still one iframe per div.
    expect(a.children).toHaveLength(1);
    expect(a.children[0]?.getAttribute("src")).toBe("https://pnyx.example/conversations/3phdex2kjf/embed?xid=student%2042&ui_lang=fr");
    expect(b.children[0]?.getAttribute("src")).toBe("https://pnyx.example/conversations/12/embed");
    expect(b.children[0]?.getAttribute("title")).toBe("Conversation");
    expect(bad.children).toHaveLength(0);
    expect(none.children).toHaveLength(0);
  });

  it("resizes an iframe from its own frame's resize message, from the platform's origin only", () => {
    const div = new FakeElement("div", { class: "polis", "data-conversation_id": "12" });
    const h = host([div]);
    h.run();
    const iframe = div.children[0]!;
    expect(iframe.style.height).toBe("600px");
    h.message({ origin: "https://pnyx.example", source: iframe.contentWindow, data: { name: "resize", height: 812.4 } });
    expect(iframe.style.height).toBe("813px");
    h.message({ origin: "https://evil.example", source: iframe.contentWindow, data: { name: "resize", height: 10 } });
    h.message({ origin: "https://pnyx.example", source: { other: true }, data: { name: "resize", height: 10 } });
    h.message({ origin: "https://pnyx.example", source: iframe.contentWindow, data: { name: "other", height: 10 } });
    h.message({ origin: "https://pnyx.example", source: iframe.contentWindow, data: { name: "resize", height: "10" } });
    expect(iframe.style.height).toBe("813px");
  });

  it("in the embedded page, posts the page's height to the parent", () => {
    const posted: Array<{ data: unknown; target: string }> = [];
    const parent = { postMessage: (data: unknown, target: string) => posted.push({ data, target }) };
    const window = { parent, addEventListener: () => {} };
    const document = { documentElement: Object.assign(new FakeElement("html", { "data-polis-embed": "" }), { scrollHeight: 431 }), body: { scrollHeight: 431 } };
    runInNewContext(SOURCE, { window, document });
    expect(posted).toEqual([{ data: { name: "resize", height: 431 }, target: "*" }]);
  });
});
