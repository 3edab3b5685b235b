/**
 * Documents into Markdown, the one form a text's version is made from (ADR 14): Markdown as it is,
 * `.docx` through mammoth (Word's styles to clean HTML), `.odt` from its `content.xml` (read with
 * jszip) walked with htmlparser2 in XML mode. Both walks write the same Markdown: headings as `#`s,
 * paragraphs, list items with `-` (nested lists indented), bold and italic where the source marks them
 * as such, links (http, https, mailto only); images, notes and fields are left out. No database here.
 */
import { extname } from "node:path";
import { parseDocument } from "htmlparser2";
import type { ChildNode, Element } from "domhandler";

export const IMPORT_FORMATS = ["md", "docx", "odt"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Documents larger than this are refused (a municipal constitution is well under a megabyte). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export type ImportProblem = "format" | "tooLarge" | "unreadable" | "empty";
export type Converted = { ok: true; markdown: string; format: ImportFormat } | { ok: false; problem: ImportProblem; detail?: string };

/** The format a file name says (`.md`, `.markdown`, `.txt` are Markdown), or null. */
export function formatOf(name: string): ImportFormat | null {
  const ext = extname(name).toLowerCase();
  if (ext === ".md" || ext === ".markdown" || ext === ".txt") return "md";
  if (ext === ".docx") return "docx";
  if (ext === ".odt") return "odt";
  return null;
}

/** A document's bytes as Markdown (see the header); never throws for a bad document. */
export async function documentToMarkdown(name: string, bytes: Uint8Array): Promise<Converted> {
  const format = formatOf(name);
  if (!format) return { ok: false, problem: "format" };
  if (bytes.byteLength > MAX_IMPORT_BYTES) return { ok: false, problem: "tooLarge" };
  let markdown: string;
  try {
    if (format === "md") markdown = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
    else if (format === "docx") markdown = await docxToMarkdown(bytes);
    else markdown = await odtToMarkdown(bytes);
  } catch (error) {
    return { ok: false, problem: "unreadable", detail: error instanceof Error ? error.message : String(error) };
  }
  markdown = markdown.replace(/\r\n?/g, "\n").trim();
  if (markdown === "") return { ok: false, problem: "empty" };
  return { ok: true, markdown: `${markdown}\n`, format };
}

async function docxToMarkdown(bytes: Uint8Array): Promise<string> {
  const mammoth = (await import("mammoth")).default;
  // Images are left out (a text's blocks are words); mammoth would inline them as data: URLs.
  const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: "" })) });
  return htmlToMarkdown(result.value);
}

async function odtToMarkdown(bytes: Uint8Array): Promise<string> {
  const JSZip = (await import("jszip")).default;
  const zip = await JSZip.loadAsync(bytes);
  const content = zip.file("content.xml");
  if (!content) throw new Error("content.xml is missing: not an OpenDocument text");
  return odtXmlToMarkdown(await content.async("string"));
}

// ---- Shared writing ----

const isElement = (n: ChildNode): n is Element => n.type === "tag" || n.type === "script" || n.type === "style";
const textOf = (n: ChildNode): string => ("data" in n && typeof n.data === "string" ? n.data : "");

