/**
 * Outcomes: an administrator asks for one (a `budget_outcomes` row, status "queued", and a job), the
 * job computes it in a worker thread (never on the request path nor on the main event loop) and stores
 * the result, the digest of the pabulib text it read and its duration; publishing one unpublishes the
 * budget's earlier ones and raises `selected` on each selected project; an outcome computed before
 * the counted ballots changed cannot be published. Every request and publication is audited.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import type { AppDeps } from "../../core/http/deps";
import { notify } from "../../core/notifications/outbox";
import type { Actor } from "../../core/spaces/service";
import { computeOutcomeInWorker } from "./outcome-worker-client";
import { COUNTED_BALLOT, loadBudgetExport } from "./pabulib-queries";
import type { OutcomeResult, OutcomeRule, OutcomeStatus } from "./schema";

/** The pg-boss queue computing outcomes (declared in the manifest's `jobs`). */
export const OUTCOME_JOB = "budgets.outcome";

export interface OutcomeRow {
  id: number;
  rule: OutcomeRule;
  threshold: number | null;
  status: OutcomeStatus;
  inputsDigest: string | null;
  result: OutcomeResult | null;
  error: string | null;
  durationMs: number | null;
  createdAt: Date;
  computedAt: Date | null;
  publishedAt: Date | null;
}

type Row = {
  id: string;
  rule: OutcomeRule;
  options: { threshold?: number };
  status: OutcomeStatus;
  inputs_digest: string | null;
  result: OutcomeResult | null;
  error: string | null;
  duration_ms: number | null;
  created_at: string | Date;
  computed_at: string | Date | null;
  published_at: string | Date | null;
};

const date = (v: string | Date | null): Date | null => (v === null ? null : new Date(v));
const toOutcome = (r: Row): OutcomeRow => ({
  id: Number(r.id),
  rule: r.rule,
  threshold: r.options.threshold ?? null,
  status: r.status,
  inputsDigest: r.inputs_digest,
  result: r.result,
  error: r.error,
  durationMs: r.duration_ms,
  createdAt: new Date(r.created_at),
  computedAt: date(r.computed_at),
  publishedAt: date(r.published_at),
});

/** The budget (of this component) the admin page is about, or null. */
export async function findComponentBudget(db: Db, componentId: number, budgetId: number): Promise<{ id: number; title: Record<string, string>; total: number; currency: string; voteType: string } | null> {
  const rows = await db.execute<{ id: string; title: Record<string, string>; total: string; currency: string; vote_type: string }>(sql`
    select id, title, total::text as total, currency, vote_type from budgets where id = ${budgetId} and component_id = ${componentId}`);
  const b = rows.rows[0];
  return b ? { id: Number(b.id), title: b.title, total: Number(b.total), currency: b.currency, voteType: b.vote_type } : null;
}

/** The budget's outcomes, newest first (at most 20), and how many ballots count now. */
export async function listOutcomes(db: Db, budgetId: number): Promise<{ outcomes: OutcomeRow[]; ballots: number }> {
  const [rows, counted] = await Promise.all([
    db.execute<Row>(sql`select id, rule, options, status, inputs_digest, result, error, duration_ms, created_at, computed_at, published_at
      from budget_outcomes where budget_id = ${budgetId} order by created_at desc, id desc limit 20`),
    db.execute<{ n: number }>(sql`select count(*)::int as n from budget_ballots b where b.budget_id = ${budgetId}
      and ((b.channel = 'online' and b.checked_out_at is not null) or (b.channel = 'paper' and b.confirmed_at is not null) or b.channel = 'import')`),
  ]);
  return { outcomes: rows.rows.map(toOutcome), ballots: counted.rows[0]?.n ?? 0 };
}

/** Queues the computation of an outcome (audited) and sends its job; resolves to the outcome's id. */
export async function requestOutcome(deps: Pick<AppDeps, "db" | "jobs">, actor: Actor, spaceId: number, budgetId: number, rule: OutcomeRule, threshold?: number): Promise<number> {
  const options = rule === "greedy-threshold" && threshold !== undefined ? { threshold } : {};
  const id = await deps.db.transaction(async (tx) => {
    const rows = await tx.execute<{ id: string }>(sql`
      insert into budget_outcomes (budget_id, rule, options, status, requested_by) values (${budgetId}, ${rule}, ${JSON.stringify(options)}::jsonb, 'queued', ${actor.id || null}) returning id`);
    const outcomeId = Number(rows.rows[0]?.id);
    await audit(tx, { actorId: actor.id || null, action: "budgets.outcome.compute", resourceType: "budget_outcome", resourceId: outcomeId, spaceId, after: { budgetId, rule, options }, ip: actor.ip });
    return outcomeId;
  });
  await deps.jobs.send(OUTCOME_JOB, { outcomeId: id }, { key: `outcome-${id}` });
  return id;
}

