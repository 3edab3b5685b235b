/** The part of autocannon (8.x, no bundled types) that the benchmarks use (bench/lib/load.ts). */
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  interface Options {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    headers?: Record<string, string>;
  }

  interface Result {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
    requests: { total: number; sent: number; average: number };
    latency: { p50: number; p99: number; max: number; average: number };
  }

  /** Emits "response" (client, statusCode, bytes, milliseconds as a float) for every response. */
  type Instance = EventEmitter & { stop: () => void };

  function autocannon(options: Options, done: (error: Error | null, result: Result) => void): Instance;
  export default autocannon;
}
