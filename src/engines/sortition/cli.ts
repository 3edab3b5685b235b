/**
 * `pnyx sortition select|verify`: the command-line adapter of the engine. Solving runs in a worker
 * thread; progress goes to stderr with --progress; Ctrl-C cancels the solve.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { fail, logLine, printJson, usageError } from "../../commands/cli-io";
import { parseArgs } from "./args";
import { asDrawRecord, csvSha256, drawSeed, PROTOCOL, type DrawInputs } from "./draw";
import { parseCsv } from "./csv";
import { replayReplacements } from "./replacement";
import { buildPool, defaultIdColumn, parseQuotas } from "./input";
import { ALGORITHMS, SortitionCancelledError, SortitionInputError, type Algorithm, type Pool } from "./model";
import { drawRecord, selectionJson, selectionText } from "./report";
import { selectInWorker } from "./runner";
import type { Selection } from "./select";

const USAGE = `Usage:
  pnyx sortition select --categories <csv> --people <csv> --k <n> --algorithm <legacy|maximin|leximin|nash>
                        [--household <col,col>] [--id-column <col>] [--beacon <value>] [--runs <n>]
                        [--record <out.json>] [--progress] [--json]
  pnyx sortition verify <record.json> [--categories <csv> --people <csv>] [--progress] [--json]

The categories file is category,feature,min,max or feature,value,min,max[,min_flex,max_flex].
The seed of the draw is SHA-256 over the beacon, the canonical hashes of both files, the algorithm and
its parameters; --record writes everything needed to replay it with "verify". A record that embeds its
files (a draw's record from the platform: "files": {"categories", "people"}) is verified alone.
--json: one JSON object on standard output; progress and warnings on standard error.`;

interface Loaded {
  pool: Pool;
  quotasSha256: string;
  poolSha256: string;
  idColumn: string | null;
}

function load(categoriesPath: string, peoplePath: string, k: number, idColumn: string | undefined, household: string[]): Loaded {
  let quotasText: string;
  let peopleText: string;
  try {
    quotasText = readFileSync(categoriesPath, "utf8");
    peopleText = readFileSync(peoplePath, "utf8");
  } catch (e) {
    throw new SortitionInputError([{ kind: "file", message: e instanceof Error ? e.message : String(e) }]);
  }
  return loadTexts(quotasText, peopleText, k, idColumn, household);
}

function loadTexts(quotasText: string, peopleText: string, k: number, idColumn: string | undefined, household: string[]): Loaded {
  const pool = buildPool(parseQuotas(quotasText), peopleText, k, { idColumn, householdColumns: household });
  const header = parseCsv(peopleText)[0] ?? [];
  const used = idColumn ?? header[defaultIdColumn(header)] ?? null;
  return { pool, quotasSha256: csvSha256(quotasText), poolSha256: csvSha256(peopleText), idColumn: used };
}

async function solve(pool: Pool, algorithm: Algorithm, seed: string, runs: number | null, progress: boolean): Promise<Selection> {
  const run = selectInWorker(pool, { algorithm, seed, runs: runs ?? undefined }, (p) => {
    if (progress) console.error(`[${p.phase}] iterations ${p.iterations}${p.minProbability !== null ? `, min probability ${p.minProbability.toFixed(5)}` : ""}${p.fixed !== undefined ? `, fixed ${p.fixed}/${p.types}` : ""}${p.panels !== undefined ? `, panels ${p.panels}` : ""}`);
  });
  const onSigint = (): void => run.cancel();
  process.once("SIGINT", onSigint);
  try {
    return await run.result;
  } finally {
    process.off("SIGINT", onSigint);
  }
}

async function selectCommand(argv: string[]): Promise<number> {
  const a = parseArgs(argv, ["categories", "people", "k", "algorithm", "household", "beacon", "record", "runs", "id-column"], ["json", "progress"]);
  const categories = a.flags.get("categories");
  const people = a.flags.get("people");
  const k = Number(a.flags.get("k"));
  const algorithm = a.flags.get("algorithm") as Algorithm | undefined;
  const runsFlag = a.flags.get("runs");
  const runs = runsFlag !== undefined ? Number(runsFlag) : 10_000;
  if (!categories || !people) a.errors.push("--categories and --people are required");
  if (!Number.isInteger(k) || k < 1) a.errors.push("--k must be a whole number >= 1");
  if (!algorithm || !ALGORITHMS.includes(algorithm)) a.errors.push(`--algorithm must be one of ${ALGORITHMS.join(", ")}`);
  if (!Number.isInteger(runs) || runs < 1) a.errors.push("--runs must be a whole number >= 1");
  if (a.positional.length > 0) a.errors.push(`unexpected argument "${a.positional[0]}"`);
  if (a.errors.length > 0 || !categories || !people || !algorithm) return usageError("sortition select", a.errors.join("\n"), USAGE);
  const household = (a.flags.get("household") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const loaded = load(categories, people, k, a.flags.get("id-column"), household);
  let beacon = a.flags.get("beacon");
  if (beacon === undefined) {
    beacon = randomBytes(32).toString("hex");
    console.error(`sortition: no --beacon given; using a locally generated random value (${beacon}). The draw can be replayed from the record, but nobody can check the value was not chosen: announce a public beacon before the draw.`);
  }
  const inputs: DrawInputs = {
    protocol: PROTOCOL,
    beacon,
    poolSha256: loaded.poolSha256,
    quotasSha256: loaded.quotasSha256,
    algorithm,
    k,
    householdColumns: household,
    idColumn: loaded.idColumn,
    runs: algorithm === "legacy" ? runs : null,
  };
  const seed = drawSeed(inputs);
  const selection = await solve(loaded.pool, algorithm, seed, inputs.runs, a.switches.has("progress"));
  if (!selection.estimated && !selection.lotteryExact) {
    console.error(`sortition: the lottery has too many concrete panels to list exactly; each of its ${selection.lottery.length} panels is shown by one representative (the probabilities are exact).`);
  }
  const recordPath = a.flags.get("record");
  if (recordPath) writeFileSync(recordPath, JSON.stringify(drawRecord(loaded.pool, inputs, seed, selection), null, 2) + "\n");
  if (a.switches.has("json")) printJson(selectionJson(loaded.pool, selection));
  else console.log(selectionText(loaded.pool, selection));
  return 0;
}

function readRecord(recordPath: string): unknown {
  try {
    return JSON.parse(readFileSync(recordPath, "utf8")) as unknown;
  } catch (e) {
    return `cannot read ${recordPath}: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** The files a record embeds (`files.categories`, `files.people` as CSV text), or null. */
