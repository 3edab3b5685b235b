/** Applies the SQL migrations in src/db/migrations, forward-only. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

const LOCK_ID = 7_370_001; // arbitrary, constant: serialises instances that start at once

/** Brings the schema of the database at `url` up to date; concurrent callers wait for each other. */
export async function migrateDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [LOCK_ID]);
    await migrate(drizzle(client), { migrationsFolder, migrationsSchema: "pnyx_meta", migrationsTable: "migrations" });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [LOCK_ID]).catch(() => {});
    await client.end();
  }
}
