/**
 * What every HTTP benchmark needs around the code it measures: its own embedded PostgreSQL (under
 * .pnyx-test/, removed at the end) and a Pnyx server in a separate process (`./bin/pnyx start`,
 * production mode, which seeds the demo on first start), so the load generator never shares the
 * server's event loop.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openPgStats, pgStatsWanted, preloadPgStatStatements, type PgStats } from "./pg-stats";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SECRET = "bench-secret-bench-secret-bench-secret-0123456789";

/** A progress line on standard error (standard output holds only the JSON results). */
export const log = (m: string): void => {
  process.stderr.write(`${m}\n`);
};
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
export const round1 = (n: number): number => Math.round(n * 10) / 10;
export const loadavg = (): number[] => os.loadavg().map((l) => Math.round(l * 100) / 100);

/** A numeric command-line option (`--name N`), or `fallback`. */
export function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
}
export function textOption(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/** A process's resident memory (MB) and its peak, from /proc. */
export function rssMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb("VmRSS") / 1024), peak: Math.round(kb("VmHWM") / 1024) };
}

/** The fields of /proc/<pid>/stat after the command name (state is 0, ppid 1, utime 11, stime 12, cutime 13, cstime 14), or null. */
export function statFields(pid: number | string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** CPU time (user + system, ms) a process has used: the figure the machine's load inflates least. */
export function processCpuMs(pid: number): number {
  const f = statFields(pid);
  return f ? (Number(f[11]) + Number(f[12])) * 10 : 0;
}

/**
 * CPU time (ms) of a process tree's root, its reaped children and its live direct children: a
 * PostgreSQL server (the postmaster and its backends), nginx (master and workers).
 */
export function treeCpuMs(rootPid: number): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    const f = statFields(pid);
    if (!f) continue;
    if (Number(pid) === rootPid) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    else if (Number(f[1]) === rootPid) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks * 10;
}

/** CPU time (ms) of a PostgreSQL server: the postmaster, its reaped children and its live backends. */
export const postgresCpuMs = (postmasterPid: number): number => treeCpuMs(postmasterPid);

export interface BenchDatabase {
  url: string;
  /** The PostgreSQL server's main process (for its CPU time). */
  postmasterPid: number;
  /** Stops PostgreSQL and removes its folder (unless `keep`). */
  stop: () => Promise<void>;
  /** Statement statistics, with `PNYX_BENCH_PG_STATS=1` (bench/lib/pg-stats.ts); null otherwise. */
  pgStats: PgStats | null;
}

/** An embedded PostgreSQL of its own, in .pnyx-test/<name>-<pid> (inside the project: a root-run PostgreSQL cannot enter a private temporary folder). */
export async function startDatabase(name: string, keep = false): Promise<BenchDatabase> {
  const dataDir = path.join(root, ".pnyx-test", `${name}-${process.pid}`);
  await mkdir(dataDir, { recursive: true });
  const { loadConfig } = await import("../../src/config");
  const { locateDatabase } = await import("../../src/db/connect");
  const config = loadConfig({ PNYX_DATA_DIR: dataDir, PNYX_PG_PORT: String(await freePort()), LOG_LEVEL: "silent" });
  let location = await locateDatabase(config, (m) => log(`[db] ${m}`));
  let pgStats: PgStats | null = null;
  if (pgStatsWanted()) {
    // pg_stat_statements is loaded only at start: set it, then restart the server once.
    await preloadPgStatStatements(location.url);
    await location.stop();
    location = await locateDatabase(config, (m) => log(`[db] ${m}`));
    pgStats = await openPgStats(location.url);
  }
  const postmasterPid = Number(readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
  return {
    url: location.url,
    postmasterPid,
    pgStats,
    stop: async () => {
      await location.stop().catch(() => {});
      if (!keep) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The server under test. */
export interface Server {
  child: ChildProcess;
  pid: number;
  base: string;
}

/** `pnyx start` on the benchmark's database, in production mode; resolves once it says it is ready. */
export async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(path.join(root, "bin/pnyx"), ["start"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: base, SESSION_SECRET: SECRET, LOG_LEVEL: "warn", PNYX_SEED_DEMO: "true", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) log(`[server] ${line}`);
  };
  child.stderr?.on("data", forward);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the server did not start within 2 minutes")), 120_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      forward(chunk);
      if (chunk.toString("utf8").includes("Pnyx is ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before it was ready`));
    });
  });
  return { child, pid: child.pid ?? 0, base };
}

export async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGINT");
  await Promise.race([exited, sleep(20_000)]);
  if (server.child.exitCode === null) server.child.kill("SIGKILL");
}
