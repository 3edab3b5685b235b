/**
 * Keeps PostgreSQL's picture of the ballot tables current while a vote fills them (ADR 43; the mechanism
 * is the core's growth watch since ADR 48, src/db/growth-statistics.ts).
 *
 * Every ballot item's foreign key to its ballot is checked by PostgreSQL's RI trigger with a query
 * ("select 1 from budget_ballots where id = $1 for key share") that each pooled connection plans once
 * and keeps until the table's statistics change. Planned while `budget_ballots` holds a page or two
 * (a new or small platform, a table analyzed when nearly empty), it is a sequential scan, and it stays
 * one as the vote adds tens of thousands of ballots: every item then reads the whole table (measured:
 * a billion rows read in the first 50,000 ballots of bench:budgets, PostgreSQL's CPU per ballot x3).
 * So every thousand ballots written by this instance the checkout path looks at the statistics, and
 * when the ballots have more than doubled since the last analyze, both tables are analyzed.
 */
import type { Db } from "../../db/client";
import { growthWatch } from "../../db/growth-statistics";

const ballots = growthWatch({ table: "budget_ballots", alsoAnalyze: ["budget_ballot_items"] });

/** Counts `n` ballots just written through `db`; now and then refreshes the ballot tables' statistics (never throws). */
export function ballotsWritten(db: Db, n: number): void {
  ballots.written(db, n);
}

/** Analyzes the ballot tables when more rows changed since their last analyze than they then held. Whether it did. */
export function refreshIfOutgrown(db: Db): Promise<boolean> {
  return ballots.refreshIfOutgrown(db);
}
