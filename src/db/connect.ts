/**
 * Where the database is: the server at DATABASE_URL, or the embedded PostgreSQL under PNYX_DATA_DIR on
 * PNYX_PG_PORT — joined when a running Pnyx (`pnyx start`) already holds it, else started here.
 * `stop` stops only a server this call started: a command run next to `pnyx start` never takes its
 * database away.
 */
import path from "node:path";
import type { Config } from "../config";
import { ensureDatabase } from "./client";
import { startEmbeddedPostgres } from "./embedded";

export interface DatabaseLocation {
  url: string;
  embedded: boolean;
  /** The embedded server was already running (held by another process); `stop` leaves it running. */
  alreadyRunning: boolean;
  stop: () => Promise<void>;
}

export const EMBEDDED_DATABASE = "pnyx";

/** `log` receives notices (never the embedded server's routine output): pass a standard-error writer to commands. */
export async function locateDatabase(config: Config, log: (m: string) => void): Promise<DatabaseLocation> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, alreadyRunning: false, stop: async () => {} };
  const server = await startEmbeddedPostgres(path.join(config.PNYX_DATA_DIR, "pg"), config.PNYX_PG_PORT, log, (m) => {
    if (/ERROR|FATAL|PANIC|stopping|stale/.test(m)) log(`postgres: ${m}`);
  });
  try {
    await ensureDatabase(server.adminUrl, EMBEDDED_DATABASE);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: server.urlFor(EMBEDDED_DATABASE), embedded: true, alreadyRunning: !server.startedHere, stop: server.stop };
}
