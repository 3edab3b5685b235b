/**
 * `pnyx texts import <file.md|.docx|.odt> --space <slug> [--title "..."] [--json]`: a document into a
 * draft text of the space's texts component (created, published, when the space has none), on the
 * database of `pnyx start`. Prints {"textId":..,"versionId":..,"blocks":..,"sections":..}.
 */
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { withMigratedDatabase } from "../../commands/boot";
import { fail, logLine, parseFlags, printJson, UsageError, withUsage } from "../../commands/cli-io";
import { importDocument } from "./import-service";
import { documentToMarkdown } from "./import";

export const IMPORT_USAGE = `Usage:
  pnyx texts import <file.md|.docx|.odt> --space <slug> [--title "..."] [--json]

Creates a draft text in the space's texts component (created when the space has none) from Markdown,
a Word (.docx) or an OpenDocument (.odt) file: headings become sections and articles, each paragraph or
list item a block. The title is --title, else the document's only level-1 heading, else the file name.
--json prints {"textId":..,"versionId":..,"blocks":..,"sections":..}.`;

const PROBLEMS = {
  format: "is not a .md, .docx or .odt file",
  tooLarge: "is larger than 10 MB",
  unreadable: "cannot be read as such a document",
  empty: "holds no text",
} as const;

export async function run(argv: string[]): Promise<number> {
  return withUsage("texts import", IMPORT_USAGE, async () => {
    const { values, positionals } = parseFlags(argv, { space: { type: "string" }, title: { type: "string" }, json: { type: "boolean" } }, { positionals: 1 });
    const path = positionals[0];
    if (!path) throw new UsageError("a <file.md|.docx|.odt> is required");
    if (!values.space) throw new UsageError("--space <slug> is required");
    if (values.title !== undefined && values.title.trim() === "") throw new UsageError("--title must not be empty");
    const json = values.json === true;
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw new UsageError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const converted = await documentToMarkdown(path, bytes);
    if (!converted.ok) {
      if (converted.problem === "format") throw new UsageError(`${path} ${PROBLEMS.format}`);
      return fail("texts import", new Error(`${path} ${PROBLEMS[converted.problem]}${converted.detail ? ` (${converted.detail})` : ""}; nothing imported`), json);
    }
    const slug = values.space;
    const fallbackTitle = basename(path, extname(path));
    return withMigratedDatabase("texts import", json, async (db) => {
      const r = await importDocument(db, { slug, markdown: converted.markdown, title: values.title?.trim() ?? null, fallbackTitle });
      if (!r.ok) return fail("texts import", new Error(`no space has the slug "${slug}"; nothing imported`), json);
      logLine(`texts import: ${r.blocks} blocks, ${r.sections} sections from ${converted.format} into component ${r.componentId}`);
      const out = { textId: r.textId, versionId: r.versionId, blocks: r.blocks, sections: r.sections };
      if (json) printJson(out);
      else console.log(JSON.stringify(out));
      return 0;
    });
  });
}