function embeddedFiles(raw: unknown): { categories: string; people: string } | null {
  const files = raw !== null && typeof raw === "object" ? (raw as { files?: unknown }).files : undefined;
  if (files === null || typeof files !== "object") return null;
  const f = files as { categories?: unknown; people?: unknown };
  return typeof f.categories === "string" && typeof f.people === "string" ? { categories: f.categories, people: f.people } : null;
}

/** The probabilities a record lists, by person id: an object keyed by id, or an array by 1-based row. */
function recordedProbabilities(raw: unknown): Map<string, number> | null {
  const p = raw !== null && typeof raw === "object" ? (raw as { probabilities?: unknown }).probabilities : undefined;
  if (Array.isArray(p)) return new Map(p.map((v, i) => [String(i + 1), Number(v)]));
  if (p !== null && typeof p === "object") return new Map(Object.entries(p as Record<string, unknown>).map(([id, v]) => [id, Number(v)]));
  return null;
}

/** A seated draw's recorded replacements (`replacements`: round, replacesRow, row; rows as strings), or null when absent or malformed. */
function recordedReplacements(raw: unknown): Array<{ round: number; replacesRow: number; row: number }> | null {
  const list = raw !== null && typeof raw === "object" ? (raw as { replacements?: unknown }).replacements : undefined;
  if (!Array.isArray(list)) return null;
  const out = list.map((r: unknown) => {
    const x = (r ?? {}) as { round?: unknown; replacesRow?: unknown; row?: unknown };
    return { round: Number(x.round), replacesRow: Number(x.replacesRow), row: Number(x.row) };
  });
  return out.every((r) => Number.isInteger(r.round) && Number.isInteger(r.replacesRow) && Number.isInteger(r.row)) ? out : null;
}

