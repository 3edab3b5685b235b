/**
 * Benchmark of the budgeting engine: MES + Add1 on a seeded synthetic approval election of 100,000
 * voters and 150 projects (costs 50,000..1,000,000, budget 25% of the total, 1..10 approvals per voter,
 * popularity skewed like real elections). Prints one JSON line. `--reference` times the plain exact MES
 * instead (slow; use with `--voters`).
 */
import { makeElection, type BallotInput } from "../src/engines/budgeting/election-builder";
import { computeRule, summarize } from "../src/engines/budgeting/rules";
import { mulberry32 } from "../src/engines/random";


function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const voters = arg("--voters", 100_000);
const projectCount = arg("--projects", 150);
const rand = mulberry32(arg("--seed", 20240415));

const projects = Array.from({ length: projectCount }, (_, i) => ({ id: String(i + 1), cost: 50_000 + Math.floor(rand() * 950_001) }));
const total = projects.reduce((s, p) => s + p.cost, 0);
// Zipf-like popularity (weight 1/(rank+1)^0.9) on a random ranking: a few projects draw most approvals.
const rank = projects.map((_, i) => i).sort(() => rand() - 0.5);
const weights = rank.map((r) => 1 / Math.pow(r + 1, 0.9));
const cumulative: number[] = [];
weights.reduce((s, w, i) => (cumulative[i] = s + w), 0);
const sum = cumulative[cumulative.length - 1] ?? 1;
function drawProject(): number {
  const x = rand() * sum;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
const ballots: BallotInput[] = [];
for (let v = 0; v < voters; v++) {
  const k = 1 + Math.floor(rand() * 10);
  const chosen = new Set<number>();
  while (chosen.size < k) chosen.add(drawProject());
  ballots.push({ projects: [...chosen].map((j) => String(j + 1)) });
}
const election = makeElection({ budget: Math.floor(total / 4), projects, ballots });

const impl = process.argv.includes("--reference") ? "reference" : "fast";
const cpu0 = process.cpuUsage();
const t0 = performance.now();
// What `pnyx pb compute --rule mes-add1 --json` does once the election is read (reading is not timed
// here: the election is generated in memory): the rule with the CLI's defaults (cost utility, integral
// start, default tie-break), then the JSON summary.
const result = computeRule(election, "mes-add1", { impl });
const summary = summarize(election, result);
const ms = Math.round(performance.now() - t0);
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify({ voters, projects: projectCount, rule: "mes-add1", ms, peakRssMb }));
if (process.argv.includes("--verbose")) {
  const detail = { impl, cpuMs: Math.round(process.cpuUsage(cpu0).user / 1000), groups: election.groups.length, runs: result.runs, selected: summary.selected.length, endowment: summary.endowment, ties: summary.ties.length, ...result.work };
  console.error(JSON.stringify(detail));
}
