/**
 * The commands share the database of `pnyx start`: `pnyx migrate` on the data folder of a running Pnyx
 * joins its embedded PostgreSQL and leaves it running (it used to stop it: the server then answered
 * 500), and `pnyx migrate --json` prints exactly one JSON object on standard output.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config";
import { locateDatabase, type DatabaseLocation } from "./connect";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

/** Runs `./bin/pnyx <args>` with the embedded database of `dataDir` (never a DATABASE_URL of the test run). */
function pnyx(args: string[], dataDir: string, pgPort: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, PNYX_DATA_DIR: dataDir, PNYX_PG_PORT: String(pgPort), NODE_ENV: "development" };
  delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "bin/pnyx"), args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function answers(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ n: number }>("select count(*)::int as n from pnyx_meta.migrations");
    return r.rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

const dirs: string[] = [];
const running: DatabaseLocation[] = [];
afterAll(async () => {
  for (const location of running) await location.stop();
  for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
});

describe("the commands and the database of `pnyx start`", () => {
  it("migrate --json: one JSON object on stdout; its own server stopped after, a running one left running", async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "pnyx-connect-"));
    dirs.push(dataDir);
    const pgPort = await freePort();

    // No server yet: the command starts the embedded one for its run, then stops it.
    const first = await pnyx(["migrate", "--json"], dataDir, pgPort);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.endsWith("\n")).toBe(true);
    expect(first.stdout.trimEnd().split("\n")).toHaveLength(1);
    const result = JSON.parse(first.stdout) as { ok: boolean; applied: number; total: number; database: { embedded: boolean; alreadyRunning: boolean } };
    expect(result.ok).toBe(true);
    expect(result.applied).toBeGreaterThan(0);
    expect(result.applied).toBe(result.total);
    expect(result.database).toEqual({ embedded: true, alreadyRunning: false });
    expect(await portAnswers(pgPort)).toBe(false);
    expect(existsSync(path.join(dataDir, "pg", "postmaster.pid"))).toBe(false);

    // A running Pnyx holds the database (as `pnyx start` does, through locateDatabase).
    const config = loadConfig({ PNYX_DATA_DIR: dataDir, PNYX_PG_PORT: String(pgPort) });
    const server = await locateDatabase(config, () => {});
    running.push(server);
    expect(server.alreadyRunning).toBe(false);
    expect(await answers(server.url)).toBe(result.total);

    const second = await pnyx(["migrate", "--json"], dataDir, pgPort);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual({ ok: true, applied: 0, total: result.total, database: { embedded: true, alreadyRunning: true } });
    expect(second.stderr).toContain("already running");
    // The server of the running Pnyx still answers.
    expect(await answers(server.url)).toBe(result.total);

    // In-process too: a joined location's stop leaves the server running; the owner's stops it.
    const joined = await locateDatabase(config, () => {});
    expect(joined).toMatchObject({ url: server.url, embedded: true, alreadyRunning: true });
    await joined.stop();
    expect(await answers(server.url)).toBe(result.total);
    await server.stop();
    running.length = 0;
    expect(await portAnswers(pgPort)).toBe(false);
  }, 180_000);
});
