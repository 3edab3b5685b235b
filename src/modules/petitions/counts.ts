/**
 * Counting. Signing appends +1/-1 rows to a journal (`petition_count_deltas`); a batched tick folds
 * the journal into per-petition, per-region aggregates, so no request ever waits on a shared counter
 * row. Reads add the few journal rows not yet folded, so counts are exact at any moment. The same
 * tick checks thresholds (33/66/100 % notices, "threshold reached" or, for a citizens' suggestion for a
 * deliberative committee, "awaiting the parliament's decision"), expires petitions whose signing
 * period ended, and publishes live counts.
 */
import { sql } from "drizzle-orm";
import type { AppDeps } from "../../core/http/deps";
import { notify } from "../../core/notifications/outbox";
import type { Db } from "../../db/client";
import { petitionTopic, publishLive } from "./notify";
import type { PetitionState } from "./schema";
import { thresholdStateFor } from "./states";
import { petitionRef, transition } from "./workflow";

export interface Counts {
  online: Record<string, number>;
  paper: Record<string, number>;
  onlineTotal: number;
  paperTotal: number;
  total: number;
}

export interface Quota {
  region: string | null;
  needed: number;
  count: number;
}

const emptyCounts = (): Counts => ({ online: {}, paper: {}, onlineTotal: 0, paperTotal: 0, total: 0 });

/** Exact counts of several petitions: aggregates + unfolded journal + paper entries (one query). */
export async function readCounts(db: Db, ids: number[]): Promise<Map<number, Counts>> {
  const out = new Map<number, Counts>(ids.map((id) => [id, emptyCounts()]));
  if (ids.length === 0) return out;
  const rows = await db.execute<{ petition_id: string; kind: "online" | "paper"; region: string; n: number }>(sql`
    select petition_id, kind, region, sum(n)::int as n from (
      select petition_id, 'online' as kind, region, count as n from petition_counts where petition_id = any(${sql.param(ids)}::bigint[])
      union all select petition_id, 'online', region, delta from petition_count_deltas where petition_id = any(${sql.param(ids)}::bigint[])
      union all select petition_id, 'paper', region, count from petition_paper_entries where petition_id = any(${sql.param(ids)}::bigint[])
    ) x group by petition_id, kind, region`);
  for (const r of rows.rows) {
    const c = out.get(Number(r.petition_id));
    if (!c || r.n === 0) continue;
    c[r.kind][r.region] = r.n;
    if (r.kind === "online") c.onlineTotal += r.n;
    else c.paperTotal += r.n;
    c.total += r.n;
  }
  return out;
}

/** Every quota of a type with its current count: the overall threshold first, then each region's. */
export function quotas(type: { threshold: number; regionThresholds: Record<string, number> }, c: Counts): Quota[] {
  const regionTotal = (r: string) => (c.online[r] ?? 0) + (c.paper[r] ?? 0);
  return [
    { region: null, needed: type.threshold, count: c.total },
    ...Object.entries(type.regionThresholds).map(([region, needed]) => ({ region, needed, count: regionTotal(region) })),
  ];
}

/** Progress towards the threshold: the least advanced quota decides (0..1). */
export function progress(qs: Quota[]): number {
  return Math.min(1, ...qs.map((q) => (q.needed <= 0 ? 1 : q.count / q.needed)));
}

export const milestone = (p: number): number => (p >= 1 ? 100 : p >= 0.66 ? 66 : p >= 0.33 ? 33 : 0);

/**
 * Folds the journal into the aggregates and each petition's `signatures_total` (the lists' sort key),
 * in one statement; returns the petitions whose counts changed. One statement, so all or nothing: if
 * two instances folding at once ever deadlock on the same petitions, the one PostgreSQL aborts keeps
 * its journal rows for the next tick.
 */
export async function foldJournal(db: Db): Promise<number[]> {
  const result = await db.execute<{ petition_id: string }>(sql`
    with d as (
      delete from petition_count_deltas where id in (select id from petition_count_deltas order by id limit 50000 for update skip locked)
      returning petition_id, region, delta
    ), agg as (
      select d.petition_id, d.region, sum(d.delta)::int as n from d join petitions p on p.id = d.petition_id group by d.petition_id, d.region
    ), totals as (
      update petitions p set signatures_total = p.signatures_total + x.n
      from (select petition_id, sum(n)::int as n from agg group by petition_id having sum(n) <> 0) x
      where p.id = x.petition_id
    )
    insert into petition_counts (petition_id, region, count) select petition_id, region, n from agg
    on conflict (petition_id, region) do update set count = petition_counts.count + excluded.count
    returning petition_id`);
  return [...new Set(result.rows.map((r) => Number(r.petition_id)))];
}

type ProgressRow = {
  id: string;
  state: PetitionState;
  progress_notified: number;
  threshold: number;
  region_thresholds: Record<string, number>;
  committee: unknown;
};

/** Milestone notices, "threshold reached", and live counts for the given petitions. */
export async function checkProgress(deps: Pick<AppDeps, "db" | "config">, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await deps.db.execute<ProgressRow>(sql`
    select p.id, p.state, p.progress_notified, t.threshold, t.region_thresholds, t.committee
    from petitions p join petition_types t on t.id = p.type_id where p.id = any(${sql.param(ids)}::bigint[])`);
  const counts = await readCounts(deps.db, ids);
  for (const r of rows.rows) {
    const id = Number(r.id);
    const c = counts.get(id) ?? emptyCounts();
    const qs = quotas({ threshold: r.threshold, regionThresholds: r.region_thresholds }, c);
    const reached = milestone(progress(qs));
    await deps.db.transaction(async (tx) => {
      if ((r.state === "published" || r.state === "threshold_reached") && reached > r.progress_notified) {
        await tx.execute(sql`update petitions set progress_notified = ${reached} where id = ${id}`);
        // The author hears of it through the kit's relay.
        await notify(tx, petitionRef(id), `progress.${reached}`, { values: { percent: reached } });
      }
      if (r.state === "published" && reached === 100) {
        await transition(deps, { id: null, ip: null }, id, { to: thresholdStateFor(r) }, "system", tx);
      }
      await publishLive(tx, petitionTopic(id), { kind: "counts", total: c.total, onlineTotal: c.onlineTotal, paperTotal: c.paperTotal, quotas: qs });
    });
  }
}

/** Published petitions whose signing period is over without reaching the threshold. */
export async function expirePetitions(deps: Pick<AppDeps, "db" | "config">): Promise<number> {
  const due = await deps.db.execute<{ id: string }>(sql`select id from petitions where state = 'published' and signing_ends_at < now() limit 100`);
  let n = 0;
  for (const r of due.rows) {
    const res = await transition(deps, { id: null, ip: null }, Number(r.id), { to: "expired" }, "system");
    if (res.ok) n++;
  }
  return n;
}

/**
 * One pass of the background work; safe to run on every instance at once. Its mails and notices go
 * through the core's outboxes, relayed by the core's job (src/core/notifications/jobs.ts).
 */
export async function runPetitionTick(deps: Pick<AppDeps, "db" | "config" | "jobs">, opts: { expire?: boolean } = {}): Promise<void> {
  const changed = await foldJournal(deps.db);
  await checkProgress(deps, changed);
  if (opts.expire !== false) {
    await expirePetitions(deps);
    await deps.db.execute(sql`delete from petition_rate_windows where minute < floor(extract(epoch from now()) / 60)::bigint - 10`);
  }
}
