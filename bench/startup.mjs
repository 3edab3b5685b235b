#!/usr/bin/env node
// `npm run bench:startup`: how fast Pnyx starts, as an operator sees it. Each figure is the median of
// RUNS runs, from the command's launch to the first 200 on `/` (or to the command's exit for
// `pnyx --help`), on a temporary data folder and free ports; the servers it starts are stopped (SIGINT to
// their process group, as Ctrl-C does) and the folder removed. Prints one JSON line on standard output:
// {"firstStartMs":..,"restartMs":..,"restartCpuMs":..,"restartMsNpm":..,"cliHelpMs":..,"rssAtRestMb":..}
// `restartCpuMs` is the server process's CPU time (user + system) at its first page, the figure a busy
// machine disturbs least.
// Progress goes to standard error. `rssAtRestMb` is the server process's resident memory 3 s after its
// first page, on existing data (median of the `./bin/pnyx start` restarts).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const REST_MS = 3000;
const log = (m) => process.stderr.write(`${m}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function getStatus(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/", agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", () => resolve(0));
    req.setTimeout(5000, () => req.destroy());
  });
}

/** CPU time (user + system, all threads) the process has used so far, in ms. */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Launches `cmd args` as a server on `dataDir`; resolves with the time to the first 200 on `/`. */
async function timeServer(cmd, args, dataDir, { measureRss = false } = {}) {
  buildIfStale();
  const [port, pgPort] = [await freePort(), await freePort()];
  const out = openSync(path.join(dataDir, "..", `server-${path.basename(dataDir)}.log`), "a");
  const env = { ...process.env, PORT: String(port), HOST: "127.0.0.1", PNYX_DATA_DIR: dataDir, PNYX_PG_PORT: String(pgPort), NODE_ENV: "development" };
  delete env.DATABASE_URL;
  delete env.npm_lifecycle_event;
  const started = performance.now();
  const child = spawn(cmd, args, { cwd: root, env, stdio: ["ignore", out, out], detached: true });
  const exited = new Promise((r) => child.once("exit", r));
  let ms = null;
  let cpu = null;
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));
  while (performance.now() - started < 120_000 && !exitedEarly) {
    if ((await getStatus(port)) === 200) {
      ms = performance.now() - started;
      cpu = cpuMs(child.pid);
      break;
    }
    await sleep(10);
  }
  let rss = null;
  if (ms !== null && measureRss) {
    await sleep(REST_MS);
    rss = rssMb(child.pid); // bin/pnyx execs node: the launched process is the server
  }
  if (!exitedEarly) process.kill(-child.pid, "SIGINT");
  await exited;
  // The embedded PostgreSQL is stopped by the server; wait until its pid file is gone.
  for (let i = 0; i < 400 && existsSync(path.join(dataDir, "pg", "postmaster.pid")); i++) await sleep(25);
  if (ms === null) throw new Error(`${cmd} ${args.join(" ")} served no page (see ${dataDir}/../server-*.log)`);
  return { ms, rss, cpu };
}

function timeCommand(cmd, args) {
  buildIfStale();
  const started = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${r.status}`);
  return performance.now() - started;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x) => Math.round(x);

const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
/** Builds when dist/ is stale (not timed): the figures are those of the built code, even while sources change. */
function buildIfStale() {
  if (!pkg.scripts?.build) return; // a checkout from before the build step: the sources run
  // Under the build lock when flock exists: another build (a colleague's, a test's) never runs over this one.
  const build = [process.execPath, path.join(root, "scripts/build.mjs"), "--if-stale"];
  const [cmd, ...args] = existsSync("/usr/bin/flock") ? ["/usr/bin/flock", path.join(os.tmpdir(), "pnyx-build.lock"), ...build] : build;
  const r = spawnSync(cmd, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

log(`load average at start: ${os.loadavg().map((x) => x.toFixed(2)).join(" / ")}`);
const tmp = mkdtempSync(path.join(os.tmpdir(), "pnyx-bench-startup-"));
const pnyx = path.join(root, "bin/pnyx");
try {
  const first = [];
  for (let i = 0; i < RUNS; i++) {
    const { ms, cpu } = await timeServer(pnyx, ["start"], path.join(tmp, `first-${i}`));
    log(`first start ${i + 1}/${RUNS}: ${round(ms)} ms (server process CPU ${round(cpu)} ms)`);
    first.push(ms);
  }
  // Restarts on the data of the first run (its database created, migrated and seeded).
  const data = path.join(tmp, "first-0");
  const restart = [];
  const restartCpu = [];
  const rss = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await timeServer(pnyx, ["start"], data, { measureRss: true });
    log(`restart (./bin/pnyx start) ${i + 1}/${RUNS}: ${round(r.ms)} ms (server process CPU ${round(r.cpu)} ms), rss ${r.rss?.toFixed(1)} MB`);
    restart.push(r.ms);
    restartCpu.push(r.cpu);
    rss.push(r.rss);
  }
  const restartNpm = [];
  for (let i = 0; i < RUNS; i++) {
    const { ms } = await timeServer("npm", ["start"], data);
    log(`restart (npm start) ${i + 1}/${RUNS}: ${round(ms)} ms`);
    restartNpm.push(ms);
  }
  const help = [];
  for (let i = 0; i < RUNS; i++) help.push(timeCommand(pnyx, ["--help"]));
  log(`pnyx --help: ${help.map(round).join(", ")} ms`);
  log(`load average: ${os.loadavg().map((x) => x.toFixed(2)).join(" / ")}`);
  console.log(
    JSON.stringify({
      firstStartMs: round(median(first)),
      restartMs: round(median(restart)),
      restartCpuMs: round(median(restartCpu)),
      restartMsNpm: round(median(restartNpm)),
      cliHelpMs: round(median(help)),
      rssAtRestMb: Math.round(median(rss) * 10) / 10,
    }),
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
