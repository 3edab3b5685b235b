/**
 * Markdown texts cut into blocks: two notions, both pure.
 *
 * `splitBlocks` is the CLI contract's notion (issue 14, `pnyx texts reanchor`): the blank-line-separated
 * blocks of the source, headings included, each trimmed, in order; CRLF and CR line ends are read as LF;
 * a line holding only spaces or tabs is blank. Annotation offsets of the CLI are code points within
 * these strings.
 *
 * `parseText` is the component's structure: every blank-line block is read line by line into
 * - `section` / `article`: an ATX heading (`#` to `######`, level = number of `#`); a heading whose text
 *   starts with "Article N", "Art. N" or "Artikel N" is an article (`number` "N"). A line starting with
 *   "Article N" (possibly in `**` or `__`) at the start of a blank-line block, or right after a heading,
 *   is an article too: its level is one more than the enclosing heading's (1 when there is none), and
 *   the lines after it in the same block form a paragraph of their own;
 * - `list-item`: a line starting with `-`, `*`, `+`, `1.` or `1)` and a space; its continuation lines
 *   (indented or not) belong to it; `level` = nesting depth (1 top level, 2 inside an item...); `text`
 *   keeps the marker (it is the item's Markdown source);
 * - `paragraph`: any other run of lines (level 0).
 * `heading` is the heading's text without its `#`s or emphasis marks. `text` is always the trimmed
 * Markdown source of the block. `title`: when the text's first block is a level-1 heading and no other
 * level-1 heading follows, it is the text's title and not a block.
 */

export type BlockKind = "section" | "article" | "paragraph" | "list-item";

export interface ParsedBlock {
  kind: BlockKind;
  level: number;
  /** The Markdown source of this block, trimmed. */
  text: string;
  heading?: string;
  /** "Article 3" → "3". */
  number?: string;
}

export interface ParsedText {
  title?: string;
  blocks: ParsedBlock[];
}

const BLANK_LINE = /\n[ \t]*(?:\n[ \t]*)*\n/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const ARTICLE = /^(?:\*\*|__)?[ \t]*(?:Article|Art\.|Artikel)[ \t]+(\d+(?:[.-]\d+)*(?:er|bis|ter)?|[IVXLCDM]+\b|premier\b|first\b)/i;
const LIST_ITEM = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)/;

/** CRLF and lone CR as LF. */
export function normaliseNewlines(markdown: string): string {
  return markdown.replace(/\r\n?/g, "\n");
}

/** The blank-line-separated blocks of `markdown`, headings included, each trimmed, empty ones dropped. */
export function splitBlocks(markdown: string): string[] {
  return normaliseNewlines(markdown)
    .split(BLANK_LINE)
    .map((b) => b.trim())
    .filter((b) => b !== "");
}

/** A heading's or article line's text without emphasis marks around it. */
function plain(s: string): string {
  return s.replace(/^(?:\*\*|__)\s*/, "").replace(/\s*(?:\*\*|__)(?=\s|$)/g, "").trim();
}

/** "Article 3" → "3"; "Article 1er" / "Article premier" → "1"; "Article 3bis" → "3bis". */
function articleNumber(text: string): string | undefined {
  const n = ARTICLE.exec(text)?.[1];
  if (n === undefined) return undefined;
  if (/^(?:premier|first)$/i.test(n)) return "1";
  return n.replace(/er$/i, "");
}

interface OpenList {
  indents: number[];
}

/** The blocks of one blank-line block; `state.headingLevel`: the level of the last heading so far. */
function parseChunk(chunk: string, state: { headingLevel: number }): ParsedBlock[] {
  const out: ParsedBlock[] = [];
  const lines = chunk.split("\n");
  let current: { lines: string[]; block: Omit<ParsedBlock, "text"> } | null = null;
  const list: OpenList = { indents: [] };
  let articleAllowed = true;

  const flush = () => {
    if (current) out.push({ ...current.block, text: current.lines.join("\n").trim() });
    current = null;
  };

  for (const line of lines) {
    const h = HEADING.exec(line);
    if (h) {
      flush();
      list.indents = [];
      const level = h[1]?.length ?? 1;
      const heading = plain(h[2] ?? "");
      const number = articleNumber(heading);
      out.push({ kind: number === undefined ? "section" : "article", level, text: line.trim(), heading, ...(number === undefined ? {} : { number }) });
      state.headingLevel = level;
      articleAllowed = true;
      continue;
    }
    const number = articleAllowed ? articleNumber(line.trim()) : undefined;
    if (number !== undefined) {
      flush();
      list.indents = [];
      out.push({ kind: "article", level: state.headingLevel + 1, text: line.trim(), heading: plain(line.trim()), number });
      articleAllowed = false;
      continue;
    }
    articleAllowed = false;
    const item = LIST_ITEM.exec(line);
    if (item) {
      flush();
      const indent = (item[1] ?? "").replace(/\t/g, "    ").length;
      while (list.indents.length > 0 && indent < (list.indents[list.indents.length - 1] ?? 0)) list.indents.pop();
      const top = list.indents[list.indents.length - 1];
      if (top === undefined || indent >= top + 2) list.indents.push(indent);
      current = { lines: [line], block: { kind: "list-item", level: list.indents.length } };
      continue;
    }
    if (!current) current = { lines: [], block: { kind: "paragraph", level: 0 } };
    current.lines.push(line);
  }
  flush();
  return out;
}

/** The component's structure of a Markdown text (see the header comment). */
export function parseText(markdown: string): ParsedText {
  const state = { headingLevel: 0 };
  const blocks = splitBlocks(markdown).flatMap((chunk) => parseChunk(chunk, state));
  const first = blocks[0];
  if (first && first.kind === "section" && first.level === 1 && !blocks.slice(1).some((b) => b.level === 1 && b.kind !== "paragraph" && b.kind !== "list-item")) {
    return { title: first.heading ?? "", blocks: blocks.slice(1) };
  }
  return { blocks };
}

/** The form under which two blocks count as equal: NFC, runs of white space as one space, trimmed. */
export function normaliseBlock(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

/**
 * A cheap hash of a block's normalised text (`normaliseBlock`), 13 hex digits (cyrb53): equal blocks get
 * equal hashes; unequal blocks almost surely different ones (compare the texts when it matters).
 */
export function hashBlock(text: string): string {
  const s = normaliseBlock(text);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0");
}
