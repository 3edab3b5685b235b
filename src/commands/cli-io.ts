/**
 * The conventions every `pnyx` subcommand follows (core commands, engines, components' subcommands):
 *
 * - Exit codes: 0 done, 1 the operation failed (bad data, unreachable database...), 2 bad usage
 *   (unknown subcommand or flag, missing or malformed value). Bad usage prints a message and the usage
 *   on standard error, nothing on standard output.
 * - `--json`: standard output holds exactly one JSON object, written by `printJson` (never
 *   `console.log`); logs, progress and warnings go to standard error (`logLine`). `pnyx` (src/main.ts)
 *   also routes console.log/info/debug to standard error for the whole run when `--json` is given, so a
 *   stray log line of a library cannot corrupt the object. For a core command the object has `ok`
 *   (true on exit 0); on an operational failure it is `{"ok":false,"error":"..."}` (`fail`).
 *
 * A subcommand, typically:
 *
 *     const USAGE = "Usage: pnyx thing do <name> [--limit <n>] [--json]";
 *     export async function run(argv: string[]): Promise<number> {
 *       return withUsage("thing", USAGE, async () => {
 *         const { values, positionals } = parseFlags(argv, { limit: { type: "string" }, json: { type: "boolean" } }, { positionals: 1 });
 *         const limit = values.limit === undefined ? 10 : intFlag("limit", values.limit);
 *         if (!positionals[0]) throw new UsageError("a <name> is required");
 *         logLine("working...");
 *         if (values.json) printJson({ ok: true, done: positionals[0] });
 *         else console.log("done");
 *         return 0;
 *       });
 *     }
 */
import { parseArgs } from "node:util";

export type FlagSpec = Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }>;

/** Bad usage: `withUsage` turns it into a message on standard error and exit code 2. */
export class UsageError extends Error {}

let printed = false;

/** Writes `value` as one line of JSON to standard output: the whole output of a `--json` run. */
export function printJson(value: object): void {
  printed = true;
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Whether `printJson` has written this run's object (src/main.ts reports a crash as JSON otherwise). */
export function jsonPrinted(): boolean {
  return printed;
}

/** A log line: always standard error (console.error), so that it never mixes with a command's output. */
export function logLine(message: string): void {
  console.error(message);
}

const prefix = (command: string) => (command ? `pnyx ${command}` : "pnyx");

/** Whether the arguments ask for JSON output (a bare `--json`, anywhere before `--`). */
export function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).includes("--json");
}

/** Reports bad usage of `pnyx <command>` ("" for `pnyx` itself) on standard error; returns the exit code, 2. */
export function usageError(command: string, message: string, usage?: string): 2 {
  logLine(`${prefix(command)}: ${message}${usage ? `\n\n${usage}` : ""}`);
  return 2;
}

/**
 * Reports a failed operation on standard error, and as `{"ok":false,"error":message}` with `--json`;
 * returns the exit code, 1. `trace` adds the stack on standard error (for failures that are bugs).
 */
export function fail(command: string, error: unknown, json: boolean, options: { trace?: boolean } = {}): 1 {
  const message = error instanceof Error ? error.message : String(error);
  logLine(`${prefix(command)}: ${options.trace && error instanceof Error && error.stack ? error.stack : message}`);
  if (json) printJson({ ok: false, error: message });
  return 1;
}

/**
 * Strict flag parsing (node:util parseArgs): `--name value`, `--name=value`, `--flag`, positionals.
 * An unknown flag, a missing value, or more positionals than `options.positionals` throws UsageError.
 */
export function parseFlags<S extends FlagSpec>(argv: string[], spec: S, options: { positionals?: number } = {}) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: spec, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const max = options.positionals ?? Number.POSITIVE_INFINITY;
  if (parsed.positionals.length > max) throw new UsageError(`unexpected argument "${parsed.positionals[max] ?? ""}"`);
  return parsed;
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  const flag = /'([^']+)'/.exec(message)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${flag}`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return flag.startsWith("-") ? `${flag.split(" ")[0]} ${/argument missing/.test(message) ? "needs a value" : "takes no value"}` : message;
  return message;
}

/** A whole number ≥ `min` from a flag's value, or UsageError. */
export function intFlag(name: string, value: string, min = 0): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number >= ${min} (got "${value}")`);
  return n;
}

/** Runs a subcommand's body; a UsageError becomes `usageError(command, message, usage)` (exit 2). */
export async function withUsage(command: string, usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) return usageError(command, error.message, usage);
    throw error;
  }
}

/**
 * `pnyx <command> <sub> ...`: runs the handler named by the first argument with the rest, under
 * `withUsage`. `--help`, `-h` or `help` prints the usage (exit 0); no or an unknown subcommand is bad usage.
 */
export async function runSubcommand(command: string, usage: string, argv: string[], handlers: Record<string, (argv: string[]) => Promise<number>>): Promise<number> {
  return withUsage(command, usage, async () => {
    const [sub, ...rest] = argv;
    if (sub === "--help" || sub === "-h" || sub === "help") {
      console.log(usage);
      return 0;
    }
    const handler = sub === undefined ? undefined : Object.hasOwn(handlers, sub) ? handlers[sub] : undefined;
    if (!handler) throw new UsageError(sub === undefined ? "a subcommand is required" : `unknown subcommand "${sub}"`);
    return handler(rest);
  });
}

/** For `--json` runs: console.log/info/debug write to standard error from now on (see above). */
export function routeConsoleToStderr(): void {
  const toStderr = (...args: unknown[]) => console.error(...args);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
}