/**
 * The job: takes the outcome (the one named, else the oldest queued; `skip locked`, so two instances
 * never compute the same), computes it in a worker thread, stores it as done or failed (with a readable
 * error). Resolves to the outcome's id, or null when there was nothing to do.
 */
export async function runOutcomeJob(db: Db, outcomeId?: number): Promise<number | null> {
  // The sweep: a computation a stopped server left running is failed, so the admin may ask again.
  if (outcomeId === undefined) {
    await db.execute(sql`update budget_outcomes set status = 'failed', error = 'interrupted (the server stopped while computing it); compute it again', computed_at = now()
      where status = 'running' and created_at < now() - interval '15 minutes'`);
  }
  const pick = outcomeId === undefined ? sql`` : sql`and id = ${outcomeId}`;
  const claimed = await db.execute<{ id: string; budget_id: string; rule: OutcomeRule; options: { threshold?: number } }>(sql`
    update budget_outcomes set status = 'running'
    where id = (select id from budget_outcomes where status = 'queued' ${pick} order by id limit 1 for update skip locked)
    returning id, budget_id, rule, options`);
  const o = claimed.rows[0];
  if (!o) return null;
  const id = Number(o.id);
  const started = performance.now();
  try {
    const data = await loadBudgetExport(db, Number(o.budget_id));
    if (!data) throw new Error("the budget no longer exists");
    const threshold = o.options.threshold ?? (data.meta.min_project_score_threshold === undefined ? undefined : Number(data.meta.min_project_score_threshold));
    if (o.rule === "greedy-threshold" && (threshold === undefined || !Number.isFinite(threshold))) throw new Error("greedy with a threshold needs a threshold (in votes)");
    const computed = await computeOutcomeInWorker(data, { rule: o.rule, ...(threshold === undefined ? {} : { threshold }) });
    await db.execute(sql`
      update budget_outcomes set status = 'done', inputs_digest = ${computed.digest}, result = ${JSON.stringify(computed.result)}::jsonb, error = null,
        duration_ms = ${Math.round(performance.now() - started)}, computed_at = now()
      where id = ${id}`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.execute(sql`
      update budget_outcomes set status = 'failed', error = ${message.slice(0, 2_000)}, duration_ms = ${Math.round(performance.now() - started)}, computed_at = now()
      where id = ${id}`);
  }
  return id;
}

export type PublishOutcome = { ok: true } | { ok: false; reason: "missing" | "notDone" | "stale" };

/**
 * Publishes a computed outcome: earlier published outcomes of the budget are unpublished, the kit's
 * `selected` event is raised for each selected project, all in one audited transaction. Whether voting
 * is closed is the caller's check (a step setting).
 */
export async function publishOutcome(db: Db, actor: Actor, spaceId: number, budgetId: number, outcomeId: number): Promise<PublishOutcome> {
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{ status: OutcomeStatus; result: OutcomeResult | null; counted: number; changed: boolean }>(sql`
      select o.status, o.result,
        (select count(*)::int from budget_ballots b where b.budget_id = o.budget_id and ${COUNTED_BALLOT}) as counted,
        exists (select 1 from budget_ballots b where b.budget_id = o.budget_id and (b.checked_out_at > o.created_at or b.confirmed_at > o.created_at)) as changed
      from budget_outcomes o where o.id = ${outcomeId} and o.budget_id = ${budgetId} for update of o`);
    const o = rows.rows[0];
    if (!o) return { ok: false, reason: "missing" } as const;
    if (o.status !== "done" || o.result === null) return { ok: false, reason: "notDone" } as const;
    // Ballots counted, withdrawn or confirmed since it was computed (a preview while voting was open).
    if (o.changed || o.counted !== o.result.ballots) return { ok: false, reason: "stale" } as const;
    await tx.execute(sql`update budget_outcomes set published_at = null where budget_id = ${budgetId} and id <> ${outcomeId} and published_at is not null`);
    await tx.execute(sql`update budget_outcomes set published_at = now() where id = ${outcomeId}`);
    for (const p of o.result.projects) if (p.selected) await notify(tx, { type: "budget_project", id: p.projectId }, "selected", { actorId: actor.id || null });
    await audit(tx, { actorId: actor.id || null, action: "budgets.outcome.publish", resourceType: "budget_outcome", resourceId: outcomeId, spaceId, after: { budgetId, rule: o.result.rule, selected: o.result.selected }, ip: actor.ip });
    return { ok: true } as const;
  });
}
