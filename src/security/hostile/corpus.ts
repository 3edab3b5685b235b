/**
 * The hostile-input corpus: strings and files an attacker types into every form and JSON field. Each
 * payload that could run script calls `window.__pnyxXss(<marker>)` (the test exposes that function in the
 * browser) and carries a unique marker (`pnyxq<n>`), so a leak names the payload that caused it. The
 * classes cover markup in text, attributes and URLs, Markdown links and images, CSS, template syntax,
 * long fields, NUL bytes, bad Unicode and SQL-ish strings. Used by tests/e2e/hostile-inputs.e2e.ts.
 */

export type PayloadClass =
  | "script-tag"
  | "event-handler"
  | "svg"
  | "attribute-breakout"
  | "javascript-url"
  | "data-url"
  | "markdown"
  | "css"
  | "template"
  | "long"
  | "nul"
  | "bad-unicode"
  | "sql";

export interface Payload {
  /** Unique marker, also the argument the payload passes to `__pnyxXss` when it runs. */
  marker: string;
  kind: PayloadClass;
  value: string;
  /** Whether the platform may refuse it outright (400) instead of storing it: NUL bytes, lone surrogates. */
  refusable?: boolean;
}

const call = (m: string) => `window.__pnyxXss('${m}')`;

function build(): Payload[] {
  const out: Payload[] = [];
  let n = 0;
  const add = (kind: PayloadClass, make: (m: string) => string, refusable = false) => {
    const marker = `pnyxq${String(++n).padStart(2, "0")}`;
    out.push({ marker, kind, value: make(marker), ...(refusable ? { refusable } : {}) });
  };
  add("script-tag", (m) => `<script>${call(m)}</script>${m}`);
  add("script-tag", (m) => `</textarea></title><script>${call(m)}</script>${m}`);
  add("event-handler", (m) => `<img src=x onerror="${call(m)}" alt="${m}">`);
  add("event-handler", (m) => `<details open ontoggle=${call(m)}>${m}</details>`);
  add("svg", (m) => `<svg onload="${call(m)}"><title>${m}</title></svg>`);
  add("svg", (m) => `<svg><script>${call(m)}</script><a xlink:href="javascript:${call(m)}"><text>${m}</text></a></svg>`);
  add("attribute-breakout", (m) => `"><img src=x onerror=${call(m)} data-m=${m}>`);
  add("attribute-breakout", (m) => `' autofocus onfocus='${call(m)}' data-m='${m}`);
  add("javascript-url", (m) => `javascript:${call(m)}//${m}`);
  add("javascript-url", (m) => ` JaVaScRiPt:${call(m)}//${m}`);
  add("data-url", (m) => `data:text/html,<script>${call(m)}</script>${m}`);
  add("markdown", (m) => `[click ${m}](javascript:${call(m)}) and ![${m}](x" onerror="${call(m)})`);
  add("markdown", (m) => `[${m}](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wbnl4WHNzKCd4Jyk8L3NjcmlwdD4=) <a href="javascript:${call(m)}">${m}</a>`);
  add("markdown", (m) => `**${m}** <iframe srcdoc="<script>parent.__pnyxXss('${m}')</script>"></iframe>`);
  add("css", (m) => `<style>body{background:url("javascript:${call(m)}")}</style><div style="x:expression(${call(m)})">${m}</div>`);
  add("template", (m) => `{{constructor.constructor('${call(m)}')()}} \${${call(m)}} <%= ${m} %>`);
  add("long", (m) => `${m} ${"<b>long</b> ".repeat(1900)}`.slice(0, 20_000));
  add("nul", (m) => `${m}\u0000<script>${call(m)}</script>`, true);
  add("bad-unicode", (m) => `${m} \ud800 lone`, true);
  add("bad-unicode", (m) => `${m} \u202egnp.exe \u200b\u200d\ufeff zero-width \u{1F600}`);
  add("sql", (m) => `${m}' OR '1'='1'; DROP TABLE users; -- \\ %_`);
  return out;
}

export const CORPUS: readonly Payload[] = build();

/** The payload carrying a marker. */
export function payloadOf(marker: string): Payload | undefined {
  return CORPUS.find((p) => p.marker === marker);
}

/** Every class in the corpus. */
export const CLASSES: readonly PayloadClass[] = [...new Set(CORPUS.map((p) => p.kind))];

/**
 * An SVG that runs script when opened as a document, an HTML page that does, and a polyglot: a real PNG
 * signature followed by HTML, named .html, that a sniffing browser could render as a page.
 */
export function hostileFiles(marker: string): { name: string; mimeType: string; buffer: Buffer }[] {
  return [
    {
      name: `${marker}.svg`,
      mimeType: "image/svg+xml",
      buffer: Buffer.from(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="${call(marker)}"><script>${call(marker)}</script><text>${marker}</text></svg>`),
    },
    {
      name: `${marker}.html`,
      mimeType: "text/html",
      buffer: Buffer.from(`<!doctype html><title>${marker}</title><script>${call(marker)}</script>`),
    },
    {
      name: `${marker}-polyglot.html`,
      mimeType: "text/html",
      buffer: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`<html><body><script>${call(marker)}</script>${marker}</body></html>`)]),
    },
  ];
}