/** Inline Markdown: collapsed white space; a leading `#`, list marker or `>` escaped so it stays a paragraph. */
function cleanInline(s: string): string {
  return s.replace(/[ \t\n\u00a0]+/g, (m) => (m.includes("\u00a0") ? "\u00a0" : " ")).trim();
}
function escapeLeading(s: string): string {
  return s.replace(/^(#{1,6}\s|[-+*]\s|\d{1,9}[.)]\s|>)/, "\\$1");
}
const safeHref = (href: string | undefined): string | null => (href && /^(https?:|mailto:)/i.test(href.trim()) ? href.trim() : null);
function wrap(mark: string, inner: string): string {
  const t = inner.trim();
  if (t === "") return inner;
  const lead = inner.startsWith(" ") ? " " : "";
  const tail = inner.endsWith(" ") ? " " : "";
  return `${lead}${mark}${t}${mark}${tail}`;
}

// ---- HTML (mammoth's output) ----

/** mammoth's HTML as Markdown (headings, paragraphs, nested lists, tables as one paragraph per row). */
export function htmlToMarkdown(html: string): string {
  const blocks: string[] = [];
  const walkBlocks = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (!isElement(n)) {
        const t = cleanInline(textOf(n));
        if (t) blocks.push(escapeLeading(t));
        continue;
      }
      const tag = n.name.toLowerCase();
      const h = /^h([1-6])$/.exec(tag);
      if (h) {
        const t = cleanInline(htmlInline(n.children));
        if (t) blocks.push(`${"#".repeat(Number(h[1]))} ${t}`);
      } else if (tag === "p") {
        const t = cleanInline(htmlInline(n.children));
        if (t) blocks.push(escapeLeading(t));
      } else if (tag === "ul" || tag === "ol") {
        const lines: string[] = [];
        htmlList(n, 0, lines);
        if (lines.length) blocks.push(lines.join("\n"));
      } else if (tag === "table") {
        for (const row of descendants(n, "tr")) {
          const cells = row.children.filter(isElement).map((c) => cleanInline(htmlInline(c.children))).filter(Boolean);
          if (cells.length) blocks.push(escapeLeading(cells.join(" | ")));
        }
      } else if (tag === "img" || tag === "script" || tag === "style") {
        continue;
      } else {
        walkBlocks(n.children);
      }
    }
  };
  walkBlocks(parseDocument(html).children);
  return blocks.join("\n\n");
}

function descendants(n: Element, name: string): Element[] {
  const out: Element[] = [];
  for (const c of n.children) {
    if (!isElement(c)) continue;
    if (c.name === name) out.push(c);
    else out.push(...descendants(c, name));
  }
  return out;
}

function htmlList(list: Element, depth: number, lines: string[]): void {
  let i = 1;
  for (const li of list.children) {
    if (!isElement(li) || li.name !== "li") continue;
    const inline = li.children.filter((c) => !(isElement(c) && (c.name === "ul" || c.name === "ol")));
    const marker = list.name === "ol" ? `${i++}.` : "-";
    lines.push(`${"  ".repeat(depth * 2)}${marker} ${cleanInline(htmlInline(inline))}`);
    for (const c of li.children) if (isElement(c) && (c.name === "ul" || c.name === "ol")) htmlList(c, depth + 1, lines);
  }
}

