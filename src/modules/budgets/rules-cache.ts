/**
 * What every ballot action needs about a budget (its rules, amount, ballot kind, how many budgets its
 * component holds, and the cost of each of its visible projects), kept in memory per instance: a
 * one-request checkout then reads nothing but its session and place before its write.
 *
 * Freshness: every change this module makes to a budget or a project (admin-service.ts, moderation's
 * hiding in kit.ts, the imports) is announced on commit (RULES_TOPIC, through the core's bus) and every
 * instance forgets the budget at once; the instance that made it forgets it right after its commit too,
 * so its next request never waits for the notification. Anything else (a cascade from the core, SQL by
 * hand) shows within the two-second age, as petitions' signing rules do (src/modules/petitions/cache.ts).
 * Concurrent misses share one read.
 */
import { sql } from "drizzle-orm";
import { CHANNEL, eventPayload, type EventBus } from "../../core/realtime/bus";
import type { Translatable } from "../../core/i18n/locales";
import type { Db } from "../../db/client";
import type { BallotRules, VoteType } from "./schema";

export const RULES_TOPIC = "budgets:rules";
const TTL_MS = 2_000;

/** A budget as the ballot's actions see it. `costs`: every visible project of the budget, by id. */
export interface BudgetRules {
  id: number;
  componentId: number;
  title: Translatable;
  total: number;
  currency: string;
  voteType: VoteType;
  rules: BallotRules;
  /** The budgets of its component (itself included). */
  siblings: number;
  costs: ReadonlyMap<number, number>;
}

type Entry = { at: number; value: Promise<BudgetRules | null> };
/** One cache per database handle, i.e. per platform instance (tests run several in one process). */
const caches = new WeakMap<Db, Map<number, Entry>>();
function cacheOf(db: Db): Map<number, Entry> {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new Map()));
  return c;
}

async function readRules(db: Db, budgetId: number): Promise<BudgetRules | null> {
  const r = await db.execute<{ id: string; component_id: string; title: Translatable; total: string | number; currency: string; vote_type: VoteType; rules: BallotRules; siblings: number; costs: Record<string, string | number> | null }>(sql`
    select id, component_id, title, total, currency, vote_type, rules,
      (select count(*)::int from budgets s where s.component_id = budgets.component_id) as siblings,
      (select json_object_agg(p.id, p.cost) from budget_projects p where p.budget_id = budgets.id and p.hidden_at is null) as costs
    from budgets where id = ${budgetId}`);
  const row = r.rows[0];
  if (!row) return null;
  const costs = new Map(Object.entries(row.costs ?? {}).map(([id, cost]) => [Number(id), Number(cost)]));
  return { id: Number(row.id), componentId: Number(row.component_id), title: row.title, total: Number(row.total), currency: row.currency, voteType: row.vote_type, rules: row.rules, siblings: row.siblings, costs };
}

/** The budget `budgetId` of the component `componentId` (null when there is none such). */
export async function budgetRules(db: Db, componentId: number, budgetId: number): Promise<BudgetRules | null> {
  const cache = cacheOf(db);
  const now = Date.now();
  let hit = cache.get(budgetId);
  if (!hit || now - hit.at >= TTL_MS) {
    const value = readRules(db, budgetId);
    const entry: Entry = { at: now, value };
    cache.set(budgetId, (hit = entry));
    // Neither a failed read nor a budget that does not exist is kept (any number could be asked for:
    // the cache holds at most the budgets there are).
    const drop = () => {
      if (cache.get(budgetId) === entry) cache.delete(budgetId);
    };
    void value.then((v) => {
      if (!v) drop();
    }, drop);
  }
  const value = await hit.value;
  return value && value.componentId === componentId ? value : null;
}

/** Forgets this instance's copy of a budget (or of every budget). */
export function forgetBudgetRules(db: Db, budgetId: number | "all"): void {
  if (budgetId === "all") cacheOf(db).clear();
  else cacheOf(db).delete(budgetId);
}

/**
 * Announces, inside the transaction that changes it, that a budget (or its projects) changed: every
 * instance forgets it once the transaction commits. Call `forgetBudgetRules` after the commit as well.
 */
export async function announceBudgetChange(tx: Db, budgetId: number | "all"): Promise<void> {
  await tx.execute(sql`select pg_notify(${CHANNEL}, ${eventPayload(RULES_TOPIC, { budgetId })})`);
}

/** Runs a transaction that changes budgets: announced inside it, forgotten here once it committed. */
export async function changingBudgets<T>(db: Db, budgetId: number | "all", work: (tx: Db) => Promise<T>): Promise<T> {
  const result = await db.transaction(async (tx) => {
    const out = await work(tx);
    await announceBudgetChange(tx, budgetId);
    return out;
  });
  forgetBudgetRules(db, budgetId);
  return result;
}

/** Forgets this instance's budgets whenever any instance announces a change. */
export function followBudgetChanges(db: Db, bus: EventBus): () => void {
  return bus.subscribe(RULES_TOPIC, (data) => {
    const change = data as Partial<{ budgetId: number | "all" }>;
    if (typeof change.budgetId === "number" || change.budgetId === "all") forgetBudgetRules(db, change.budgetId);
  });
}
