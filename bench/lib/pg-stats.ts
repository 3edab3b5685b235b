/**
 * PostgreSQL's share of a benchmark, statement by statement: with `PNYX_BENCH_PG_STATS=1` the benchmark's
 * embedded database loads pg_stat_statements (a restart after `ALTER SYSTEM`), and the rig prints the
 * statements that took the most time when it stops. A benchmark calls `reset()` just before its measured
 * phase so that seeding is left out. Off by default: the extension costs a little on every statement.
 */
import pg from "pg";
import { log } from "./server";

export const pgStatsWanted = (): boolean => process.env.PNYX_BENCH_PG_STATS === "1";

export interface PgStats {
  /** Forgets what was counted so far (seeding, warm-up). */
  reset: () => Promise<void>;
  /** The `limit` statements with the most total execution time, and the database's commits, to standard error. */
  print: (label: string, limit?: number) => Promise<void>;
}

/** Asks the server at `adminUrl` to load pg_stat_statements at its next start. */
export async function preloadPgStatStatements(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query("alter system set shared_preload_libraries = 'pg_stat_statements'");
    await client.query("alter system set pg_stat_statements.track = 'top'");
    await client.query("alter system set track_io_timing = on");
  } finally {
    await client.end();
  }
}

interface Row {
  calls: string;
  total_ms: string;
  mean_ms: string;
  rows: string;
  wal_bytes: string;
  query: string;
}

/** The statistics of the database at `url` (the extension created there). */
export async function openPgStats(url: string): Promise<PgStats> {
  const run = async <T extends pg.QueryResultRow>(sql: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  await run("create extension if not exists pg_stat_statements");
  return {
    // Only the statements' statistics: pg_stat_reset() would also zero the tables' counters that autovacuum
    // decides by, and change what the benchmark measures (a budgets run went 3x faster without its analyzes).
    reset: async () => {
      await run("select pg_stat_statements_reset()");
    },
    print: async (label, limit = 15) => {
      const rows = await run<Row>(
        `select calls::text, round(total_exec_time::numeric, 1)::text as total_ms, round(mean_exec_time::numeric, 3)::text as mean_ms,
                rows::text, wal_bytes::text, regexp_replace(query, '\\s+', ' ', 'g') as query
           from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
          order by total_exec_time desc limit ${Number(limit)}`,
      );
      const [db] = await run<{ xact_commit: string; xact_rollback: string }>(
        "select xact_commit::text, xact_rollback::text from pg_stat_database where datname = current_database()",
      );
      log(`[pg-stats] ${label}: commits ${db?.xact_commit ?? "?"}, rollbacks ${db?.xact_rollback ?? "?"} (since the database started); top statements by total time:`);
      for (const r of rows) {
        log(`[pg-stats] ${r.total_ms.padStart(9)} ms ${r.calls.padStart(8)} calls ${r.mean_ms.padStart(8)} ms/call ${r.rows.padStart(8)} rows ${r.wal_bytes.padStart(10)} WAL B  ${r.query.slice(0, 220)}`);
      }
    },
  };
}
