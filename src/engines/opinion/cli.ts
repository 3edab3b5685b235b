/** CLI adapter: `pnyx opinion compute <dir> [--state <math-pca2.json>] --json`. All I/O lives here. */
import { printJson, usageError } from "../../commands/cli-io";
import { stateFromBlob } from "./io/blob-state";
import { InputError } from "./io/csv";
import { loadConversation, parseJsonFile } from "./io/load";
import { toPolisBlob, type Json } from "./presenter";
import { computeTick, initialState, type TickOptions } from "./tick";

const USAGE = "Usage: pnyx opinion compute <dir> [--state <math-pca2.json>] --json";

/** The math blob for a conversation folder, warm-started from an optional blob file. Throws InputError. */
export function computeFolder(dir: string, stateFile: string | null, options: TickOptions = {}): { [key: string]: Json } {
  const conv = loadConversation(dir);
  const columnTids = [...new Set(conv.votes.map((v) => v.tid))].sort((a, b) => a - b);
  const prev = stateFile ? stateFromBlob(parseJsonFile(stateFile), columnTids, stateFile) : initialState();
  return toPolisBlob(computeTick(prev, { votes: conv.votes, moderation: conv.moderation }, options).result);
}

/**
 * Runs the subcommand; resolves to the exit code (2 for bad usage or bad input, message on standard
 * error). The output is always one JSON object on standard output (`--json` is accepted for explicitness).
 */
export async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "--help" || command === "-h" || command === "help" || rest.includes("--help")) {
    console.log(USAGE);
    return 0;
  }
  if (command !== "compute") return usageError("opinion", command === undefined ? "a subcommand is required" : `unknown subcommand "${command}"`, USAGE);
  let dir: string | null = null;
  let stateFile: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const [flag, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, null];
    if (flag === "--state") {
      stateFile = inline ?? rest[++i] ?? null;
      if (stateFile === null) return usageError("opinion", "--state needs a file", USAGE);
    } else if (a === "--json") {
      // JSON is the only output format; the flag is accepted for explicitness.
    } else if (a.startsWith("-")) return usageError("opinion", `unknown option ${flag}`, USAGE);
    else if (dir !== null) return usageError("opinion", `unexpected argument "${a}"`, USAGE);
    else dir = a;
  }
  if (dir === null) return usageError("opinion", "compute needs a <dir>", USAGE);
  try {
    printJson(computeFolder(dir, stateFile));
    return 0;
  } catch (e) {
    if (e instanceof InputError) return usageError("opinion", e.message);
    throw e;
  }
}
