import { readFile, writeFile } from "node:fs/promises";
import { buildElection } from "./election";
import { PbParseError, readPb } from "./pb-read";
import { validatePb } from "./pb-validate";
import { writePb } from "./pb-write";
import { computeRule, isRuleName, RULES, summarize, type ComputeOptions } from "./rules";
import { parseTieBreak } from "./tie-break";

const USAGE = `usage:
  pnyx pb validate <file.pb>
  pnyx pb normalize <in.pb> --out <out.pb>
  pnyx pb compute <file.pb> --rule <${RULES.join("|")}> [--tie-break cost,votes,id]
                  [--threshold <n>] [--no-integral] [--exhaustive] [--json]
  (--no-integral: Add1 starts from B/n per voter instead of ⌊B/n⌋)`;

interface Args {
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUED = new Set(["--out", "--rule", "--tie-break", "--threshold"]);

function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      if (eq > 0) flags.set(a.slice(0, eq), a.slice(eq + 1));
      else if (VALUED.has(a)) flags.set(a, argv[++i] ?? "");
      else flags.set(a, true);
    } else positional.push(a);
  }
  return { positional, flags };
}

function flag(args: Args, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === "string" ? v : undefined;
}

async function validate(path: string): Promise<number> {
  const problems = validatePb(await readFile(path, "utf8"));
  for (const p of problems) console.log(`${path}:${p.line}: ${p.message}`);
  console.log(problems.length === 0 ? `${path}: valid` : `${path}: invalid (${problems.length} problem${problems.length === 1 ? "" : "s"})`);
  return problems.length === 0 ? 0 : 1;
}

async function normalize(input: string, out: string | undefined): Promise<number> {
  if (out === undefined) {
    console.error("normalize needs --out <out.pb>");
    return 2;
  }
  const { file } = readPb(await readFile(input, "utf8"));
  const { text, notes } = writePb(file);
  for (const n of notes) console.error(`${input}: ${n}`);
  await writeFile(out, text, "utf8");
  // Formatting cannot repair wrong values (an unknown currency, say): say so, and fail.
  const left = validatePb(text);
  for (const p of left) console.error(`${out}:${p.line}: ${p.message}`);
  return left.length === 0 ? 0 : 1;
}

async function compute(path: string, args: Args): Promise<number> {
  const rule = flag(args, "--rule") ?? "";
  if (!isRuleName(rule)) {
    console.error(`unknown or missing --rule "${rule}"; one of ${RULES.join(", ")}`);
    return 2;
  }
  const opts: ComputeOptions = { integral: !args.flags.has("--no-integral"), exhaustive: args.flags.has("--exhaustive") };
  const tb = flag(args, "--tie-break");
  if (tb !== undefined) opts.tieBreak = parseTieBreak(tb);
  const th = flag(args, "--threshold");
  if (th !== undefined) {
    if (!Number.isFinite(Number(th))) throw new Error(`--threshold "${th}" is not a number`);
    opts.threshold = Number(th);
  }
  const { file, problems: structural } = readPb(await readFile(path, "utf8"));
  const { election, problems } = buildElection(file);
  // As pabutools does: duplicate ids, unknown projects, bad column counts or a non-numeric budget
  // make the election meaningless, so nothing is computed.
  const fatal = [...structural, ...problems];
  if (fatal.length > 0) {
    for (const p of fatal) console.error(`${path}:${p.line}: ${p.message}`);
    return 1;
  }
  const summary = summarize(election, computeRule(election, rule, opts));
  if (args.flags.has("--json")) console.log(JSON.stringify(summary));
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

/** Runs `pnyx pb <command> ...`; resolves to the exit code (1 invalid file, 2 usage or unreadable input). */
export async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const args = parseArgs(rest);
  const file = args.positional[0];
  if (command === undefined || file === undefined || command === "--help") {
    console.error(USAGE);
    return 2;
  }
  try {
    if (command === "validate") return await validate(file);
    if (command === "normalize") return await normalize(file, flag(args, "--out"));
    if (command === "compute") return await compute(file, args);
  } catch (err) {
    if (err instanceof PbParseError) {
      for (const p of err.problems) console.error(`${file}:${p.line}: ${p.message}`);
      return 1;
    }
    console.error(err instanceof Error ? err.message : String(err));
    return 2;
  }
  console.error(USAGE);
  return 2;
}
