/**
 * Running a started draw: the engine's `selectInWorker` (a worker thread, never the main event loop)
 * on the published pool file, the solver's progress written to the draw about once a second, a cancel
 * asked from the admin page (any instance) polled from the database. The pg-boss job `sortition.draw`
 * calls it for one draw; the sweep fails runs a stopped server left behind and runs any unclaimed one;
 * `pnyx assemblies draw` calls it in-process. A draw is claimed once (its progress set from null).
 */
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Progress } from "../../engines/sortition/hooks";
import type { Pool } from "../../engines/sortition/model";
import { SortitionCancelledError, SortitionInputError } from "../../engines/sortition/model";
import { selectInWorker } from "../../engines/sortition/runner";
import type { Selection } from "../../engines/sortition/select";
import { loadDrawFiles } from "./draw-service";
import { enginePool } from "./pool";
import { sortitionDraws, type DrawProgress, type DrawResult, type DrawStatus } from "./schema";

/** The pg-boss queue running draws (declared in the manifest's `jobs`). */
export const DRAW_JOB = "sortition.draw";

const round = (x: number): number => Math.round(x * 1e9) / 1e9;
const POLL_MS = 500;
const PROGRESS_MS = 1_000;

/**
 * The engine the runs call: the worker-thread selector. A seam for the integration test that must hold a
 * result until a cancel reaches the run (on a fast machine LEXIMIN can end before the cancel's poll).
 */
export const drawEngine: { select: typeof selectInWorker } = { select: selectInWorker };

export interface RunOutcome {
  status: DrawStatus;
  /** On success: the engine's selection and the pool it ran on (the command prints them as `select` does). */
  selection?: Selection;
  pool?: Pool;
  error?: string;
}

/** The stored result: the panel as 1-based pool rows, every person's probability by row. */
export function drawResult(pool: Pool, s: Selection): DrawResult {
  return {
    panel: s.panel.map((i) => pool.people[i]?.row ?? i + 1),
    probabilities: Array.from(s.probability, round),
    minProbability: round(s.minProbability),
    gini: round(s.gini),
    estimated: s.estimated,
    ...(s.levels === undefined ? {} : { levels: s.levels }),
    iterations: s.iterations,
    lotteryPanels: s.lottery.length,
    lotteryExact: s.lotteryExact,
    quotaFill: s.quotaFill.map((q) => ({ category: q.category, feature: q.feature, min: q.min, max: q.max, selected: q.selected, ok: q.ok })),
    ms: s.ms,
  };
}

const toProgress = (p: Progress): DrawProgress => ({
  phase: p.phase,
  iterations: p.iterations,
  minProbability: p.minProbability,
  ...(p.fixed === undefined ? {} : { fixed: p.fixed }),
  ...(p.types === undefined ? {} : { types: p.types }),
  at: new Date().toISOString(),
});

/** Fails runs a stopped server left behind (no progress for 15 minutes); resolves to the id of a running draw nobody claimed within a minute, if any. */
export async function sweepDraws(db: Db): Promise<number | null> {
  await db.execute(sql`update sortition_draws set status = 'failed', error = 'interrupted (the server stopped while drawing); run the draw again', finished_at = now()
    where status = 'running' and progress is not null and (progress->>'at')::timestamptz < now() - interval '15 minutes'`);
  // A minute's grace: the page's job or the command that started the draw claims it first.
  const rows = await db
    .select({ id: sortitionDraws.id })
    .from(sortitionDraws)
    .where(and(eq(sortitionDraws.status, "running"), isNull(sortitionDraws.progress), lt(sortitionDraws.startedAt, sql`now() - interval '1 minute'`)))
    .orderBy(sortitionDraws.id)
    .limit(1);
  return rows[0]?.id ?? null;
}

