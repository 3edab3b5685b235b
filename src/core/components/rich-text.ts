/**
 * Rich text from admins (space descriptions, documentation pages): Markdown rendered with `marked`, then
 * sanitised with an allow-list, so even an admin's pasted <script> or onclick never reaches a page.
 */
import { createRequire } from "node:module";
import { marked } from "marked";
import type SanitizeHtml from "sanitize-html";

// Loaded on first use: sanitize-html (with its CSS parser) costs a fifth of a second at start-up.
let sanitizeHtml: typeof SanitizeHtml | null = null;
const sanitize = (html: string, options: SanitizeHtml.IOptions): string => {
  sanitizeHtml ??= createRequire(import.meta.url)("sanitize-html") as typeof SanitizeHtml;
  return sanitizeHtml(html, options);
};

const OPTIONS: SanitizeHtml.IOptions = {
  allowedTags: [
    "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "ul", "ol", "li", "strong", "em", "b", "i", "s", "code", "pre",
    "a", "img", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "abbr", "sup", "sub", "dl", "dt", "dd",
  ],
  allowedAttributes: { a: ["href", "title", "lang", "hreflang"], img: ["src", "alt", "title", "width", "height"], th: ["scope"], td: ["colspan", "rowspan"], abbr: ["title"], h2: ["id"], h3: ["id"], h4: ["id"] },
  allowedSchemes: ["https", "http", "mailto"],
  allowedSchemesByTag: { img: ["https"] },
  allowProtocolRelative: false,
  // A page's own title is its h1: headings in the text start at h2 so the outline stays in order.
  transformTags: { h1: "h2" },
};

export interface RenderedText {
  html: string;
  /** The text's h2 headings, for a table of contents. */
  headings: Array<{ id: string; text: string }>;
}

const slugify = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "") || "section";

/** Markdown (or HTML when `format` says so) to sanitised HTML, with ids on h2 headings. */
export function renderRichText(source: string, format: "markdown" | "html" = "markdown"): RenderedText {
  const raw = format === "html" ? source : (marked.parse(source, { async: false, gfm: true }) as string);
  const clean = sanitize(raw, OPTIONS);
  const headings: RenderedText["headings"] = [];
  const used = new Set<string>();
  const html = clean.replace(/<h2>([\s\S]*?)<\/h2>/g, (_m, inner: string) => {
    const text = inner.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'");
    let id = `h-${slugify(text)}`;
    for (let n = 2; used.has(id); n++) id = `h-${slugify(text)}-${n}`;
    used.add(id);
    headings.push({ id, text });
    return `<h2 id="${id}">${inner}</h2>`;
  });
  return { html, headings };
}
