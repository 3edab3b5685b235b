/** Shared boot steps of the commands: configuration with a clear message on a bad value, a migrated database. */
import { ConfigError, loadConfig, type Config } from "../config";
import { openDatabase, type Db } from "../db/client";
import { locateDatabase, type DatabaseLocation } from "../db/connect";
import { migrateDatabase } from "../db/migrate";
import { fail, logLine, printJson } from "./cli-io";

/** The configuration, or null after saying what is wrong on standard error (and as `{"ok":false}` with `json`). */
export function configOrExit(json = false): Config | null {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      if (json) printJson({ ok: false, error: error.message });
      return null;
    }
    throw error;
  }
}

/**
 * Runs `body` with the location of the database of "pnyx start" (DATABASE_URL, else the embedded
 * PostgreSQL, started when no running Pnyx holds it), then stops what it started; resolves to `body`'s
 * exit code. A bad configuration or a database that cannot be found or started is exit 1.
 */
export async function withDatabaseLocation(command: string, json: boolean, body: (location: DatabaseLocation) => Promise<number>): Promise<number> {
  const config = configOrExit(json);
  if (!config) return 1;
  let location;
  try {
    location = await locateDatabase(config, logLine);
  } catch (error) {
    return fail(command, error, json);
  }
  try {
    return await body(location);
  } finally {
    await location.stop();
  }
}

/**
 * Runs `body` on the database of "pnyx start", migrated and opened with a small pool, then closes it;
 * resolves to `body`'s exit code. An error thrown by `body` (or the migrations) is a bug: exit 1 with
 * its stack (`fail(command, ..., { trace: true })`).
 */
export function withMigratedDatabase(command: string, json: boolean, body: (db: Db) => Promise<number>): Promise<number> {
  return withDatabaseLocation(command, json, async (location) => {
    const database = openDatabase(location.url, 2, logLine);
    try {
      await migrateDatabase(location.url);
      return await body(database.db);
    } catch (error) {
      return fail(command, error, json, { trace: true });
    } finally {
      await database.close();
    }
  });
}
