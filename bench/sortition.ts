/**
 * `npm run bench:sortition`: LEXIMIN on a generated pool of 2,000 people with 6 categories, k = 200,
 * quotas at population share ± 2 seats. Runs in the worker thread (as the CLI does), reports progress on
 * stderr and prints {"pool","k","algorithm","ms","minProbability"} on stdout.
 * Options: --people N --k N --algorithm A (defaults 2000, 200, leximin), --initial-rounds N, --equal-first
 * (equal seats for the values of the first category, so that probabilities cannot all be equal),
 * --self-selection S (default 4: the most willing value of each category volunteers S times as often as
 * the least willing one while quotas follow the population, as in real pools, so LEXIMIN has many levels;
 * 1 gives the earlier pool, whose quotas follow the pool and admit equal probabilities).
 * The output adds "levels" (distinct LEXIMIN levels), "selfSelection" and "types".
 */
import { groupTypes } from "../src/engines/sortition/groups";
import { buildPool, parseQuotas } from "../src/engines/sortition/input";
import type { Algorithm } from "../src/engines/sortition/model";
import { sha256Hex } from "../src/engines/sortition/prng";
import { selectInWorker } from "../src/engines/sortition/runner";
import { syntheticPool } from "../src/engines/sortition/synthetic";

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

async function main(): Promise<void> {
  const people = Number(flag("people", "2000"));
  const k = Number(flag("k", "200"));
  const algorithm = flag("algorithm", "leximin") as Algorithm;
  const rounds = process.argv.includes("--initial-rounds") ? Number(flag("initial-rounds", "400")) : undefined;
  const selfSelection = Number(flag("self-selection", "4"));
  const generated = syntheticPool({ people, k, values: [2, 3, 4, 5, 3, 6], margin: 2, seed: "bench:sortition", equalFirst: process.argv.includes("--equal-first"), selfSelection });
  const pool = buildPool(parseQuotas(generated.quotasCsv), generated.peopleCsv, k);
  const start = performance.now();
  let last = 0;
  const run = selectInWorker(pool, { algorithm, seed: sha256Hex("bench:sortition"), initialRounds: rounds, expandLottery: false }, (p) => {
    const now = performance.now();
    if (now - last < 10_000 && p.phase !== "final") return;
    last = now;
    console.error(`${((now - start) / 1000).toFixed(0)} s [${p.phase}] iterations ${p.iterations}, min ${p.minProbability?.toFixed(5) ?? "-"}, fixed ${p.fixed ?? "-"}/${p.types ?? "-"}, panels ${p.panels ?? "-"}${p.lpSeconds !== undefined ? `, LP ${p.lpSeconds.toFixed(0)} s (${p.lpIterations ?? 0} it), pricing ${(p.pricingSeconds ?? 0).toFixed(0)} s` : ""}`);
  });
  process.once("SIGINT", () => run.cancel());
  const s = await run.result;
  const cpu = process.cpuUsage();
  console.error(`process CPU time ${Math.round((cpu.user + cpu.system) / 1000)} ms (all threads); load ${JSON.stringify((await import("node:os")).loadavg().map((x) => Number(x.toFixed(2))))}`);
  console.log(JSON.stringify({ pool: people, k, algorithm, ms: Math.round(performance.now() - start), minProbability: s.minProbability, levels: s.levels ?? null, selfSelection, types: groupTypes(pool).types.length }));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exitCode = 1;
});
