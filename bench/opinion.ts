/**
 * `npm run bench:opinion [-- --caps] [-- --runs N] [-- --one-thread]`: a synthetic conversation the size of the largest
 * real Pol.is conversation (33,422 x 783, 2.0M votes; `--caps`: Pol.is's limits, 100k x 10k, 20M votes)
 * with planted groups. Prints one JSON line: cold, warm (+1% votes) and incremental (+100 votes) tick
 * times (medians of several runs in this process), peak RSS and the ARI against the planted groups.
 */
import { adjustedRandIndex, participantGroups } from "../src/engines/opinion/ari";
import { syntheticConversation } from "../src/engines/opinion/synthetic";
import { computeTick, initialState, type TickOptions } from "../src/engines/opinion/tick";

const caps = process.argv.includes("--caps");
/** `--one-thread`: no helper thread (TickOptions.threads = false), to compare against. */
const threads = !process.argv.includes("--one-thread");
const runsArg = process.argv.indexOf("--runs");
const runs = Math.max(1, runsArg >= 0 ? Number(process.argv[runsArg + 1]) || 1 : caps ? 1 : 5);
const spec = caps
  ? { participants: 100_000, comments: 10_000, votes: 20_000_000, groups: 3, seed: 42 }
  : { participants: 33_422, comments: 783, votes: 2_000_000, groups: 3, seed: 42 };

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** Wall time, and CPU time of the process (less sensitive to other jobs on a shared machine). */
function time<T>(f: () => T): { ms: number; cpuMs: number; value: T } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = f();
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, value };
}

/** Stage times of every run of each phase (`TickOptions.onStage`), reported as medians on stderr. */
const stages: Record<string, Record<string, number[]>> = {};
const stageRecorder = (phase: string) => (stage: string, ms: number): void => {
  ((stages[phase] ??= {})[stage] ??= []).push(ms);
};
/** Power-iteration products per component, of the last run of each phase. */
const products: Record<string, number[]> = {};
const options = (phase: string): TickOptions => {
  const stats = { products: [] };
  products[phase] = stats.products;
  return { onStage: stageRecorder(phase), stats, threads };
};

/** Runs `f` `runs` times; keeps the timings and only the last value (states are tens of MB). */
function repeat<T>(f: () => T): { times: Array<{ ms: number; cpuMs: number }>; last: T } {
  const times: Array<{ ms: number; cpuMs: number }> = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t = time(f);
    times.push({ ms: t.ms, cpuMs: t.cpuMs });
    last = t.value;
  }
  return { times, last: last! };
}

const conv = syntheticConversation(spec);
const input = { votes: conv.votes, moderation: conv.moderation };
const coldRuns = repeat(() => computeTick(initialState(), input, options("cold")));
const cold = coldRuns.times;
const warmVotes = conv.next(Math.round(spec.votes / 100));
const warmRuns = repeat(() => computeTick(coldRuns.last.state, { votes: warmVotes }, options("warm")));
const warm = warmRuns.times;
const incVotes = conv.next(100);
const incRuns = repeat(() => computeTick(warmRuns.last.state, { votes: incVotes }, options("incremental")));
const inc = incRuns.times;

const result = incRuns.last.result;
const groups = participantGroups(result.baseClusters, result.groupClusters);
const pids = [...groups.keys()];
const plantedAri = adjustedRandIndex(pids.map((p) => groups.get(p)!), pids.map((p) => conv.planted[p]!));
const round = (x: number): number => Math.round(x * 10) / 10;
console.log(
  JSON.stringify({
    participants: result.pids.length,
    comments: result.tids.length,
    votes: conv.votes.pid.length,
    coldMs: round(median(cold.map((c) => c.ms))),
    warmMs: round(median(warm.map((c) => c.ms))),
    incrementalMs: round(median(inc.map((c) => c.ms))),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    plantedAri: Math.round(plantedAri * 1e4) / 1e4,
  }),
);
// Context for bench/RESULTS.md, on stderr so that stdout stays one JSON line.
console.error(
  JSON.stringify({
    runs,
    threads,
    coldCpuMs: round(median(cold.map((c) => c.cpuMs))),
    warmCpuMs: round(median(warm.map((c) => c.cpuMs))),
    incrementalCpuMs: round(median(inc.map((c) => c.cpuMs))),
    coldMsAll: cold.map((c) => round(c.ms)),
    warmMsAll: warm.map((c) => round(c.ms)),
    incrementalMsAll: inc.map((c) => round(c.ms)),
    products,
    stageMedianMs: Object.fromEntries(
      Object.entries(stages).map(([phase, byStage]) => [phase, Object.fromEntries(Object.entries(byStage).map(([s, xs]) => [s, round(median(xs))]))]),
    ),
  }),
);
