/** The database handle: a node-postgres pool and Drizzle over it. */
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import { RideThroughPool } from "./ride-through";

export type Db = NodePgDatabase;

export interface Database {
  pool: pg.Pool;
  db: Db;
  close: () => Promise<void>;
}

/**
 * Opens a pool on `url`. Queries are parameterised by Drizzle; nothing here builds SQL from strings.
 * `min`: connections the pool keeps open once it has them (above it, one idle for 30 s is closed).
 * `rideThroughMs`: while the database refuses connections (a restart, a failover), a request waits for
 * it this long at most, counted from the outage's start, instead of failing at once (0, the default
 * here: fail at once; the server passes PNYX_DB_RIDE_THROUGH_MS; src/db/ride-through.ts); `maxWaiting`:
 * requests that may wait so at once (one more fails at once); `connectTimeoutMs`: a connection attempt
 * that has not opened by then fails as a refused one does (CONNECT_TIMEOUT_MS, 5 s, by default).
 */
export function openDatabase(
  url: string,
  max = 20,
  onError: (m: string) => void = console.error,
  { min = 0, rideThroughMs = 0, maxWaiting = 5_000, connectTimeoutMs }: { min?: number; rideThroughMs?: number; maxWaiting?: number; connectTimeoutMs?: number } = {},
): Database {
  const pool = new RideThroughPool({ connectionString: url, max, min: Math.min(min, max), idleTimeoutMillis: 30_000 }, { rideThroughMs, maxWaiting, connectTimeoutMs });
  pool.on("error", (error) => onError(`database pool error: ${error.message}`));
  // The pool listens for errors of idle connections only. A connection checked out (a transaction
  // between two statements) that the server ends (a restart) would emit an 'error' nobody hears, which
  // ends the process: each connection gets a listener of its own. Its statements then fail, and the
  // pool drops it when it comes back.
  pool.on("connect", (client) => client.on("error", (error) => onError(`database connection lost: ${error.message}`)));
  const db = drizzle(pool);
  return { pool, db, close: () => pool.end() };
}

/**
 * Opens `count` connections of `pool` at once and gives them back (the pool keeps those under its `min`).
 * Without it, a burst of requests on a cold pool waits for new connections one by one: pg-pool ties a
 * waiting request to the connection it opens for it (a new PostgreSQL process, its sign-in, its first
 * plans: 100-350 ms), even when another connection is given back a moment later. A failure is left to
 * the pool's first real use.
 */
export async function warmPool(pool: pg.Pool, count: number): Promise<void> {
  const clients = await Promise.all(Array.from({ length: count }, () => pool.connect().catch(() => null)));
  for (const c of clients) c?.release();
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
