/**
 * Finds stored markup that escaped escaping: parses an HTML response with htmlparser2 and reports every
 * element or attribute that carries a hostile payload's marker where it would act (an event handler, a
 * script or style body, a style attribute, an iframe's srcdoc, an attribute or element named after a
 * marker), and every URL attribute holding a `javascript:`, `vbscript:` or `data:text/html` address
 * (the platform's own pages never use one). Text and quoted attribute values holding a marker are fine:
 * that is escaping doing its work.
 */
import { DomUtils, parseDocument } from "htmlparser2";
/** Element, as htmlparser2 builds it (from its own domhandler). */
type Element = Extract<ReturnType<typeof parseDocument>["children"][number], { attribs: Record<string, string> }>;
const { findAll, textContent } = DomUtils;

export interface Leak {
  marker: string | null;
  element: string;
  where: string;
  snippet: string;
}

const MARKER = /pnyxq\d{2}/;
const URL_ATTRS = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"]);
/** A URL that runs script or opens an attacker's document, once the browser strips what it ignores. */
export function isScriptUrl(value: string): boolean {
  // Browsers drop ASCII whitespace and control characters from a scheme before reading it.
  const squashed = [...value].filter((ch) => ch.charCodeAt(0) > 0x20).join("").toLowerCase();
  return squashed.startsWith("javascript:") || squashed.startsWith("vbscript:") || squashed.startsWith("data:text/html") || squashed.startsWith("data:image/svg");
}

const NON_SCRIPT_TYPES = new Set(["application/json", "application/ld+json", "importmap", "speculationrules"]);

/** Every leak in an HTML document. */
export function findLeaks(html: string): Leak[] {
  const doc = parseDocument(html, { lowerCaseAttributeNames: true, lowerCaseTags: true });
  const leaks: Leak[] = [];
  const push = (el: Element, where: string, text: string) => {
    leaks.push({ marker: MARKER.exec(text)?.[0] ?? null, element: el.name, where, snippet: text.slice(0, 160) });
  };
  for (const el of findAll(() => true, doc.children) as Element[]) {
    if (MARKER.test(el.name)) push(el, "element name", el.name);
    for (const [name, value] of Object.entries(el.attribs)) {
      if (MARKER.test(name)) push(el, `attribute name ${name}`, `${name}=${value}`);
      else if (name.startsWith("on") && MARKER.test(value)) push(el, `event handler ${name}`, value);
      else if ((name === "style" || name === "srcdoc") && MARKER.test(value)) push(el, `attribute ${name}`, value);
      else if (URL_ATTRS.has(name) && isScriptUrl(value)) push(el, `script URL in ${name}`, value);
    }
    if (el.name === "script" || el.name === "style") {
      const body = textContent(el);
      const type = (el.attribs.type ?? "").toLowerCase();
      if (MARKER.test(body) && !(el.name === "script" && NON_SCRIPT_TYPES.has(type) && !body.includes("</"))) push(el, `${el.name} body`, body);
    }
  }
  return leaks;
}
