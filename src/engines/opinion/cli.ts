/** CLI adapter: `pnyx opinion compute <dir> [--state <math-pca2.json>] --json`. All I/O lives here. */
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

/** Runs the subcommand; resolves to the exit code (2 for bad usage or bad input). */
export async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== "compute") {
    console.error(USAGE);
    return command === "--help" || command === "-h" ? 0 : 2;
  }
  let dir: string | null = null;
  let stateFile: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === "--state") {
      stateFile = rest[++i] ?? null;
      if (stateFile === null) {
        console.error(`--state needs a file\n${USAGE}`);
        return 2;
      }
    } else if (a === "--json") {
      // JSON is the only output format; the flag is accepted for explicitness.
    } else if (a.startsWith("-") || dir !== null) {
      console.error(`unexpected argument "${a}"\n${USAGE}`);
      return 2;
    } else dir = a;
  }
  if (dir === null) {
    console.error(USAGE);
    return 2;
  }
  try {
    process.stdout.write(`${JSON.stringify(computeFolder(dir, stateFile))}\n`);
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      console.error(`pnyx opinion: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
