/**
 * Several Pnyx instances behind nginx, on one machine: the test bed of "stateless but for PostgreSQL"
 * (issue 18) and `npm run cluster` for operators. Starts Debian's PostgreSQL 15 in a temporary folder
 * (or uses a given DATABASE_URL), migrates and seeds the database once, starts N `pnyx start` processes
 * on loopback ports that share the database, the secrets and the data folder (uploads), and nginx in
 * front with the configuration docs/deployment.md ships (docs/nginx-pnyx.conf). Faults are part of the
 * interface: an instance can be killed and started again, PostgreSQL restarted (every connection cut).
 * Nothing here needs root: PostgreSQL runs as the `postgres` user when we are root, nginx on its own
 * configuration, pid, logs and temporary folders.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, openSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export interface ClusterOptions {
  instances: number;
  /** An existing database; else Debian's PostgreSQL 15 is started in a temporary folder. */
  databaseUrl?: string;
  /** nginx's port; 0 (the default) takes a free one. */
  port?: number;
  /** The first instance's port (the next ones follow); default: free ports. */
  basePort?: number;
  /** Extra environment for every instance (SMTP_URL, PNYX_VISITOR_CACHE_MS...). */
  env?: Record<string, string>;
  /** Environment of one instance (by its 0-based index), over `env`: e.g. each its own SMTP_URL. */
  instanceEnv?: (index: number) => Record<string, string>;
  /** "demo" (the default): the demo organization, seeded once before the instances start. */
  seed?: "demo" | "none";
  /**
   * Where the processes' output and the cluster's steps go. Without it, each instance writes to its own
   * file in the cluster's temporary folder (instance-N.log), not through a pipe into this process: Node
   * writes to a pipe synchronously, so a pipe this process drains late (a busy load generator) would
   * stop the instance's event loop at every line, as the development mailer's line per mail did.
   */
  log?: (line: string) => void;
  /**
   * Tests only: the started PostgreSQL runs without fsync, synchronous commit and full-page writes
   * (faster; a crash of the machine, not a restart of the server, would lose the last commits). Off by
   * default, so `npm run cluster` and `bench:cluster` measure a durable database as a deployment runs it.
   */
  unsafeFastStorage?: boolean;
  /** Extra settings for the started PostgreSQL (`-c name=value`), e.g. pg_stat_statements to count statements. */
  postgresSettings?: Record<string, string>;
  /** Node's own flags for every instance run from the build (V8 options NODE_OPTIONS refuses), e.g. ["--single-threaded-gc"]. */
  nodeArgs?: string[];
}

export interface ClusterInstance {
  index: number;
  port: number;
  /** The instance's own address, bypassing nginx. */
  url: string;
  /** The process id of the running instance (the last one's when stopped). */
  pid: number;
  /** Sends `signal` (default SIGTERM) and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the instance (again), resolving once it serves requests. */
  start(): Promise<void>;
  running: boolean;
  /** The process's resident memory, in MB. */
  rssMb(): Promise<number>;
}

export interface Cluster {
  /** nginx's address: what a visitor uses. */
  url: string;
  databaseUrl: string;
  instances: ClusterInstance[];
  postgres: {
    /** Stops the server (every connection cut), waits `downMs`, starts it again. */
    restart(downMs: number): Promise<void>;
    /** False with an external `databaseUrl` (not ours to restart). */
    canRestart: boolean;
  };
  /** Stops nginx, the instances and the PostgreSQL we started, and removes the temporary folder. */
  stop(): Promise<void>;
}

export const PG_BIN = "/usr/lib/postgresql/15/bin";
export const NGINX = "/usr/sbin/nginx";
export const INSTALL_HINT = "apt-get install -y nginx postgresql-15";
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** The nginx configuration of docs/deployment.md, with {{placeholders}}. */
export const NGINX_TEMPLATE = path.join(ROOT, "docs/nginx-pnyx.conf");

export class MissingPrerequisite extends Error {}

