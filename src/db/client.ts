/** The database handle: a node-postgres pool and Drizzle over it. */
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";

export type Db = NodePgDatabase;

export interface Database {
  pool: pg.Pool;
  db: Db;
  close: () => Promise<void>;
}

/** Opens a pool on `url`. Queries are parameterised by Drizzle; nothing here builds SQL from strings. */
export function openDatabase(url: string, max = 20, onError: (m: string) => void = console.error): Database {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  pool.on("error", (error) => onError(`database pool error: ${error.message}`));
  // The pool listens for errors of idle connections only. A connection checked out (a transaction
  // between two statements) that the server ends (a restart) would emit an 'error' nobody hears, which
  // ends the process: each connection gets a listener of its own. Its statements then fail, and the
  // pool drops it when it comes back.
  pool.on("connect", (client) => client.on("error", (error) => onError(`database connection lost: ${error.message}`)));
  const db = drizzle(pool);
  return { pool, db, close: () => pool.end() };
}

/** Creates a database if it does not exist (connected to the server's maintenance database). */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name: ${name}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) {
      await client.query(`create database ${name}${template ? ` template ${template}` : ""}`);
    }
  } finally {
    await client.end();
  }
}
