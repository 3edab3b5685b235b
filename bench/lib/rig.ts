/**
 * What every real-size benchmark starts with: its own embedded PostgreSQL, a small pool to seed and check
 * it, a place for the server once started, and one `stop` that tears all of it down (also on Ctrl-C).
 */
import pg from "pg";
import { agent } from "./http";
import { log, startDatabase, stopServer, type BenchDatabase, type Server } from "./server";

export interface Rig {
  database: BenchDatabase;
  db: pg.Pool;
  /** The server under test, once started (stopped by `stop`). */
  server: Server | null;
  stop: () => Promise<void>;
}

/** Starts the benchmark's database; `onStop` closes what else the benchmark opened (an SMTP sink...). */
export async function openRig(name: string, keep: boolean, onStop?: () => Promise<void>): Promise<Rig> {
  const database = await startDatabase(name, keep);
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  // An idle connection cut when the database stops at the end is no failure of the benchmark.
  db.on("error", (e) => log(`[db] idle connection: ${e.message}`));
  const rig: Rig = {
    database,
    db,
    server: null,
    stop: async () => {
      // With PNYX_BENCH_PG_STATS=1: PostgreSQL's statements since the benchmark's `database.pgStats.reset()`.
      await database.pgStats?.print(name).catch((e: unknown) => log(`[pg-stats] ${String(e)}`));
      if (rig.server) await stopServer(rig.server);
      rig.server = null;
      agent.destroy();
      await db.end().catch(() => {});
      await database.stop();
      await onStop?.();
    },
  };
  process.once("SIGINT", () => void rig.stop().then(() => process.exit(130)));
  return rig;
}