/** Throws a MissingPrerequisite naming the install command when nginx or PostgreSQL 15 is missing. */
export function checkPrerequisites(needPostgres: boolean): void {
  const missing = [existsSync(NGINX) ? null : NGINX, needPostgres && !existsSync(path.join(PG_BIN, "postgres")) ? path.join(PG_BIN, "postgres") : null].filter(Boolean);
  if (missing.length > 0) throw new MissingPrerequisite(`The cluster needs ${missing.join(" and ")}. Install with: ${INSTALL_HINT}`);
}

/** A free loopback TCP port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The uid/gid to run PostgreSQL as: `postgres` when we are root (it refuses to run as root). */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  if (uid.status !== 0 || gid.status !== 0) throw new MissingPrerequisite(`Running as root, PostgreSQL needs the postgres user. Install with: ${INSTALL_HINT}`);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Runs a command to its end; rejects with its output when it fails. */
function runToEnd(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; user?: { uid: number; gid: number }; log?: (l: string) => void }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env, uid: opts.user?.uid, gid: opts.user?.gid, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const take = (b: Buffer) => {
      const text = b.toString();
      output += text;
      if (output.length > 20_000) output = output.slice(-20_000);
      for (const line of text.split("\n")) if (line.trim()) opts.log?.(`[${path.basename(cmd)}] ${line}`);
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(" ")} failed (${code ?? signal}):\n${output.slice(-4000)}`));
    });
  });
}

interface OwnPostgres {
  url: string;
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** initdb in `dir`/pgdata, started on a free loopback port, with a `pnyx` role and database. */
async function startPostgres(dir: string, log: (l: string) => void, fast: boolean, settings: Record<string, string> = {}): Promise<OwnPostgres> {
  const user = postgresUser();
  const data = path.join(dir, "pgdata");
  const socketDir = path.join(dir, "pgsocket");
  await fs.mkdir(data, { mode: 0o700 });
  await fs.mkdir(socketDir);
  const superPassword = randomBytes(12).toString("hex");
  const pwfile = path.join(dir, "pgpass");
  await fs.writeFile(pwfile, superPassword, { mode: 0o600 });
  if (user) {
    await fs.chmod(dir, 0o755);
    for (const p of [data, socketDir, pwfile]) await fs.chown(p, user.uid, user.gid);
  }
  const env = { ...process.env, LC_ALL: "C.UTF-8", LANG: "C.UTF-8" };
  await runToEnd(path.join(PG_BIN, "initdb"), ["-D", data, "-U", "postgres", `--pwfile=${pwfile}`, "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"], { env, user, log });
  await fs.rm(pwfile);
  const port = await freePort();
  const logFile = path.join(dir, "postgres.log");
  const unsafe = fast ? " -c fsync=off -c synchronous_commit=off -c full_page_writes=off" : "";
  const extra = Object.entries(settings).map(([k, v]) => ` -c ${k}=${v}`).join("");
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${socketDir} -c max_connections=300${unsafe}${extra}`;
  const pgCtl = (args: string[]) => runToEnd(path.join(PG_BIN, "pg_ctl"), ["-D", data, ...args], { env, user, log });
  if (user) await fs.writeFile(logFile, "").then(() => fs.chown(logFile, user.uid, user.gid));
  const start = () => pgCtl(["-o", options, "-l", logFile, "-w", "-t", "60", "start"]);
  await start();
  const admin = new pg.Client({ connectionString: `postgres://postgres:${superPassword}@127.0.0.1:${port}/postgres` });
  await admin.connect();
  const password = randomBytes(12).toString("hex");
  try {
    // A superuser like the embedded database's role: the migrations create extensions.
    await admin.query(`create role pnyx login superuser password '${password}'`);
    await admin.query("create database pnyx owner pnyx");
  } finally {
    await admin.end();
  }
  log(`postgres: PostgreSQL 15 on 127.0.0.1:${port} (${data})`);
  return {
    url: `postgres://pnyx:${password}@127.0.0.1:${port}/pnyx`,
    async restart(downMs) {
      // "fast": every session is terminated, as when a managed database fails over.
      await pgCtl(["-m", "fast", "-w", "stop"]);
      await sleep(downMs);
      await start();
    },
    async stop() {
      await pgCtl(["-m", "fast", "-w", "stop"]).catch((e: unknown) => log(`postgres: stop failed: ${String(e)}`));
    },
  };
}

