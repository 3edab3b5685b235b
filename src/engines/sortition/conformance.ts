/**
 * `npm run conformance:sortition -- <path to shared/data/sortition>`: checks the engine against the
 * issue's golden results and prints a report; exits 1 on any failure.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildPool, parseQuotas, type PeopleOptions } from "./input";
import { ALGORITHMS, SortitionInputError, type Algorithm, type Pool } from "./model";
import { sha256Hex } from "./prng";
import { select, type Selection } from "./select";
import { panelProblems } from "./stats";
import { syntheticPool } from "./synthetic";

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

const checks: Check[] = [];
function check(name: string, ok: boolean, detail: string): void {
  checks.push({ name, ok, detail });
  console.log(`${ok ? "PASS" : "FAIL"}  ${name}: ${detail}`);
}

function loadPool(dir: string, quotas: string, people: string, k: number, options: PeopleOptions = {}): Pool {
  return buildPool(parseQuotas(readFileSync(join(dir, quotas), "utf8")), readFileSync(join(dir, people), "utf8"), k, options);
}

/** Every lottery panel and the drawn panel meet k, quotas and households; λ sums to 1; probabilities add up. */
function lotteryConsistent(pool: Pool, s: Selection): string[] {
  const issues: string[] = [];
  for (const [i, e] of s.lottery.entries()) {
    const problems = panelProblems(pool, e.members);
    if (problems.length > 0) issues.push(`lottery panel ${i}: ${problems.join("; ")}`);
    if (issues.length > 5) break;
  }
  const drawn = panelProblems(pool, s.panel);
  if (drawn.length > 0) issues.push(`drawn panel: ${drawn.join("; ")}`);
  const total = s.lottery.reduce((a, e) => a + e.probability, 0);
  if (Math.abs(total - 1) > 1e-6) issues.push(`lottery probabilities sum to ${total}`);
  const sum = new Float64Array(pool.people.length);
  for (const e of s.lottery) for (const m of e.members) sum[m] = (sum[m] ?? 0) + e.probability;
  const worst = Math.max(...sum.map((v, i) => Math.abs(v - (s.probability[i] ?? 0))));
  if (worst > 1e-6) issues.push(`person probabilities differ from the lottery sums by up to ${worst}`);
  return issues;
}

async function run(algorithm: Algorithm, pool: Pool, runs = 2000): Promise<Selection> {
  return select(pool, { algorithm, seed: sha256Hex(`conformance/${algorithm}`), runs });
}

async function main(dir: string): Promise<number> {
  console.log(`Sortition conformance on ${dir}\n`);
  // 1. example_small_20: LEXIMIN gives everyone 0.100.
  const small = loadPool(join(dir, "example_small_20"), "categories.csv", "respondents.csv", 20);
  const lex = await run("leximin", small);
  const off = Math.max(...lex.probability.map((p) => Math.abs(p - 0.1)));
  check("example_small_20 LEXIMIN", off <= 0.001, `${small.people.length} people, k = 20: every probability within ${off.toExponential(2)} of 0.100 (min ${lex.minProbability.toFixed(4)}, ${lex.ms} ms)`);
  const leg = await run("legacy", small);
  console.log(`      for comparison LEGACY (2,000 Monte-Carlo runs): min ${leg.minProbability.toFixed(4)}, Gini ${leg.gini.toFixed(4)}`);

  // 2. sf_fixture_150 with k = 22: every algorithm's panels respect the quotas; LEXIMIN min >= MAXIMIN min.
  const sf = loadPool(join(dir, "sf_fixture_150"), "features.csv", "candidates.csv", 22, { householdColumns: ["primary_address1", "primary_zip"] });
  const mins: Partial<Record<Algorithm, number>> = {};
  for (const algorithm of ALGORITHMS) {
    const s = await run(algorithm, sf);
    mins[algorithm] = s.minProbability;
    const issues = lotteryConsistent(sf, s);
    check(`sf_fixture_150 ${algorithm.toUpperCase()}`, issues.length === 0, issues.length ? issues.join(" | ") : `${s.lottery.length} lottery panels all meet the quotas, min ${s.minProbability.toFixed(4)}, Gini ${s.gini.toFixed(4)}${s.estimated ? " (estimated)" : ""}, ${s.ms} ms`);
  }
  const lm = mins.leximin ?? 0;
  const mm = mins.maximin ?? 0;
  check("sf_fixture_150 LEXIMIN min >= MAXIMIN min", lm >= mm - 1e-6, `${lm.toFixed(5)} >= ${mm.toFixed(5)}`);
  try {
    await run("leximin", loadPool(join(dir, "sf_fixture_150"), "features.csv", "candidates.csv", 21));
    check("sf_fixture_150 k = 21 is reported infeasible", false, "a panel was drawn");
  } catch (e) {
    const ok = e instanceof SortitionInputError && e.problems.some((p) => p.kind === "infeasible");
    check("sf_fixture_150 k = 21 is reported infeasible", ok, ok ? (e as SortitionInputError).problems[0]?.message.replaceAll("\n", " ") ?? "" : String(e));
  }

  // 3. A generated pool with shared addresses: at most one person per household, in every panel.
  const g = syntheticPool({ people: 120, k: 15, values: [2, 3, 3], margin: 2, seed: "conformance-households", sharedAddressRate: 0.35 });
  const hh = buildPool(parseQuotas(g.quotasCsv), g.peopleCsv, 15, { householdColumns: ["address", "zip"] });
  const shared = new Map<string, number>();
  hh.people.forEach((p) => p.household && shared.set(p.household, (shared.get(p.household) ?? 0) + 1));
  const multi = [...shared.values()].filter((n) => n > 1);
  console.log(`\n      household pool: ${hh.people.length} people, ${multi.length} households of 2+ (${multi.reduce((a, b) => a + b, 0)} people)`);
  for (const algorithm of ["leximin", "legacy"] as const) {
    const s = await run(algorithm, hh);
    const issues = lotteryConsistent(hh, s);
    const perHome = new Map<string, number>();
    hh.people.forEach((p, i) => p.household && perHome.set(p.household, (perHome.get(p.household) ?? 0) + (s.probability[i] ?? 0)));
    const maxHome = Math.max(...perHome.values());
    check(`household rule ${algorithm.toUpperCase()}`, issues.length === 0 && maxHome <= 1 + 1e-6, issues.length ? issues.join(" | ") : `${s.lottery.length} panels, none with two people of one household; largest household selection probability ${maxHome.toFixed(4)} <= 1`);
  }
  const failed = checks.filter((c) => !c.ok);
  console.log(`\n${checks.length - failed.length}/${checks.length} checks passed`);
  return failed.length === 0 ? 0 : 1;
}

const dir = process.argv[2];
if (!dir) {
  console.error("usage: npm run conformance:sortition -- <path to shared/data/sortition>");
  process.exitCode = 2;
} else {
  main(dir).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
      process.exitCode = 1;
    },
  );
}