/** Runs a started draw to its end (done, failed or cancelled); null when it is not running or already claimed. */
export async function runDraw(db: Db, drawId: number): Promise<RunOutcome | null> {
  const started: DrawProgress = { phase: "starting", iterations: 0, minProbability: null, at: new Date().toISOString() };
  const [d] = await db
    .update(sortitionDraws)
    .set({ progress: started })
    .where(and(eq(sortitionDraws.id, drawId), eq(sortitionDraws.status, "running"), isNull(sortitionDraws.progress)))
    .returning();
  if (!d) return null;
  const t0 = performance.now();
  const finish = async (status: DrawStatus, values: { result?: DrawResult; error?: string }): Promise<void> => {
    await db
      .update(sortitionDraws)
      .set({ status, result: values.result ?? null, error: values.error?.slice(0, 2_000) ?? null, finishedAt: new Date(), durationMs: Math.round(performance.now() - t0) })
      .where(eq(sortitionDraws.id, drawId));
  };
  // A cancel asked before the run began (the admin's page, or the command's Ctrl-C) stops it here.
  if (d.cancelRequestedAt) {
    await finish("cancelled", {});
    return { status: "cancelled" };
  }
  let pool: Pool;
  let seed: string;
  try {
    const files = await loadDrawFiles(db, d);
    if (!files) throw new Error("the draw has no public randomness yet");
    pool = enginePool(files);
    seed = files.seed;
  } catch (error) {
    const message = error instanceof SortitionInputError ? error.problems.map((p) => p.message).join("\n") : error instanceof Error ? error.message : String(error);
    await finish("failed", { error: message });
    return { status: "failed", error: message };
  }
  let last = 0;
  let pending: DrawProgress | null = null;
  const run = drawEngine.select(pool, { algorithm: d.algorithm, seed, ...(d.algorithm === "legacy" ? { runs: 10_000 } : {}) }, (p) => {
    pending = toProgress(p);
  });
  let cancelled = false;
  let polling = false;
  const timer = setInterval(() => {
    if (polling) return;
    polling = true;
    const now = Date.now();
    const progress = pending !== null && now - last >= PROGRESS_MS ? pending : null;
    if (progress) {
      last = now;
      pending = null;
    }
    // One statement per tick: the latest progress (when there is some) and whether a cancel was asked.
    const query = progress
      ? db.update(sortitionDraws).set({ progress }).where(eq(sortitionDraws.id, drawId)).returning({ cancel: sortitionDraws.cancelRequestedAt })
      : db.select({ cancel: sortitionDraws.cancelRequestedAt }).from(sortitionDraws).where(eq(sortitionDraws.id, drawId));
    query
      .then((rows) => {
        if (rows[0]?.cancel && !cancelled) {
          cancelled = true;
          run.cancel();
        }
      })
      .catch(() => undefined)
      .finally(() => (polling = false));
  }, POLL_MS);
  try {
    const selection = await run.result;
    const result = drawResult(pool, selection);
    // A cancel the page accepted while the draw was running wins even when the result came first: the
    // row is locked by the cancel's transaction, so either the cancel is on it now or it finds the draw done.
    const [ended] = await db
      .update(sortitionDraws)
      .set({
        status: sql`case when ${sortitionDraws.cancelRequestedAt} is null then 'done' else 'cancelled' end`,
        result: sql`case when ${sortitionDraws.cancelRequestedAt} is null then ${JSON.stringify(result)}::jsonb end`,
        error: null,
        finishedAt: new Date(),
        durationMs: Math.round(performance.now() - t0),
      })
      .where(eq(sortitionDraws.id, drawId))
      .returning({ status: sortitionDraws.status });
    if (ended?.status === "cancelled") return { status: "cancelled" };
    return { status: "done", selection, pool };
  } catch (error) {
    if (error instanceof SortitionCancelledError) {
      await finish("cancelled", {});
      return { status: "cancelled" };
    }
    const message = error instanceof SortitionInputError ? error.problems.map((p) => p.message).join("\n") : error instanceof Error ? error.message : String(error);
    await finish("failed", { error: message });
    return { status: "failed", error: message };
  } finally {
    clearInterval(timer);
  }
}
