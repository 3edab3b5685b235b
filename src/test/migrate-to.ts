/**
 * Testing a migration's data step: a fresh, empty database migrated only up to a given migration
 * (a temporary copy of src/db/migrations whose journal stops there), for the test to insert rows as
 * they were then, and `migrateRest()` to apply every later migration as a real upgrade would.
 *
 *   const db = await createDatabaseMigratedTo("0018_participation_kit");
 *   await db.client.query("insert into ...");  // the schema as of 0018
 *   await db.migrateRest();                      // 0019 onwards, as `pnyx migrate` runs them
 *   ... assert ...
 *   await db.drop();
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { inject } from "vitest";
import { migrateDatabase, migrationsFolder } from "../db/migrate";

export interface PartlyMigratedDatabase {
  url: string;
  /** A client connected to it (closed by `drop`). */
  client: pg.Client;
  /** Applies the migrations after the one named, in order, through the application's own migrator. */
  migrateRest: () => Promise<void>;
  drop: () => Promise<void>;
}

interface Journal {
  entries: Array<{ idx: number; tag: string }>;
}

async function asAdmin(sqlText: string): Promise<void> {
  const c = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await c.connect();
  try {
    await c.query(sqlText);
  } finally {
    await c.end();
  }
}

/** A copy of the migrations folder whose journal ends with `tag` (the SQL files are copied as they are). */
async function foldersUpTo(tag: string): Promise<string> {
  const journal = JSON.parse(await fs.readFile(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as Journal;
  const last = journal.entries.findIndex((e) => e.tag === tag);
  if (last < 0) throw new Error(`no migration named ${tag} in the journal`);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "pnyx-migrations-"));
  await fs.cp(migrationsFolder, dir, { recursive: true });
  await fs.writeFile(path.join(dir, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, last + 1) }, null, 2));
  return dir;
}

/** A fresh database (not the run's template) with the migrations applied up to and including `tag`. */
export async function createDatabaseMigratedTo(tag: string): Promise<PartlyMigratedDatabase> {
  const template = inject("pgTemplate");
  const name = `${template.replace(/_template$/, "")}_m${randomBytes(5).toString("hex")}`;
  await asAdmin(`create database ${name}`);
  const u = new URL(inject("pgAdminUrl"));
  u.pathname = `/${name}`;
  const url = u.toString();
  const folder = await foldersUpTo(tag);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The same schema and table as migrateDatabase, so the rest applies after exactly these.
    await migrate(drizzle(client), { migrationsFolder: folder, migrationsSchema: "pnyx_meta", migrationsTable: "migrations" });
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
  return {
    url,
    client,
    migrateRest: () => migrateDatabase(url),
    drop: async () => {
      await client.end().catch(() => {});
      await asAdmin(`drop database if exists ${name} with (force)`);
    },
  };
}
