/**
 * Steps that follow their dates. A process may ask for it (`activateStepsByDate`): a core background
 * job makes current, every few minutes, the step whose dates include today, audited as the system's
 * doing. Otherwise the administrator moves the process on, and the public page says when the current
 * step's dates are over rather than pretending it still runs.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { spaces, steps } from "./schema";
import { makeActive } from "./steps-service";

export const STEPS_BY_DATE_JOB = "spaces.steps-by-date";
/** Every five minutes (UTC cron): a step changes at most a few minutes after midnight. */
export const STEPS_BY_DATE_CRON = "*/5 * * * *";

/** Today as a calendar date (YYYY-MM-DD, UTC), as the steps' dates are stored. */
export const todayUtc = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

type Dated = { id: number; position: number; startDate: string | null; endDate: string | null };

/**
 * The step whose dates include `today`: among the dated steps (at least one date) that have started and
 * not ended, the one that started last (overlaps go to the newer step), then the first in order. Null
 * between steps and after the last one: the current step stays as it is.
 */
export function stepForDate<S extends Dated>(list: readonly S[], today: string): S | null {
  let best: S | null = null;
  for (const s of list) {
    if (!s.startDate && !s.endDate) continue;
    if ((s.startDate && s.startDate > today) || (s.endDate && s.endDate < today)) continue;
    const start = s.startDate ?? "";
    const bestStart = best?.startDate ?? "";
    if (!best || start > bestStart || (start === bestStart && s.position < best.position)) best = s;
  }
  return best;
}

/** True when the step's end date is before `today` (its dates are over). */
export const stepEnded = (step: { endDate: string | null }, today: string): boolean => step.endDate !== null && step.endDate < today;

/**
 * Activates, in every process that follows its dates (or only `spaceId`), the step whose dates include
 * `today`. One query reads every such step; only the processes that change are written. Returns how
 * many processes changed step.
 */
export async function activateStepsByDate(db: Db, today: string = todayUtc(), opts: { spaceId?: number } = {}): Promise<number> {
  const rows = await db
    .select({ spaceId: steps.spaceId, id: steps.id, position: steps.position, startDate: steps.startDate, endDate: steps.endDate, active: steps.active })
    .from(steps)
    .innerJoin(spaces, eq(spaces.id, steps.spaceId))
    .where(and(eq(spaces.type, "process"), eq(spaces.activateStepsByDate, true), opts.spaceId === undefined ? undefined : eq(spaces.id, opts.spaceId)))
    .orderBy(asc(steps.spaceId), asc(steps.position), asc(steps.id));
  const bySpace = new Map<number, typeof rows>();
  for (const r of rows) bySpace.set(r.spaceId, [...(bySpace.get(r.spaceId) ?? []), r]);
  let changed = 0;
  for (const [spaceId, list] of bySpace) {
    const target = stepForDate(list, today);
    if (!target || target.active) continue;
    const done = await db.transaction(async (tx) => {
      // Read again under the space's lock: an admin (or another instance) may have just changed it.
      const [space] = await tx.select({ auto: spaces.activateStepsByDate }).from(spaces).where(eq(spaces.id, spaceId)).for("update");
      const [step] = await tx.select({ active: steps.active }).from(steps).where(and(eq(steps.id, target.id), eq(steps.spaceId, spaceId)));
      if (!space?.auto || !step || step.active) return false;
      return makeActive(tx, { actorId: null, ip: null, why: { byDate: today } }, spaceId, target.id);
    });
    if (done) changed += 1;
  }
  return changed;
}
