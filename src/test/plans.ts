/**
 * The plans of the SQL a piece of work runs, for the "hot queries use their indexes" tests: the work's
 * queries (in its async context) are recorded, then each is run again under EXPLAIN (ANALYZE, VERBOSE)
 * with the same parameters. Read-only work only (ANALYZE executes the statement).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type pg from "pg";

export interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Total Time"?: number;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

export interface ExplainedQuery {
  text: string;
  values: unknown[];
  plan: PlanNode;
  /** Execution time, in milliseconds. */
  ms: number;
}

const recording = new AsyncLocalStorage<Array<{ text: string; values: unknown[] }>>();

/** Runs `work` and returns the plans of the queries it ran, in order. */
export async function explainQueries(pool: pg.Pool, work: () => Promise<unknown>): Promise<ExplainedQuery[]> {
  const target = pool as unknown as { query: (...args: unknown[]) => unknown };
  const original = target.query;
  target.query = function (this: unknown, ...args: unknown[]) {
    const store = recording.getStore();
    const [first, second] = args;
    // node-postgres takes (text, values) or ({ text, values? }, values?).
    const q = typeof first === "string" ? { text: first } : first && typeof first === "object" && "text" in first ? (first as { text: string; values?: unknown[] }) : null;
    if (store && q) store.push({ text: q.text, values: Array.isArray(second) ? (second as unknown[]) : (q as { values?: unknown[] }).values ?? [] });
    return original.apply(this, args);
  };
  const queries: Array<{ text: string; values: unknown[] }> = [];
  try {
    await recording.run(queries, work);
  } finally {
    target.query = original;
  }
  const out: ExplainedQuery[] = [];
  for (const q of queries) {
    const r = await pool.query<{ "QUERY PLAN": Array<{ Plan: PlanNode; "Execution Time": number }> }>(`explain (analyze, verbose, format json) ${q.text}`, q.values);
    const [top] = r.rows[0]?.["QUERY PLAN"] ?? [];
    if (top) out.push({ text: q.text, values: q.values, plan: top.Plan, ms: top["Execution Time"] });
  }
  return out;
}

/** Every node of a plan, depth first. */
export function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

/**
 * What makes a hot query's cost grow with the table: a sequential scan of one of `tables`, or a text
 * vector computed while the query runs (`to_tsvector` anywhere in the plan). Empty when none.
 */
export function planProblems(q: ExplainedQuery, tables: string[]): string[] {
  const problems: string[] = [];
  for (const n of planNodes(q.plan)) {
    if (n["Node Type"] === "Seq Scan" && n["Relation Name"] && tables.includes(n["Relation Name"])) problems.push(`sequential scan of ${n["Relation Name"]}`);
  }
  if (/to_tsvector\(/.test(JSON.stringify(q.plan))) problems.push("to_tsvector computed at query time");
  return problems;
}
