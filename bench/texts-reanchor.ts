/**
 * The texts engine's part of `npm run bench:texts`: a seeded 400-block text with 5,000 annotations, a
 * next version rewriting 20 % of the blocks (about a quarter of their words each) and moving 10 % of them;
 * `reanchorMs` times the engine alone (alignment, word diffs, searches), no database. Run directly, it
 * prints one JSON line.
 */
import { performance } from "node:perf_hooks";
import { reanchor } from "../src/engines/texts/reanchor";
import { syntheticCase } from "../src/engines/texts/synthetic";

export interface ReanchorBench {
  blocks: number;
  annotations: number;
  reanchorMs: number;
  /** CPU time of the process during the run (user + system, GC threads included): the figure on a busy machine. */
  reanchorCpuMs: number;
  kept: number;
  moved: number;
  orphaned: number;
}

export function benchReanchor(options: { blocks?: number; annotations?: number; seed?: number } = {}): ReanchorBench {
  const c = syntheticCase({ blocks: options.blocks ?? 400, annotations: options.annotations ?? 5_000, rewrite: 0.2, move: 0.1, seed: options.seed ?? 14 });
  // A warm-up run of the same size on another seed, so that the timed run measures the algorithm, not the JIT.
  const warm = syntheticCase({ blocks: options.blocks ?? 400, annotations: options.annotations ?? 5_000, rewrite: 0.2, move: 0.1, seed: (options.seed ?? 14) + 1 });
  reanchor(warm.oldBlocks, warm.newBlocks, warm.annotations);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = reanchor(c.oldBlocks, c.newBlocks, c.annotations);
  const reanchorMs = Math.round((performance.now() - t0) * 10) / 10;
  const cpu = process.cpuUsage(cpu0);
  const reanchorCpuMs = Math.round((cpu.user + cpu.system) / 100) / 10;
  return { blocks: c.oldBlocks.length, annotations: c.annotations.length, reanchorMs, reanchorCpuMs, kept: r.kept, moved: r.moved, orphaned: r.orphaned };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(benchReanchor()));