/** The nginx site configuration for `ports`, from the template of docs/deployment.md. */
export async function nginxSite(ports: number[], listen: string, serverName = "_"): Promise<string> {
  const template = await fs.readFile(NGINX_TEMPLATE, "utf8");
  const servers = ports.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join("\n    ");
  return template.replaceAll("{{SERVERS}}", servers).replaceAll("{{LISTEN}}", listen).replaceAll("{{SERVER_NAME}}", serverName);
}

/** A whole nginx.conf around the site: its own pid, logs and temporary folders under `dir`. */
function nginxMain(dir: string, site: string): string {
  const t = (name: string) => path.join(dir, name);
  return `# Generated by src/cluster/cluster.ts: the site part is docs/nginx-pnyx.conf.
worker_processes 1;
pid ${t("nginx.pid")};
error_log ${t("error.log")} warn;
daemon off;
events { worker_connections 16384; }
worker_rlimit_nofile 40000;
http {
  access_log off;
  client_body_temp_path ${t("client_body")};
  proxy_temp_path ${t("proxy")};
  fastcgi_temp_path ${t("fastcgi")};
  uwsgi_temp_path ${t("uwsgi")};
  scgi_temp_path ${t("scgi")};
  types { text/html html; }
  default_type application/octet-stream;
${site}
}
`;
}

/** Resolves once `url` answers with any HTTP status (the process serves), or rejects after `ms`. */
async function waitServing(url: string, ms: number, alive: () => boolean): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (!alive()) throw new Error(`${url}: the process exited before serving`);
    try {
      const r = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5000) });
      await r.arrayBuffer();
      if (r.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`${url} did not serve within ${ms} ms`);
    await sleep(150);
  }
}

function waitExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

function pipeLines(child: ChildProcess, prefix: string, log: (l: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let rest = "";
    stream?.on("data", (b: Buffer) => {
      const lines = (rest + b.toString()).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) log(`${prefix} ${line}`);
    });
  }
}

