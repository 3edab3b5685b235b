/** `pnyx migrate [--json]`: applies pending migrations and exits (next to a running `pnyx start` too). */
import pg from "pg";
import { migrateDatabase } from "../db/migrate";
import { withDatabaseLocation } from "./boot";
import { fail, parseFlags, printJson, withUsage } from "./cli-io";

const USAGE = `Usage: pnyx migrate [--json]

Applies the database migrations to the database of "pnyx start": DATABASE_URL, else the embedded
PostgreSQL in PNYX_DATA_DIR (joined if a running Pnyx holds it, and left running).
--json: one JSON object on standard output, {"ok":true,"applied":<n>,"total":<n>,...}; logs on standard error.`;

/** Migrations recorded as applied (0 on a new database). */
async function appliedCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query<{ found: boolean }>("select to_regclass('pnyx_meta.migrations') is not null as found");
    if (!exists.rows[0]?.found) return 0;
    const c = await client.query<{ n: string }>("select count(*)::text as n from pnyx_meta.migrations");
    return Number(c.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

export async function run(argv: string[]): Promise<number> {
  return withUsage("migrate", USAGE, async () => {
    const { values } = parseFlags(argv, { json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { positionals: 0 });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    const json = values.json === true;
    return withDatabaseLocation("migrate", json, async (location) => {
      try {
        const before = await appliedCount(location.url);
        await migrateDatabase(location.url);
        const total = await appliedCount(location.url);
        if (json) printJson({ ok: true, applied: total - before, total, database: { embedded: location.embedded, alreadyRunning: location.alreadyRunning } });
        else console.log(total > before ? `migrations applied: ${total - before} (${total} in all)` : `the database is up to date (${total} migrations)`);
        return 0;
      } catch (error) {
        return fail("migrate", error, json);
      }
    });
  });
}
