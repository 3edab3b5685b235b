/**
 * Counting the SQL a piece of work runs, for the "a page runs a bounded number of queries" tests.
 * Only queries issued inside the measured work's async context count (background jobs and timers share
 * the pool), and the organization row's reload is left out (it is cached for two seconds, so counting
 * it would make the figure depend on timing, not on the page).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type pg from "pg";

const measuring = new AsyncLocalStorage<{ count: number }>();

const textOf = (args: unknown[]): string => {
  const first = args[0];
  return typeof first === "string" ? first : first && typeof first === "object" && "text" in first ? String(first.text) : "";
};

/**
 * Runs `work` once to warm it up (a session's once-a-minute touch lands there), then counts its queries.
 * `runs: 2` (for work that can run again unchanged, such as a GET) counts two runs and gives the fewer: an
 * instance's short-lived copy (a budget's rules, comment counts: two seconds each) expiring on a slow
 * machine adds a reload to one run, not to both, while a query per item, what these tests catch, is in
 * every run. `result` is the last run's.
 */
export async function countQueries<T>(pool: pg.Pool, work: () => Promise<T>, opts: { runs?: 1 | 2 } = {}): Promise<{ count: number; result: T }> {
  await work();
  const target = pool as unknown as { query: (...args: unknown[]) => unknown };
  const original = target.query;
  target.query = function (this: unknown, ...args: unknown[]) {
    const store = measuring.getStore();
    if (store && !/from "organizations"/i.test(textOf(args))) store.count += 1;
    return original.apply(this, args);
  };
  try {
    let count = Infinity;
    let result: T | undefined;
    for (let run = 0; run < (opts.runs ?? 1); run++) {
      const store = { count: 0 };
      result = await measuring.run(store, work);
      count = Math.min(count, store.count);
    }
    return { count, result: result as T };
  } finally {
    target.query = original;
  }
}
