/**
 * Named prepared statements for the hot paths (ADR 42): each pooled connection parses and plans a named
 * statement once. They go to the node-postgres pool under Drizzle; a transaction's handle has no pool of
 * its own, so there the same text runs as an ordinary statement through Drizzle, inside the transaction.
 */
import { sql } from "drizzle-orm";
import type pg from "pg";
import type { Db } from "./client";

/** The node-postgres pool under a Drizzle handle (null for a transaction's handle). */
export function poolOf(db: Db): pg.Pool | null {
  const pool = (db as Db & { $client?: pg.Pool }).$client;
  return pool && typeof pool.query === "function" ? pool : null;
}

/** The pool under the platform's Drizzle handle (never a transaction's). */
export function rootPool(db: Db): pg.Pool {
  const pool = poolOf(db);
  if (!pool) throw new Error("a transaction's handle has no pool of its own");
  return pool;
}

/** Runs `text` (with $1, $2... parameters) as the named statement `name` on the pool, or inside the transaction `db` is. */
export async function runNamed<R extends pg.QueryResultRow>(db: Db, name: string, text: string, values: unknown[]): Promise<R[]> {
  const pool = poolOf(db);
  if (pool) return (await pool.query<R>({ name, text, values })).rows;
  // "$n" as Drizzle parameters: split with the capture, odd parts are the numbers.
  const chunks = text.split(/\$(\d+)/).map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql.param(values[Number(part) - 1])));
  return (await db.execute<R>(sql.join(chunks, sql.raw("")))).rows as R[];
}
