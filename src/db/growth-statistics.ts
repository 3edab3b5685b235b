/**
 * Keeps PostgreSQL's statistics of a table current while a burst of writes fills it (ADR 43, made a core
 * mechanism in ADR 48).
 *
 * A statement each pooled connection prepares once (a named statement, or PostgreSQL's own foreign-key
 * checks) keeps its plan until the table's statistics change. Planned while the table held a page or
 * two (a new or small platform; statistics taken when it was nearly empty), the plan can be one that
 * only a tiny table makes cheap (a sequential scan; an index that matches only the first column, the
 * rest filtered row by row), and it stays while a vote or a viral petition adds tens of thousands of
 * rows: each write then reads what the table holds so far. Autovacuum's analyze ends it, but only when
 * autovacuum comes by (every minute at best; measured: three minutes and 55,000 changed rows without one
 * on a fresh database, bench/cluster-breakdown.ts). So the writing path looks itself: every `every` rows
 * written through one pool it compares the table's size on disk with the size its statistics were taken
 * at, and when the table has more than doubled (plus 8 pages) it analyzes it (in the background; a few
 * milliseconds to a few hundred). The new statistics make every connection, of every instance, plan
 * those statements again. Doubling bounds the work: about log2(rows) analyzes while a table fills, none on a large table that
 * grows by a little. Instances share the work through an advisory lock: one analyzes, the others skip.
 */
import { sql } from "drizzle-orm";
import type { Db } from "./client";

export interface GrowthWatch {
  /** Counts `rows` just written through `db`; now and then refreshes the statistics in the background (never throws). */
  written(db: Db, rows: number): void;
  /** Analyzes the tables when the first one has more than doubled on disk since its last analyze (plus a margin). Whether it did. */
  refreshIfOutgrown(db: Db): Promise<boolean>;
}

/** Pages beyond twice the table's known size before it counts as outgrown (a tiny table's first rows: 8 pages, 64 kB). */
const MARGIN_PAGES = 8;

/**
 * A watch over `table` (a constant of the module's own schema, never user input): when it has outgrown
 * its statistics, `table` and `alsoAnalyze` (tables filled with it, e.g. a ballot's items) are analyzed.
 */
export function growthWatch(opts: { table: string; alsoAnalyze?: string[]; every?: number }): GrowthWatch {
  const every = opts.every ?? 1_000;
  const tables = [opts.table, ...(opts.alsoAnalyze ?? [])];
  const analyze = sql.join([sql.raw("analyze "), sql.join(tables.map((t) => sql.identifier(t)), sql.raw(", "))]);
  // One key per watched table: instances that look at the same moment analyze it once.
  const lockKey = `pnyx.growth-statistics.${opts.table}`;
  const states = new WeakMap<Db, { written: number; busy: boolean }>();

  // The table's size on disk now against the size its statistics were taken at (`relpages`): the first is
  // read from the file at once, where the cumulative statistics (`n_mod_since_analyze`) lag, by seconds
  // under a steady load, as each busy connection reports its rows (measured: 0 of 4,000 signatures
  // reported at the watch's looks in signing-statistics.int.test.ts).
  const outgrown = async (db: Pick<Db, "execute">) =>
    (
      await db.execute<{ outgrown: boolean }>(sql`
        select pg_relation_size(c.oid) / current_setting('block_size')::int > 2 * greatest(c.relpages, 1) + ${MARGIN_PAGES} as outgrown
        from pg_class c where c.oid = ${opts.table}::regclass`)
    ).rows[0]?.outgrown === true;

  const watch: GrowthWatch = {
    written(db, rows) {
      let s = states.get(db);
      if (!s) states.set(db, (s = { written: 0, busy: false }));
      s.written += rows;
      if (s.written < every || s.busy) return;
      s.written = 0;
      s.busy = true;
      const state = s;
      void watch
        .refreshIfOutgrown(db)
        // An optimisation only: when it fails (the database away a moment, a role that does not own the
        // table is only warned), autovacuum still analyzes the table in its own time.
        .catch(() => false)
        .finally(() => (state.busy = false));
    },
    async refreshIfOutgrown(db) {
      if (!(await outgrown(db))) return false;
      return db.transaction(async (tx) => {
        const locked = await tx.execute<{ ok: boolean }>(sql`select pg_try_advisory_xact_lock(hashtext(${lockKey})) as ok`);
        // Another instance is analyzing it now; once it committed, the table no longer looks outgrown.
        if (locked.rows[0]?.ok !== true || !(await outgrown(tx))) return false;
        await tx.execute(analyze);
        return true;
      });
    },
  };
  return watch;
}
