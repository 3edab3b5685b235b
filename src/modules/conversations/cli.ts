/**
 * `pnyx conversations import <dir> --space <slug> [--json]`: a Pol.is openData export into a new
 * conversation, on the database of `pnyx start` (the embedded PostgreSQL is started for the run, or
 * joined when a running Pnyx holds it). The first tick runs before the command exits.
 */
import { withMigratedDatabase } from "../../commands/boot";
import { fail, logLine, parseFlags, printJson, runSubcommand, UsageError } from "../../commands/cli-io";
import { InputError } from "../../engines/opinion/io/csv";
import { importOpenData, readOpenDataFolder, type OpenDataFolder } from "./import";
import { closeSharedWorker, runConversationTick } from "./math";

const USAGE = `Usage:
  pnyx conversations import <dir> --space <slug> [--json]

import: loads a Pol.is openData export folder (comments.csv, votes.csv; other files are ignored) into a
  new published conversation of the space's conversations component (created when missing), runs the
  first tick, and prints {"conversationId":..,"participants":..,"statements":..,"votes":..}.`;

async function importFolder(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { space: { type: "string" }, json: { type: "boolean" } }, { positionals: 1 });
  const dir = positionals[0];
  if (!dir) throw new UsageError("a <dir> is required");
  if (!values.space) throw new UsageError("--space <slug> is required");
  const json = values.json === true;
  const space = values.space;
  let folder: OpenDataFolder;
  try {
    folder = readOpenDataFolder(dir);
  } catch (e) {
    if (e instanceof InputError) return fail("conversations import", new Error(`${e.message}; nothing imported`), json);
    throw e;
  }
  return withMigratedDatabase("conversations import", json, async (db) => {
    const started = performance.now();
    const r = await importOpenData(db, dir, folder, space);
    if (!r.ok) return fail("conversations import", new Error(`no space has the slug "${space}"; nothing imported`), json);
    logLine(`conversations import: ${r.participants} participants, ${r.statements} statements, ${r.votes} votes in ${Math.round(performance.now() - started)} ms`);
    try {
      const tick = await runConversationTick(db, r.conversationId, { force: true });
      if (tick.ran) logLine(`conversations import: first tick in ${Math.round(tick.durationMs)} ms`);
    } finally {
      await closeSharedWorker();
    }
    const out = { conversationId: r.conversationId, participants: r.participants, statements: r.statements, votes: r.votes };
    if (json) printJson(out);
    else console.log(JSON.stringify(out));
    return 0;
  });
}

export async function run(argv: string[]): Promise<number> {
  return runSubcommand("conversations", USAGE, argv, { import: importFolder });
}
