/**
 * Streaming a query's rows through a server-side cursor (DECLARE ... FETCH, in a read-only
 * transaction on a connection of its own): the first rows leave as soon as the plan yields them, and
 * memory stays that of one batch whatever the size of the result. For exports.
 */
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type pg from "pg";

const dialect = new PgDialect();

/**
 * The rows of `query` in batches of `batch`. The connection goes back to the pool when the last batch
 * is read or the consumer stops early (a download cut short); a consumer that stalls for five minutes
 * loses its transaction rather than holding it open.
 */
export async function* cursorRows<T>(pool: pg.Pool, query: SQL, batch = 1_000): AsyncGenerator<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const client = await pool.connect();
  let done = false;
  let broken = false;
  try {
    await client.query("begin read only");
    await client.query("set local idle_in_transaction_session_timeout = '5min'");
    await client.query(`declare export_rows no scroll cursor for ${text}`, params);
    for (;;) {
      const r = await client.query<T & pg.QueryResultRow>(`fetch ${batch} from export_rows`);
      if (r.rows.length > 0) yield r.rows;
      if (r.rows.length < batch) break;
    }
    await client.query("commit");
    done = true;
  } finally {
    if (!done) await client.query("rollback").catch(() => (broken = true));
    client.release(broken);
  }
}