async function verifyCommand(argv: string[]): Promise<number> {
  const a = parseArgs(argv, ["categories", "people"], ["progress", "json"]);
  const [recordPath, extra] = a.positional;
  const categories = a.flags.get("categories");
  const people = a.flags.get("people");
  if (extra !== undefined) a.errors.push(`unexpected argument "${extra}"`);
  if ((categories === undefined) !== (people === undefined)) a.errors.push("--categories and --people go together");
  if (!recordPath || a.errors.length > 0) {
    return usageError("sortition verify", [...a.errors, "verify needs <record.json> (and --categories and --people unless the record embeds its files)"].join("\n"), USAGE);
  }
  const json = a.switches.has("json");
  const raw = readRecord(recordPath);
  const record = typeof raw === "string" ? raw : asDrawRecord(raw);
  if (typeof record === "string") return fail("sortition verify", record, json);
  const i = record.inputs;
  const embedded = embeddedFiles(raw);
  let loaded: Loaded;
  if (categories !== undefined && people !== undefined) loaded = load(categories, people, i.k, i.idColumn ?? undefined, i.householdColumns);
  else if (embedded) loaded = loadTexts(embedded.categories, embedded.people, i.k, i.idColumn ?? undefined, i.householdColumns);
  else return fail("sortition verify", `${recordPath} does not embed its files ("files": {"categories", "people"}): give --categories and --people`, json);
  const checks: [string, boolean][] = [
    [`pool file hash ${loaded.poolSha256} matches the record`, loaded.poolSha256 === i.poolSha256],
    [`quota file hash ${loaded.quotasSha256} matches the record`, loaded.quotasSha256 === i.quotasSha256],
    [`seed recomputed from the published inputs matches the record`, drawSeed(i) === record.seed],
  ];
  const selection = await solve(loaded.pool, i.algorithm, drawSeed(i), i.runs, a.switches.has("progress"));
  const replayed = selection.panel.map((p) => loaded.pool.people[p]?.id ?? "").sort();
  const recorded = [...record.panel].sort();
  checks.push([`replayed panel equals the recorded panel (${recorded.length} people)`, replayed.join("\u0000") === recorded.join("\u0000")]);
  const replacements = recordedReplacements(raw);
  if (replacements && replacements.length > 0) {
    // A seated draw's record lists its replacements (rounds of the same lottery): replayed from the pool file's rows.
    const candidates = loaded.pool.people.map((p) => ({ row: p.row, features: p.features, household: p.household }));
    const rows = replayReplacements(record.seed, candidates, record.panel.map(Number), replacements);
    const recordedRows = [...replacements].sort((a, b) => a.round - b.round).map((r) => r.row);
    checks.push([`replayed replacements equal the recorded ones (${replacements.length} rounds)`, rows.every((r, at) => r !== null && r === recordedRows[at])]);
  }
  const probabilities = recordedProbabilities(raw);
  if (probabilities) {
    // The record's probabilities are rounded to 1e-9 at most; anything further apart is another lottery.
    const same = probabilities.size === loaded.pool.people.length && loaded.pool.people.every((p, at) => Math.abs((probabilities.get(p.id) ?? Number.NaN) - (selection.probability[at] ?? 0)) <= 1e-6);
    checks.push([`replayed selection probabilities equal the recorded ones (${probabilities.size} people, within 1e-6)`, same]);
  }
  const allOk = checks.every(([, ok]) => ok);
  if (json) {
    printJson({ ok: allOk, verified: allOk, checks: checks.map(([check, ok]) => ({ check, ok })), recordedPanel: recorded, replayedPanel: replayed });
    return allOk ? 0 : 1;
  }
  for (const [what, ok] of checks) console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!allOk) console.log(`replayed panel: ${replayed.join(", ")}`);
  console.log(allOk ? "verified: same panel" : "NOT verified");
  return allOk ? 0 : 1;
}

/**
 * Entry point of `pnyx sortition ...`; resolves to the exit code (0 ok, 1 input or verification
 * failure, 2 usage, 130 cancelled). Messages on standard error; with --json one object on standard output.
 */
export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === "--help" || sub === "-h" || sub === "help" || rest.includes("--help")) {
    console.log(USAGE);
    return 0;
  }
  const json = rest.includes("--json");
  try {
    if (sub === "select") return await selectCommand(rest);
    if (sub === "verify") return await verifyCommand(rest);
    return usageError("sortition", sub === undefined ? "a subcommand is required" : `unknown subcommand "${sub}"`, USAGE);
  } catch (e) {
    if (e instanceof SortitionInputError) {
      logLine(`sortition: the inputs cannot be used:\n${e.problems.map((p) => `- ${p.message}`).join("\n")}`);
      if (json) printJson({ ok: false, error: "the inputs cannot be used", problems: e.problems });
      return 1;
    }
    if (e instanceof SortitionCancelledError) {
      logLine("sortition: cancelled");
      if (json) printJson({ ok: false, error: "cancelled" });
      return 130;
    }
    throw e;
  }
}
