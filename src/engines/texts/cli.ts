import { readFile } from "node:fs/promises";
import { logLine, parseFlags, printJson, UsageError, withUsage } from "../../commands/cli-io";
import { BlockText, cpLength } from "./code-points";
import { splitBlocks } from "./parse";
import { type Annotation, reanchor } from "./reanchor";

const USAGE = `usage:
  pnyx texts reanchor --old <v1.md> --new <v2.md> --annotations <a.json> [--json]
  a.json: [{"id": "...", "block": 0, "exact": "...", "prefix": "...", "suffix": "...", "start": 0, "end": 3}, ...]
  (block: 0-based index of a blank-line-separated block of v1.md, headings included; start/end: Unicode
  code point offsets within that block's trimmed Markdown source)
  --json: {"annotations":[{"id","status","block","start","end"}],"kept","moved","orphaned"} on standard output;
  an orphaned annotation has block, start and end null.`;

/** Bad input (unreadable file, malformed annotations): exit 2 with the message. */
class BadInput extends Error {}

async function readText(path: string, flag: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new BadInput(`--${flag} ${path}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder" : e instanceof Error ? e.message : String(e)}`);
  }
}

/** The annotations of `a.json`, checked against the old version's blocks; BadInput names the first problem. */
export function checkAnnotations(path: string, json: string, blocks: readonly string[]): Annotation[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new BadInput(`${path}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!Array.isArray(data)) throw new BadInput(`${path}: expected a JSON array of annotations`);
  const seen = new Set<string>();
  const texts = new Map<number, BlockText>();
  return data.map((raw: unknown, n): Annotation => {
    const where = `${path}: annotation ${n}`;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new BadInput(`${where}: not an object`);
    const o = raw as Record<string, unknown>;
    const str = (key: string, optional = false): string => {
      const v = o[key];
      if (v === undefined && optional) return "";
      if (typeof v !== "string") throw new BadInput(`${where}: "${key}" must be a string`);
      return v;
    };
    const int = (key: string): number => {
      const v = o[key];
      if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw new BadInput(`${where}: "${key}" must be a whole number >= 0`);
      return v;
    };
    const id = str("id");
    if (seen.has(id)) throw new BadInput(`${where}: duplicate id "${id}"`);
    seen.add(id);
    const a: Annotation = { id, block: int("block"), exact: str("exact"), prefix: str("prefix", true), suffix: str("suffix", true), start: int("start"), end: int("end") };
    const label = `${where} ("${id}")`;
    const text = blocks[a.block];
    if (text === undefined) throw new BadInput(`${label}: block ${a.block} is out of range (the old text has ${blocks.length} block${blocks.length === 1 ? "" : "s"}, 0-based)`);
    if (a.exact === "") throw new BadInput(`${label}: "exact" is empty`);
    if (a.start >= a.end) throw new BadInput(`${label}: start ${a.start} must be less than end ${a.end}`);
    let bt = texts.get(a.block);
    if (!bt) {
      bt = new BlockText(text);
      texts.set(a.block, bt);
    }
    if (a.end > bt.cpLength) throw new BadInput(`${label}: end ${a.end} is past the end of block ${a.block} (${bt.cpLength} code points)`);
    const at = bt.slice(a.start, a.end);
    if (at !== a.exact) {
      throw new BadInput(`${label}: the offsets do not match the quote: block ${a.block} holds ${JSON.stringify(at)} at ${a.start}..${a.end}, "exact" is ${JSON.stringify(a.exact)} (${cpLength(a.exact)} code points)`);
    }
    return a;
  });
}

async function reanchorCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, { old: { type: "string" }, new: { type: "string" }, annotations: { type: "string" }, json: { type: "boolean" } }, { positionals: 0 });
  const missing = (["old", "new", "annotations"] as const).filter((f) => values[f] === undefined || values[f] === "");
  if (missing.length > 0) throw new UsageError(`reanchor needs ${missing.map((f) => `--${f} <file>`).join(", ")}`);
  const [oldPath, newPath, annPath] = [values.old ?? "", values.new ?? "", values.annotations ?? ""];
  const [oldMd, newMd, annJson] = await Promise.all([readText(oldPath, "old"), readText(newPath, "new"), readText(annPath, "annotations")]);
  const oldBlocks = splitBlocks(oldMd);
  const newBlocks = splitBlocks(newMd);
  const annotations = checkAnnotations(annPath, annJson, oldBlocks);
  const result = reanchor(oldBlocks, newBlocks, annotations);
  if (values.json) printJson(result);
  else {
    for (const a of result.annotations) console.log(a.status === "orphaned" ? `${a.id}: orphaned` : `${a.id}: ${a.status} → block ${a.block}, ${a.start}..${a.end}`);
    console.log(`kept ${result.kept}, moved ${result.moved}, orphaned ${result.orphaned}`);
  }
  return 0;
}

/**
 * `pnyx texts reanchor ...` (argv with or without the leading "reanchor"); resolves to the exit code:
 * 0 done, 2 bad usage or bad input (message on standard error).
 */
export async function run(argv: string[]): Promise<number> {
  const rest = argv[0] === "reanchor" ? argv.slice(1) : argv;
  if (rest.includes("--help") || rest.includes("-h") || rest[0] === "help") {
    console.log(USAGE);
    return 0;
  }
  return withUsage("texts reanchor", USAGE, async () => {
    try {
      return await reanchorCommand(rest);
    } catch (e) {
      if (e instanceof BadInput) {
        logLine(`pnyx texts reanchor: ${e.message}`);
        return 2;
      }
      throw e;
    }
  });
}
