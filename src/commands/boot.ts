/** Shared boot steps of the commands: configuration with a clear message on a bad value, a migrated database. */
import { ConfigError, loadConfig, type Config } from "../config";
import { openDatabase, type Db } from "../db/client";
import { locateDatabase } from "../db/connect";
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
 * Runs `body` on the database of "pnyx start" (located, migrated, opened with a small pool), then closes
 * it; resolves to `body`'s exit code. A bad configuration or an unreachable database is exit 1; an error
 * thrown by `body` is a bug: exit 1 with its stack (`fail(command, ..., { trace: true })`).
 */
export async function withMigratedDatabase(command: string, json: boolean, body: (db: Db) => Promise<number>): Promise<number> {
  const config = configOrExit(json);
  if (!config) return 1;
  let location;
  try {
    location = await locateDatabase(config, logLine);
  } catch (error) {
    return fail(command, error, json);
  }
  const database = openDatabase(location.url, 2, logLine);
  try {
    await migrateDatabase(location.url);
    return await body(database.db);
  } catch (error) {
    return fail(command, error, json, { trace: true });
  } finally {
    await database.close();
    await location.stop();
  }
}
