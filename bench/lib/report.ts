/** What the HTTP benchmarks measure a page with and print: figures rounded for their JSON lines, and the run of `main`. */
import type pg from "pg";
import { load, percentile, settle, type Run } from "./load";
import { log, round1 } from "./server";

/** A figure for a JSON line: rounded to 0.1, null when not measured (NaN). */
export const figure = (n: number): number | null => (Number.isFinite(n) ? round1(n) : null);

/** A page's figures: the concurrent run's p50, p99 and rate, and the one-client run's p50. */
export const pageFigures = (one: Run, many: Run) => ({ p50Ms: figure(many.p50), p99Ms: figure(many.p99), rps: figure(many.rps), p50Ms1: figure(one.p50) });

/** The p50, p95 and p99 and the longest of ascending latencies. */
export const latencyFigures = (sorted: number[]) => ({ p50Ms: figure(percentile(sorted, 50)), p95Ms: figure(percentile(sorted, 95)), p99Ms: figure(percentile(sorted, 99)), maxMs: figure(sorted.at(-1) ?? NaN) });

export interface PageRuns {
  warmup: number;
  seconds1: number;
  clients: number;
  seconds: number;
  /**
   * Headers of the warm-up and one-client runs, e.g. `Cache-Control: no-cache` so that one client
   * measures the page's own cost, rendered anew each time, not the visitor cache (ADR 10).
   */
  oneClientHeaders?: Record<string, string>;
  /** Headers of the concurrent run, e.g. a browser's `Accept-Encoding: gzip`. */
  manyHeaders?: Record<string, string>;
  /** Just before the concurrent run (a floor measurement, CPU time before). */
  beforeMany?: () => Promise<void>;
  /** Right after the concurrent run, before the database settles (CPU time after). */
  afterMany?: (many: Run) => void;
}

/** A page's runs: a warm-up, one client, then `clients` concurrent clients; the database settles after each. */
export async function measureUrl(db: pg.Pool, url: string, o: PageRuns): Promise<{ one: Run; many: Run }> {
  await load(url, 1, o.warmup, o.oneClientHeaders);
  await settle(db);
  const one = await load(url, 1, o.seconds1, o.oneClientHeaders);
  await settle(db);
  await o.beforeMany?.();
  const many = await load(url, o.clients, o.seconds, o.manyHeaders);
  o.afterMany?.(many);
  await settle(db);
  return { one, many };
}

/** Runs a benchmark's `main` and exits with its code (1 when it throws, the error logged). */
export function runBench(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      log(String(error));
      process.exit(1);
    },
  );
}
