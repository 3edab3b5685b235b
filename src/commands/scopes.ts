/** `pnyx scopes import <file.csv> [--json]`: creates or updates the organization's scopes from a CSV file. */
import { readFile } from "node:fs/promises";
import { importScopes, parseScopesCsv } from "../core/categories/scopes-import";
import { withMigratedDatabase } from "./boot";
import { fail, parseFlags, printJson, runSubcommand, UsageError } from "./cli-io";

const USAGE = `Usage: pnyx scopes import <file.csv> [--json]

Creates or updates the organization's scopes (municipalities, school sites...), one a row, matched by
their code. A header row names the columns, in any order:
  code                 required: letters, digits, dots, hyphens, underscores (the scope's official code)
  parent               the code of the scope it is part of (in the file or already there); empty: top level
  name_fr, name_nl, name_en, name_de    its name (at least one)
  type_fr, type_nl, type_en, type_de    its kind ("Commune", "Gemeente"...)
  weight               its position among its siblings (lower first)
A column left out keeps what an existing scope has. Nothing changes unless every row is valid.
--json: one JSON object on standard output, {"ok":true,"created":<n>,"updated":<n>}; logs on standard error.`;

async function importFile(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { positionals: 1 });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const file = positionals[0];
  if (!file) throw new UsageError("a <file.csv> is required");
  const json = values.json === true;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseScopesCsv(text);
  if (!parsed.ok) return fail("scopes import", new Error(`${file}: nothing imported\n${parsed.errors.join("\n")}`), json);
  return withMigratedDatabase("scopes import", json, async (db) => {
    const result = await importScopes(db, parsed.rows, { id: null, ip: null });
    if (!result.ok) return fail("scopes import", new Error(`${file}: nothing imported\n${result.errors.join("\n")}`), json);
    if (json) printJson({ ok: true, created: result.created, updated: result.updated });
    else console.log(`scopes: ${result.created} created, ${result.updated} updated`);
    return 0;
  });
}

export async function run(argv: string[]): Promise<number> {
  return runSubcommand("scopes", USAGE, argv, { import: importFile });
}