export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const log = opts.log ?? (() => {});
  checkPrerequisites(!opts.databaseUrl);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "pnyx-cluster-"));
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.splice(0).reverse()) await c().catch((e: unknown) => log(`cluster: cleanup: ${String(e)}`));
    await fs.rm(dir, { recursive: true, force: true });
  };
  try {
    let own: OwnPostgres | undefined;
    if (!opts.databaseUrl) {
      own = await startPostgres(dir, log, opts.unsafeFastStorage === true, opts.postgresSettings);
      cleanups.push(() => own!.stop());
    }
    const databaseUrl = opts.databaseUrl ?? own!.url;
    const nginxPort = opts.port || (await freePort());
    const url = `http://127.0.0.1:${nginxPort}`;
    const dataDir = path.join(dir, "data");
    await fs.mkdir(dataDir);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      PUBLIC_URL: url,
      SESSION_SECRET: randomBytes(32).toString("hex"),
      VERIFICATION_SECRET: randomBytes(32).toString("hex"),
      // nginx on loopback is the one proxy: its X-Forwarded-For tells the visitor's address.
      TRUST_PROXY: "127.0.0.1",
      PNYX_DATA_DIR: dataDir,
      PNYX_SEED_DEMO: "false",
      LOG_LEVEL: "warn",
      ...opts.env,
    };
    delete env.PORT;
    // Once, before the instances: one build, one migration, one seed (none of them races another).
    // Clusters started at once (two test files, a benchmark) build one after the other, not over each other.
    const build = ["node", "scripts/build.mjs", "--if-stale"];
    if (existsSync("/usr/bin/flock")) await runToEnd("/usr/bin/flock", [path.join(os.tmpdir(), "pnyx-build.lock"), ...build], { log });
    else await runToEnd(build[0]!, build.slice(1), { log });
    await runToEnd(path.join(ROOT, "bin/pnyx"), ["migrate"], { env, log });
    if ((opts.seed ?? "demo") === "demo") await runToEnd(path.join(ROOT, "bin/pnyx"), ["seed", "--demo"], { env, log });

    // Every instance, and every restart of one, runs this build: `bin/pnyx start` would fall back to the
    // TypeScript sources (through tsx: slower, modules compiled on first use) as soon as a source file is
    // newer than the build, so in a checkout being edited a restarted instance ran other code than the
    // ones started with the cluster (bench:cluster restarts two instances between its two phases).
    const command = existsSync(path.join(ROOT, "dist/build.json")) ? { cmd: process.execPath, args: [...(opts.nodeArgs ?? []), path.join(ROOT, "dist/main.js"), "start"] } : { cmd: path.join(ROOT, "bin/pnyx"), args: ["start"] };
    const ports: number[] = [];
    for (let i = 0; i < opts.instances; i++) ports.push(opts.basePort ? opts.basePort + i : await freePort());
    const instances = ports.map((port, index) => makeInstance(index, port, command, { ...env, ...opts.instanceEnv?.(index) }, log, opts.log ? undefined : path.join(dir, `instance-${index}.log`)));
    cleanups.push(async () => {
      await Promise.all(instances.map((i) => (i.running ? i.kill("SIGTERM") : undefined)));
    });
    await Promise.all(instances.map((i) => i.start()));

    const nginxDir = path.join(dir, "nginx");
    await fs.mkdir(nginxDir);
    const confFile = path.join(nginxDir, "nginx.conf");
    await fs.writeFile(confFile, nginxMain(nginxDir, await nginxSite(ports, `127.0.0.1:${nginxPort}`)));
    await runToEnd(NGINX, ["-t", "-q", "-p", nginxDir, "-c", confFile], { log });
    const nginx = spawn(NGINX, ["-p", nginxDir, "-c", confFile], { stdio: ["ignore", "pipe", "pipe"] });
    pipeLines(nginx, "[nginx]", log);
    cleanups.push(async () => {
      // Fast shutdown (SIGTERM): a graceful one (SIGQUIT) would wait for the open live streams.
      nginx.kill("SIGTERM");
      const exited = waitExit(nginx);
      if ((await Promise.race([exited.then(() => true), sleep(5000).then(() => false)])) === false) nginx.kill("SIGKILL");
      await exited;
    });
    await waitServing(`${url}/`, 20_000, () => nginx.exitCode === null);
    log(`cluster: ${opts.instances} instances behind nginx at ${url}`);

    return {
      url,
      databaseUrl,
      instances,
      postgres: {
        canRestart: own !== undefined,
        async restart(downMs) {
          if (!own) throw new Error("the cluster uses an external database (databaseUrl): it cannot restart it");
          await own.restart(downMs);
        },
      },
      stop: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function makeInstance(index: number, port: number, command: { cmd: string; args: string[] }, baseEnv: NodeJS.ProcessEnv, log: (l: string) => void, logFile?: string): ClusterInstance {
  let child: ChildProcess | undefined;
  const url = `http://127.0.0.1:${port}`;
  const alive = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  const instance: ClusterInstance = {
    index,
    port,
    url,
    pid: 0,
    get running() {
      return alive();
    },
    set running(_v: boolean) {
      // read-only: follows the process
    },
    async start() {
      if (alive()) return;
      const out = logFile ? openSync(logFile, "a") : "pipe";
      const c = spawn(command.cmd, command.args, { cwd: ROOT, env: { ...baseEnv, PORT: String(port) }, stdio: ["ignore", out, out] });
      if (typeof out === "number") closeSync(out);
      child = c;
      instance.pid = c.pid ?? 0;
      pipeLines(c, `[i${index}]`, log);
      c.once("exit", (code, signal) => log(`[i${index}] exited (${code ?? signal})`));
      await waitServing(`${url}/`, 120_000, () => c.exitCode === null && c.signalCode === null);
    },
    async kill(signal = "SIGTERM") {
      const c = child;
      if (!c || !alive()) return;
      c.kill(signal);
      const exited = waitExit(c);
      // A clean stop closes open streams and pools; one that hangs is killed, not waited on forever.
      if (signal !== "SIGKILL" && !(await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]))) c.kill("SIGKILL");
      await exited;
    },
    async rssMb() {
      const status = await fs.readFile(`/proc/${instance.pid}/status`, "utf8");
      const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
      return kb ? Math.round(Number(kb) / 102.4) / 10 : 0;
    },
  };
  return instance;
}
