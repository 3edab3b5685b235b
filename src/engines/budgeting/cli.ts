import { readFile, writeFile } from "node:fs/promises";
import { logLine, parseFlags, printJson, UsageError, usageError, withUsage } from "../../commands/cli-io";
import { buildElection } from "./election";
import type { Problem } from "./pb-model";
import { PbParseError, readPb } from "./pb-read";
import { validatePb } from "./pb-validate";
import { writePb } from "./pb-write";
import { computeRule, isRuleName, RULES, summarize, type ComputeOptions } from "./rules";
import { parseTieBreak } from "./tie-break";

const USAGE = `usage:
  pnyx pb validate <file.pb> [--json]
  pnyx pb normalize <in.pb> --out <out.pb> [--json]
  pnyx pb compute <file.pb> --rule <${RULES.join("|")}> [--tie-break cost,votes,id]
                  [--threshold <n>] [--no-integral] [--exhaustive] [--json]
  (--no-integral: Add1 starts from B/n per voter instead of ⌊B/n⌋)
  --json: one JSON object on standard output; messages on standard error.`;

const JSON_FLAG = { json: { type: "boolean" } } as const;

/** The one positional <file> of a subcommand, or UsageError. */
function fileOf(positionals: string[], what: string): string {
  const [file, extra] = positionals;
  if (file === undefined) throw new UsageError(`${what} needs a <file.pb>`);
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  return file;
}

/** A file that cannot be read as .pb at all, with its path. */
class UnreadablePb extends Error {
  constructor(
    readonly path: string,
    readonly problems: Problem[],
  ) {
    super(`${path}: the file cannot be read as a .pb file`);
  }
}

function readPbAt(path: string, text: string): ReturnType<typeof readPb> {
  try {
    return readPb(text);
  } catch (e) {
    if (e instanceof PbParseError) throw new UnreadablePb(path, e.problems);
    throw e;
  }
}

const problemLines = (path: string, problems: readonly Problem[]) => problems.map((p) => `${path}:${p.line}: ${p.message}`);

async function validate(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, JSON_FLAG);
  const path = fileOf(positionals, "validate");
  const problems = validatePb(await readFile(path, "utf8"));
  const verdict = problems.length === 0 ? `${path}: valid` : `${path}: invalid (${problems.length} problem${problems.length === 1 ? "" : "s"})`;
  if (values.json) {
    for (const line of problemLines(path, problems)) logLine(line);
    printJson({ ok: problems.length === 0, file: path, valid: problems.length === 0, problems });
  } else {
    for (const line of problemLines(path, problems)) console.log(line);
    console.log(verdict);
  }
  return problems.length === 0 ? 0 : 1;
}

async function normalize(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { ...JSON_FLAG, out: { type: "string" } });
  const input = fileOf(positionals, "normalize");
  const out = values.out;
  if (out === undefined) throw new UsageError("normalize needs --out <out.pb>");
  const { file } = readPbAt(input, await readFile(input, "utf8"));
  const { text, notes } = writePb(file);
  for (const n of notes) logLine(`${input}: ${n}`);
  await writeFile(out, text, "utf8");
  // Formatting cannot repair wrong values (an unknown currency, say): say so, and fail.
  const left = validatePb(text);
  for (const line of problemLines(out, left)) logLine(line);
  if (values.json) printJson({ ok: left.length === 0, out, notes, problems: left });
  return left.length === 0 ? 0 : 1;
}

async function compute(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    ...JSON_FLAG,
    rule: { type: "string" },
    "tie-break": { type: "string" },
    threshold: { type: "string" },
    "no-integral": { type: "boolean" },
    exhaustive: { type: "boolean" },
  });
  const path = fileOf(positionals, "compute");
  const rule = values.rule ?? "";
  if (!isRuleName(rule)) throw new UsageError(`unknown or missing --rule "${rule}"; one of ${RULES.join(", ")}`);
  const opts: ComputeOptions = { integral: values["no-integral"] !== true, exhaustive: values.exhaustive === true };
  const tb = values["tie-break"];
  if (tb !== undefined) {
    try {
      opts.tieBreak = parseTieBreak(tb);
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
  }
  const th = values.threshold;
  if (th !== undefined) {
    if (th.trim() === "" || !Number.isFinite(Number(th))) throw new UsageError(`--threshold "${th}" is not a number`);
    opts.threshold = Number(th);
  }
  const json = values.json === true;
  const { file, problems: structural } = readPbAt(path, await readFile(path, "utf8"));
  const { election, problems } = buildElection(file);
  // As pabutools does: duplicate ids, unknown projects, bad column counts or a non-numeric budget
  // make the election meaningless, so nothing is computed.
  const fatal = [...structural, ...problems];
  if (fatal.length > 0) {
    for (const line of problemLines(path, fatal)) logLine(line);
    if (json) printJson({ ok: false, error: `${path}: ${fatal.length} problem${fatal.length === 1 ? "" : "s"}; nothing computed`, problems: fatal });
    return 1;
  }
  const summary = summarize(election, computeRule(election, rule, opts));
  if (json) printJson(summary);
  else {
    console.log(`${summary.rule}: ${summary.selected.join(", ")}`);
    console.log(`cost ${summary.cost} of ${summary.budget} (${(summary.budgetShare * 100).toFixed(2)}%)`);
    console.log(`voters with a funded project: ${summary.votersWithFundedProject}`);
    if (summary.endowment !== undefined) console.log(`endowment per voter: ${summary.endowment}`);
    for (const t of summary.ties) {
      console.log(`tie between ${t.candidates.join(", ")}: ${t.chosen} chosen by ${t.by}`);
    }
  }
  return 0;
}

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = { validate, normalize, compute };

/**
 * Runs `pnyx pb <command> ...`; resolves to the exit code (0 ok, 1 invalid file, 2 usage or unreadable
 * input). Messages go to standard error; with --json, standard output holds one JSON object.
 */
export async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "--help" || command === "-h" || command === "help") {
    console.log(USAGE);
    return 0;
  }
  const sub = command === undefined ? undefined : COMMANDS[command];
  if (sub === undefined) return usageError("pb", command === undefined ? "a subcommand is required" : `unknown subcommand "${command}"`, USAGE);
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(USAGE);
    return 0;
  }
  return withUsage("pb", USAGE, async () => {
    try {
      return await sub(rest);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      if (err instanceof UnreadablePb) {
        for (const line of problemLines(err.path, err.problems)) logLine(line);
        if (rest.includes("--json")) printJson({ ok: false, error: err.message, problems: err.problems });
        return 1;
      }
      // An unreadable input (missing file, a folder...): bad input, exit 2.
      return usageError("pb", err instanceof Error ? err.message : String(err));
    }
  });
}
