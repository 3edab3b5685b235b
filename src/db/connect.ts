/**
 * Where the database is: the server at DATABASE_URL, or the embedded PostgreSQL under PNYX_DATA_DIR
 * (started here, stopped by `close`).
 */
import path from "node:path";
import type { Config } from "../config";
import { ensureDatabase } from "./client";
import { startEmbeddedPostgres } from "./embedded";

export interface DatabaseLocation {
  url: string;
  embedded: boolean;
  stop: () => Promise<void>;
}

export const EMBEDDED_DATABASE = "pnyx";

export async function locateDatabase(config: Config, log: (m: string) => void): Promise<DatabaseLocation> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, stop: async () => {} };
  const server = await startEmbeddedPostgres(path.join(config.PNYX_DATA_DIR, "pg"), config.PNYX_PG_PORT, (m) => {
    if (/ERROR|FATAL|PANIC|stopping|stale/.test(m)) log(`postgres: ${m}`);
  });
  await ensureDatabase(server.adminUrl, EMBEDDED_DATABASE);
  return { url: server.urlFor(EMBEDDED_DATABASE), embedded: true, stop: server.stop };
}
