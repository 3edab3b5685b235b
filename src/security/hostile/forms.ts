/**
 * Reads a server-rendered page the way a browser submits it: its same-site links (to crawl) and its
 * `<form method=post>` with their fields (hidden values kept, text fields to fill, choices, file inputs).
 * The hostile-input test crawls the demo with it and fills every text field with the corpus.
 */
import { DomUtils, parseDocument } from "htmlparser2";
/** Element, as htmlparser2 builds it (from its own domhandler). */
type Element = Extract<ReturnType<typeof parseDocument>["children"][number], { attribs: Record<string, string> }>;
const { findAll, getAttributeValue, textContent } = DomUtils;

export interface FormField {
  name: string;
  /** input type (lower case), or "textarea" / "select". */
  type: string;
  value: string;
  checked: boolean;
  options: string[];
}

export interface PostForm {
  /** The page the form is on (path and query). */
  page: string;
  /** Absolute path (and query) the form posts to. */
  action: string;
  multipart: boolean;
  fields: FormField[];
}

/** Text fields a person types into: where the corpus goes. */
export const TEXT_TYPES = new Set(["text", "textarea", "search", "email", "url", "tel", ""]);

function resolve(href: string, base: string): URL | null {
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}

/** The same-origin paths (with query) a page links to. */
export function extractLinks(html: string, pageUrl: string): string[] {
  const origin = new URL(pageUrl).origin;
  const doc = parseDocument(html);
  const out = new Set<string>();
  for (const a of findAll((e) => e.name === "a", doc.children)) {
    const u = resolve(getAttributeValue(a, "href") ?? "", pageUrl);
    if (u && u.origin === origin) out.add(u.pathname + u.search);
  }
  return [...out];
}

/** Every POST form on a page. */
export function extractForms(html: string, pageUrl: string): PostForm[] {
  const doc = parseDocument(html);
  const forms: PostForm[] = [];
  for (const form of findAll((e) => e.name === "form", doc.children) as Element[]) {
    if ((form.attribs.method ?? "get").toLowerCase() !== "post") continue;
    const u = resolve(form.attribs.action ?? "", pageUrl);
    if (!u || u.origin !== new URL(pageUrl).origin) continue;
    const fields: FormField[] = [];
    for (const el of findAll((e) => e.name === "input" || e.name === "textarea" || e.name === "select", form.children) as Element[]) {
      const name = el.attribs.name;
      if (!name || el.attribs.disabled !== undefined) continue;
      if (el.name === "textarea") fields.push({ name, type: "textarea", value: textContent(el), checked: false, options: [] });
      else if (el.name === "select") {
        const options = (findAll((e) => e.name === "option", el.children) as Element[]).map((o) => o.attribs.value ?? textContent(o));
        const selected = (findAll((e) => e.name === "option" && e.attribs.selected !== undefined, el.children) as Element[])[0];
        fields.push({ name, type: "select", value: selected ? (selected.attribs.value ?? textContent(selected)) : (options[0] ?? ""), checked: false, options });
      } else {
        const type = (el.attribs.type ?? "").toLowerCase();
        if (type === "submit" || type === "button" || type === "reset" || type === "image") continue;
        fields.push({ name, type, value: el.attribs.value ?? (type === "checkbox" || type === "radio" ? "on" : ""), checked: el.attribs.checked !== undefined, options: [] });
      }
    }
    // A named submit button's value is part of what the browser sends (the first one, as a click on it would).
    const button = (findAll((e) => (e.name === "button" && (e.attribs.type ?? "submit") === "submit") || (e.name === "input" && e.attribs.type === "submit"), form.children) as Element[])[0];
    if (button?.attribs.name) fields.push({ name: button.attribs.name, type: "submit", value: button.attribs.value ?? "", checked: true, options: [] });
    const here = new URL(pageUrl);
    forms.push({ page: here.pathname + here.search, action: u.pathname + u.search, multipart: (form.attribs.enctype ?? "").toLowerCase() === "multipart/form-data", fields });
  }
  return forms;
}

/** A path's shape (numbers and long tokens as `:n`): how the crawl tells "another petition" from a new page. */
export function shapeOf(path: string): string {
  const [p] = path.split("?");
  return (p ?? "").replace(/\/\d+(?=\/|$)/g, "/:n").replace(/\/[A-Za-z0-9_-]{20,}(?=\/|$)/g, "/:t");
}
