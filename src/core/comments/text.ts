/**
 * A comment's text as people type it: plain text, paragraphs separated by a blank line, single line
 * breaks kept, web addresses and @mentions recognised. Nothing here produces HTML: the view renders
 * the pieces as text nodes and attributes, which Preact escapes.
 *
 * The mention rule: `@` followed by a person's nickname, or by their name written without spaces
 * (`@MarieDupont` for "Marie Dupont"), in any case; letters, digits, `_`, `.`, `-` and apostrophes.
 * An `@` right after a letter, digit, dot or slash is not a mention (an email address, a path).
 */

export type TextPiece = { kind: "text"; text: string } | { kind: "link"; href: string; text: string } | { kind: "mention"; handle: string; text: string };

/** At most this many people are mentioned by one comment (the rest stay plain text). */
export const MAX_MENTIONS = 10;

const TOKEN = /(https?:\/\/[^\s<>"]+)|(?<![\p{L}\p{M}\p{N}_@./])@([\p{L}\p{M}\p{N}_][\p{L}\p{M}\p{N}_.'’-]{0,79})/giu;
const TRAILING = /[.,;:!?'"’»)\]}-]$/u;

/** Normalises line ends and trims; what is stored. */
export function normaliseBody(body: string): string {
  return body.replace(/\r\n?/g, "\n").trim();
}

/** Characters as people count them (code points, so an emoji is one). */
export const bodyLength = (body: string): number => [...body].length;

/** Paragraphs (split on blank lines), each a list of lines. */
export function paragraphs(body: string): string[][] {
  return normaliseBody(body)
    .split(/\n[ \t]*\n\s*/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => p.split("\n"));
}

/** The address a link would lead to: http(s) only, else null. */
function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Drops punctuation that ends a sentence rather than the address ("see https://x.org/a."), keeping balanced parentheses. */
function trimAddress(raw: string): string {
  let s = raw;
  while (TRAILING.test(s)) {
    if (s.endsWith(")") && (s.match(/\(/g)?.length ?? 0) >= (s.match(/\)/g)?.length ?? 0)) break;
    s = s.slice(0, -1);
  }
  return s;
}

function trimHandle(raw: string): string {
  return raw.replace(/[.'’-]+$/u, "");
}

/** One line cut into text, links and mentions. */
export function pieces(line: string): TextPiece[] {
  // Most lines hold neither an address nor a mention: no need to run the pattern.
  if (!line.includes("@") && !/https?:/i.test(line)) return line ? [{ kind: "text", text: line }] : [];
  const out: TextPiece[] = [];
  let text = "";
  let last = 0;
  for (const m of line.matchAll(TOKEN)) {
    const start = m.index;
    const [whole, address, handle] = m;
    let used = whole;
    let piece: TextPiece | null = null;
    if (address) {
      used = trimAddress(address);
      const href = safeHref(used);
      if (href && used.length > "https://".length) piece = { kind: "link", href, text: used };
    } else if (handle) {
      const h = trimHandle(handle);
      if (h.length >= 2) {
        used = `@${h}`;
        piece = { kind: "mention", handle: h.toLowerCase(), text: used };
      }
    }
    if (!piece) continue;
    text += line.slice(last, start);
    if (text) out.push({ kind: "text", text });
    text = "";
    out.push(piece);
    last = start + used.length;
  }
  text += line.slice(last);
  if (text) out.push({ kind: "text", text });
  return out;
}

/** The handles a text mentions (lower case, each once, at most MAX_MENTIONS). */
export function mentionHandles(body: string): string[] {
  const handles = new Set<string>();
  for (const line of normaliseBody(body).split("\n")) {
    for (const p of pieces(line)) if (p.kind === "mention" && handles.size < MAX_MENTIONS) handles.add(p.handle);
  }
  return [...handles];
}

/** The first words of a comment, for notifications and the moderation queue. */
export function excerpt(body: string, max = 140): string {
  const flat = normaliseBody(body).replace(/\s+/g, " ");
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join("").trimEnd()}…` : flat;
}
