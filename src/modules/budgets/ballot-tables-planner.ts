/**
 * Keeps PostgreSQL's picture of the ballot tables current while a vote fills them (ADR 43).
 *
 * Every ballot item's foreign key to its ballot is checked by PostgreSQL's RI trigger with a query
 * ("select 1 from budget_ballots where id = $1 for key share") that each pooled connection plans once
 * and keeps until the table's statistics change. Planned while `budget_ballots` holds a page or two
 * (a new or small platform, a table analyzed when nearly empty), it is a sequential scan, and it stays
 * one as the vote adds tens of thousands of ballots: every item then reads the whole table (measured:
 * a billion rows read in the first 50,000 ballots of bench:budgets, PostgreSQL's CPU per ballot x3).
 * Autovacuum's analyze ends it, but only when autovacuum comes by (every minute at best; minutes on a
 * freshly created database). So the checkout path looks itself: every `EVERY` ballots written by this
 * instance it reads how many rows changed since the last analyze, and when the tables have more than
 * doubled since, it analyzes them (in the background; a few milliseconds to a few hundred). The new
 * statistics make every connection plan those checks again, with the index. Doubling bounds the work:
 * about log2(ballots) analyzes over a vote, none on a large table that grows by a little.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

/** Ballots written by this instance between two looks at the statistics. */
const EVERY = 1_000;

interface State {
  written: number;
  busy: boolean;
}
const states = new WeakMap<Db, State>();

/** Counts `ballots` just written through `db`; now and then refreshes the ballot tables' statistics (never throws). */
export function ballotsWritten(db: Db, ballots: number): void {
  let s = states.get(db);
  if (!s) states.set(db, (s = { written: 0, busy: false }));
  s.written += ballots;
  if (s.written < EVERY || s.busy) return;
  s.written = 0;
  s.busy = true;
  const state = s;
  void refreshIfOutgrown(db)
    // An optimisation only: when it fails (a role that does not own the tables is only warned), autovacuum
    // still analyzes them in its own time.
    .catch(() => false)
    .finally(() => (state.busy = false));
}

/** Analyzes the ballot tables when more rows changed since their last analyze than they then held. Whether it did. */
export async function refreshIfOutgrown(db: Db): Promise<boolean> {
  const r = await db.execute<{ outgrown: boolean }>(sql`
    select coalesce(s.n_mod_since_analyze > greatest(c.reltuples, 0) + 100, false) as outgrown
    from pg_class c join pg_stat_user_tables s on s.relid = c.oid
    where c.oid = 'budget_ballots'::regclass`);
  if (!r.rows[0]?.outgrown) return false;
  await db.execute(sql`analyze budget_ballots, budget_ballot_items`);
  return true;
}
