/** Load generation and latency figures shared by the HTTP benchmarks. */
import autocannon from "autocannon";
import type pg from "pg";
import { sleep } from "./server";

/** The nearest-rank percentile `p` (0-100) of ascending `sorted`; NaN when empty. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

export interface Run {
  p50: number;
  p99: number;
  rps: number;
  ok: number;
  failed: number;
}

/** `connections` clients requesting `url` back to back for `seconds` (autocannon); latencies of 2xx responses. */
export function load(url: string, connections: number, seconds: number, headers?: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const started = performance.now();
    const instance = autocannon({ url, connections, duration: seconds, timeout: 30, ...(headers ? { headers } : {}) }, (error, result) => {
      if (error) return reject(error);
      const elapsed = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      resolve({ p50: percentile(latencies, 50), p99: percentile(latencies, 99), rps: latencies.length / elapsed, ok: latencies.length, failed: result.errors + result.timeouts + result.non2xx });
    });
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
}

/** Waits (up to a minute) until the database runs no query but this one: the last run's in-flight requests are done. */
export async function settle(db: pg.Pool): Promise<void> {
  const until = Date.now() + 60_000;
  let quiet = 0;
  while (Date.now() < until && quiet < 3) {
    const r = await db.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid() and backend_type = 'client backend'");
    quiet = (r.rows[0]?.n ?? 0) === 0 ? quiet + 1 : 0;
    await sleep(100);
  }
}
