/**
 * The page benchmarks' load generator: wrk (C, one epoll loop per thread; Debian's `wrk` package), so
 * that on a machine of two cores the clients cost a fraction of what the server under test does
 * (autocannon, in Node, took most of both cores at a thousand pages a second: ADR 34).
 *
 * `wrk(url, connections, seconds, headers)` runs `wrk --latency` with a Lua script whose `done` prints
 * one JSON line (latencies in microseconds from wrk's histogram: p50, p99, max; requests; errors by
 * kind, `status` being the non-2xx/3xx answers), parsed into the same `Run` as bench/lib/load.ts gives,
 * plus the CPU time wrk itself used (its rusage once reaped, read from this process's children times).
 * A missing wrk stops the benchmark with the command that installs it (`requireWrk`): never a silent
 * fallback to another generator, whose figures are not comparable.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Run } from "./load";
import { figure } from "./report";
import { statFields } from "./server";

export const WRK_INSTALL = "apt-get install -y wrk";

/** Throws, with the install command, unless `wrk` runs. */
export function requireWrk(): void {
  const r = spawnSync("wrk", ["--version"], { encoding: "utf8" });
  if (r.error || !/wrk/.test(`${r.stdout}${r.stderr}`)) throw new Error(`wrk is not installed: the page benchmarks load the server with it (ADR 34). Install it: ${WRK_INSTALL}`);
}

const SCRIPT = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK-JSON {"requests":%d,"durationUs":%d,"bytes":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
`;

let scriptPath: string | null = null;
function script(): string {
  if (scriptPath) return scriptPath;
  const dir = mkdtempSync(path.join(os.tmpdir(), "pnyx-wrk-"));
  scriptPath = path.join(dir, "report.lua");
  writeFileSync(scriptPath, SCRIPT);
  return scriptPath;
}

/** CPU time (ms) of this process's reaped children (wrk, once it has exited). */
function childrenCpuMs(): number {
  const f = statFields(process.pid);
  return f ? (Number(f[13]) + Number(f[14])) * 10 : 0;
}

export interface WrkRun extends Run {
  /** CPU time wrk used (user + system, ms). */
  clientCpuMs: number;
  maxMs: number;
  /** Response bytes read (headers and bodies). */
  bytes: number;
}

interface WrkJson {
  requests: number;
  durationUs: number;
  bytes: number;
  p50Us: number;
  p99Us: number;
  maxUs: number;
  connect: number;
  read: number;
  write: number;
  status: number;
  timeout: number;
}

/** Parses the line the Lua script prints. */
export function parseWrk(stdout: string): WrkJson {
  const line = stdout.split("\n").find((l) => l.startsWith("WRK-JSON "));
  if (!line) throw new Error(`wrk printed no report:\n${stdout}`);
  return JSON.parse(line.slice("WRK-JSON ".length)) as WrkJson;
}

/**
 * `connections` clients requesting `url` back to back for `seconds` (wrk, `threads` event loops, 1 by
 * default: one loop serves fifty connections at several thousand requests a second and leaves the
 * other core to the server). Latencies are of every response (wrk does not split them by status):
 * `failed` counts the non-2xx/3xx answers and socket errors, so a run with failures is not a figure.
 */
export function wrk(url: string, connections: number, seconds: number, headers: Record<string, string> = {}, threads = 1): Promise<WrkRun> {
  const args = ["-t", String(threads), "-c", String(connections), "-d", `${seconds}s`, "--timeout", "30s", "--latency", "-s", script()];
  for (const [name, value] of Object.entries(headers)) args.push("-H", `${name}: ${value}`);
  args.push(url);
  const cpu0 = childrenCpuMs();
  return new Promise((resolve, reject) => {
    const child = spawn("wrk", args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (err += c.toString("utf8")));
    child.on("error", (e) => reject(new Error(`wrk could not run (${e.message}); install it: ${WRK_INSTALL}`)));
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`wrk exited with ${code}: ${err || out}`));
      try {
        const r = parseWrk(out);
        const failed = r.connect + r.read + r.write + r.status + r.timeout;
        resolve({
          p50: r.p50Us / 1000,
          p99: r.p99Us / 1000,
          maxMs: r.maxUs / 1000,
          rps: r.requests / (r.durationUs / 1e6),
          ok: r.requests - r.status,
          failed,
          bytes: r.bytes,
          clientCpuMs: childrenCpuMs() - cpu0,
        });
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
}

/** A wrk run as the page benchmarks print it: latencies, rate, requests, and wrk's own CPU (in all, per page). */
export function wrkFigures(w: WrkRun) {
  return {
    p50Ms: figure(w.p50),
    p99Ms: figure(w.p99),
    maxMs: figure(w.maxMs),
    rps: figure(w.rps),
    requests: w.ok,
    failed: w.failed,
    clientCpuMs: Math.round(w.clientCpuMs),
    clientCpuMsPerPage: Math.round((w.clientCpuMs / Math.max(1, w.ok)) * 1000) / 1000,
  };
}
