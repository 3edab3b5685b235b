/** Minimal flag parsing for subcommands: `--name value`, `--flag`, and positionals. */
import { parseArgs } from "node:util";

export type FlagSpec = Record<string, { type: "string" | "boolean"; short?: string }>;

export function parseFlags<S extends FlagSpec>(argv: string[], spec: S) {
  return parseArgs({ args: argv, options: spec, allowPositionals: true, strict: true });
}