function htmlInline(nodes: ChildNode[]): string {
  let out = "";
  for (const n of nodes) {
    if (!isElement(n)) {
      out += textOf(n).replace(/([*_`[\]\\])/g, "\\$1");
      continue;
    }
    const tag = n.name.toLowerCase();
    if (tag === "strong" || tag === "b") out += wrap("**", htmlInline(n.children));
    else if (tag === "em" || tag === "i") out += wrap("*", htmlInline(n.children));
    else if (tag === "br") out += " ";
    else if (tag === "img" || tag === "sup" || tag === "script" || tag === "style") continue;
    else if (tag === "a") {
      const label = htmlInline(n.children);
      const href = safeHref(n.attribs.href);
      out += href && label.trim() ? `[${label.trim()}](${href})` : label;
    } else out += htmlInline(n.children);
  }
  return out;
}

// ---- OpenDocument (content.xml) ----

/** An OpenDocument text's `content.xml` as Markdown (text:h, text:p, text:list, sections, tables). */
export function odtXmlToMarkdown(xml: string): string {
  const doc = parseDocument(xml, { xmlMode: true });
  const body = findFirst(doc.children, "office:text");
  if (!body) throw new Error("office:text is missing: not an OpenDocument text");
  const blocks: string[] = [];
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (!isElement(n)) continue;
      if (n.name === "text:h") {
        const level = Math.min(6, Math.max(1, Number(n.attribs["text:outline-level"] ?? "1") || 1));
        const t = cleanInline(odtInline(n.children));
        if (t) blocks.push(`${"#".repeat(level)} ${t}`);
      } else if (n.name === "text:p") {
        const t = cleanInline(odtInline(n.children));
        if (t) blocks.push(escapeLeading(t));
      } else if (n.name === "text:list") {
        const lines: string[] = [];
        odtList(n, 0, lines);
        if (lines.length) blocks.push(lines.join("\n"));
      } else if (n.name === "table:table-row") {
        const cells = n.children.filter(isElement).filter((c) => c.name === "table:table-cell").map((c) => cleanInline(c.children.filter(isElement).map((p) => odtInline(p.children)).join(" "))).filter(Boolean);
        if (cells.length) blocks.push(escapeLeading(cells.join(" | ")));
      } else if (n.name === "text:section" || n.name.startsWith("table:")) {
        walk(n.children);
      }
      // Declarations (text:sequence-decls...), frames and tables of contents' own copies are left out.
    }
  };
  walk(body.children);
  return blocks.join("\n\n");
}

function findFirst(nodes: ChildNode[], name: string): Element | null {
  for (const n of nodes) {
    if (!isElement(n)) continue;
    if (n.name === name) return n;
    const found = findFirst(n.children, name);
    if (found) return found;
  }
  return null;
}

function odtList(list: Element, depth: number, lines: string[]): void {
  for (const item of list.children) {
    if (!isElement(item) || (item.name !== "text:list-item" && item.name !== "text:list-header")) continue;
    const own: string[] = [];
    const nested: Element[] = [];
    for (const c of item.children) {
      if (!isElement(c)) continue;
      if (c.name === "text:list") nested.push(c);
      else if (c.name === "text:p" || c.name === "text:h") own.push(odtInline(c.children));
    }
    const t = cleanInline(own.join(" "));
    if (t) lines.push(`${"  ".repeat(depth * 2)}- ${t}`);
    for (const l of nested) odtList(l, t ? depth + 1 : depth, lines);
  }
}

function odtInline(nodes: ChildNode[]): string {
  let out = "";
  for (const n of nodes) {
    if (!isElement(n)) {
      out += textOf(n).replace(/([*_`[\]\\])/g, "\\$1");
      continue;
    }
    switch (n.name) {
      case "text:s":
        out += " ".repeat(Math.max(1, Number(n.attribs["text:c"] ?? "1") || 1));
        break;
      case "text:tab":
      case "text:line-break":
        out += " ";
        break;
      case "text:a": {
        const label = odtInline(n.children);
        const href = safeHref(n.attribs["xlink:href"]);
        out += href && label.trim() ? `[${label.trim()}](${href})` : label;
        break;
      }
      case "text:note":
      case "text:bookmark":
      case "text:bookmark-start":
      case "text:bookmark-end":
      case "text:soft-page-break":
      case "draw:frame":
      case "office:annotation":
        break;
      default:
        out += odtInline(n.children);
    }
  }
  return out;
}

/**
 * An uploaded file's bytes as Markdown when its name is unknown (a form's file part): a zip holding
 * `content.xml` is an OpenDocument text, one holding `word/document.xml` a Word document, anything
 * else is read as Markdown (UTF-8).
 */
export async function uploadToMarkdown(bytes: Uint8Array): Promise<Converted> {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    try {
      const JSZip = (await import("jszip")).default;
      const zip = await JSZip.loadAsync(bytes);
      if (zip.file("content.xml")) return documentToMarkdown("upload.odt", bytes);
      if (zip.file("word/document.xml")) return documentToMarkdown("upload.docx", bytes);
    } catch {
      return { ok: false, problem: "unreadable" };
    }
    return { ok: false, problem: "format" };
  }
  return documentToMarkdown("upload.md", bytes);
}
