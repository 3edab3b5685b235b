/**
 * `pnyx assemblies draw`: a draw of a space's sortition component from the command line, on the
 * database of `pnyx start`. The same path as the web draw (createDraw, startDraw, runDraw in a worker
 * thread, in this process), recorded and published the same way; prints `pnyx sortition select`'s
 * JSON plus `drawId` and `recordUrl`.
 */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { withMigratedDatabase } from "../../commands/boot";
import { fail, intFlag, logLine, parseFlags, printJson, runSubcommand, UsageError } from "../../commands/cli-io";
import { SortitionInputError } from "../../engines/sortition/model";
import { selectionJson, selectionText } from "../../engines/sortition/report";
import { findSpaceBySlug } from "../../core/spaces/queries";
import { componentPath } from "../../core/spaces/types";
import { cancelDraw, createDraw, publishDraw, startDraw } from "./draw-service";
import { runDraw } from "./draw-run";
import { sortitionComponentOf } from "./place";
import { preparePool, type PreparedPool } from "./pool";
import { DRAW_ALGORITHMS, type DrawAlgorithm } from "./schema";

const USAGE = `Usage:
  pnyx assemblies draw --space <slug> --people <pool.csv> --categories <categories.csv> --k <n>
                       [--algorithm leximin|legacy] [--seed <string>] [--household <col,col>]
                       [--id-column <col>] [--title <text>] [--json]

Draws a panel of k people from the pool with the quotas of the categories file (the engine's formats:
see "pnyx sortition --help"), in the space's sortition component (created if it has none), records it
and publishes its record. --seed is the public randomness announced before the draw (the engine's
--beacon); without it a local random value is used and said so. --household: address columns, people
equal on all of them are one household (at most one drawn). --json prints the JSON of
"pnyx sortition select" plus "drawId" and "recordUrl" (the record's page; add ".json" for the file
that "pnyx sortition verify <record.json>" replays).`;

const CLI_ACTOR = { id: 0, ip: null };

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function draw(argv: string[]): Promise<number> {
  const { values } = parseFlags(
    argv,
    { space: { type: "string" }, people: { type: "string" }, categories: { type: "string" }, k: { type: "string" }, algorithm: { type: "string" }, seed: { type: "string" }, household: { type: "string" }, "id-column": { type: "string" }, title: { type: "string" }, json: { type: "boolean" } },
    { positionals: 0 },
  );
  if (!values.space) throw new UsageError("--space <slug> is required");
  if (!values.people || !values.categories) throw new UsageError("--people <pool.csv> and --categories <categories.csv> are required");
  if (values.k === undefined) throw new UsageError("--k <n> is required");
  const k = intFlag("k", values.k, 1);
  const algorithm = (values.algorithm ?? "leximin") as DrawAlgorithm;
  if (!DRAW_ALGORITHMS.includes(algorithm)) throw new UsageError(`--algorithm must be one of ${DRAW_ALGORITHMS.join(", ")}`);
  const json = values.json === true;
  const householdColumns = (values.household ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const [quotasText, peopleText] = [await readText(values.categories), await readText(values.people)];
  let pool: PreparedPool;
  try {
    pool = preparePool(quotasText, peopleText, k, { ...(values["id-column"] === undefined ? {} : { idColumn: values["id-column"] }), householdColumns });
  } catch (error) {
    if (!(error instanceof SortitionInputError)) throw error;
    logLine(`assemblies draw: the inputs cannot be used:\n${error.problems.map((p) => `- ${p.message}`).join("\n")}`);
    if (json) printJson({ ok: false, error: "the inputs cannot be used", problems: error.problems });
    return 1;
  }
  let seed = values.seed;
  if (seed === undefined) {
    seed = randomBytes(32).toString("hex");
    logLine(`assemblies draw: no --seed given; using a locally generated random value (${seed}). The draw can be replayed from its record, but nobody can check the value was not chosen: announce a public value before the draw.`);
  }
  const space = values.space;
  const randomness = seed;
  return withMigratedDatabase("assemblies draw", json, async (db) => {
    const found = await findSpaceBySlug(db, space);
    if (!found) return fail("assemblies draw", new Error(`no space has the slug "${space}"; nothing drawn`), json);
    const componentId = await sortitionComponentOf(db, CLI_ACTOR, found.id);
    const title = values.title ?? `Draw of ${new Date().toISOString().slice(0, 10)}`;
    const commitment = values.seed === undefined ? "none: a value generated locally by pnyx assemblies draw" : "given with --seed to pnyx assemblies draw";
    const drawId = await createDraw(db, CLI_ACTOR, { spaceId: found.id, componentId }, { title: { en: title }, k, algorithm, commitment, randomness, householdColumns, pool });
    const started = await startDraw(db, CLI_ACTOR, found.id, drawId);
    if (!started.ok) return fail("assemblies draw", new Error(`draw ${drawId} could not start (${started.reason})`), json);
    const onSigint = (): void => void cancelDraw(db, CLI_ACTOR, found.id, drawId);
    process.once("SIGINT", onSigint);
    let outcome;
    try {
      outcome = await runDraw(db, drawId);
    } finally {
      process.off("SIGINT", onSigint);
    }
    if (!outcome || outcome.status !== "done" || !outcome.selection || !outcome.pool) {
      const why = outcome?.status === "cancelled" ? "cancelled" : (outcome?.error ?? "the draw did not run");
      return fail("assemblies draw", new Error(`draw ${drawId}: ${why}`), json);
    }
    await publishDraw(db, CLI_ACTOR, found.id, drawId);
    // The engine ran on the published pool (people named by row); the output names them as `select` does.
    const named = { ...outcome.pool, people: outcome.pool.people.map((p, i) => ({ ...p, id: pool.contacts[i]?.externalId ?? p.id })) };
    const recordUrl = componentPath(found, componentId, `/draws/${drawId}`);
    if (json) printJson({ ...selectionJson(named, outcome.selection), drawId, recordUrl });
    else console.log(`${selectionText(named, outcome.selection)}\ndraw ${drawId}: record ${recordUrl} (and ${recordUrl}.json)`);
    return 0;
  });
}

export async function run(argv: string[]): Promise<number> {
  return runSubcommand("assemblies", USAGE, argv, { draw });
}
