/** After the posts: waiting for the notification relay to drain, then counting who was told, in the database. */
import type pg from "pg";
import { sleep } from "../lib/server";

export interface Drain {
  drained: boolean;
  /** From the call until the outboxes and the mail queue were empty (three quiet polls in a row). */
  drainMs: number;
  /** The most rows seen waiting in `event_outbox` while waiting. */
  eventsPeak: number;
  mailsPeak: number;
  mailJobsPeak: number;
}

/** Polls until no event waits in `event_outbox`, no mail in `mail_outbox`, and no `mail.send` job waits or runs. */
export async function waitForDrain(db: pg.Pool, timeoutMs: number): Promise<Drain> {
  const t0 = performance.now();
  const peak = { events: 0, mails: 0, jobs: 0 };
  let quiet = 0;
  while (performance.now() - t0 < timeoutMs) {
    const [r] = (
      await db.query<{ events: number; mails: number; jobs: number }>(
        `select (select count(*)::int from event_outbox) as events, (select count(*)::int from mail_outbox) as mails,
           (select count(*)::int from pnyx_jobs.job where name = 'mail.send' and state in ('created', 'retry', 'active')) as jobs`,
      )
    ).rows;
    const events = r?.events ?? 0;
    const mails = r?.mails ?? 0;
    const jobs = r?.jobs ?? 0;
    peak.events = Math.max(peak.events, events);
    peak.mails = Math.max(peak.mails, mails);
    peak.jobs = Math.max(peak.jobs, jobs);
    quiet = events + mails + jobs === 0 ? quiet + 1 : 0;
    if (quiet >= 3) return { drained: true, drainMs: Math.round(performance.now() - t0), eventsPeak: peak.events, mailsPeak: peak.mails, mailJobsPeak: peak.jobs };
    await sleep(200);
  }
  return { drained: false, drainMs: Math.round(performance.now() - t0), eventsPeak: peak.events, mailsPeak: peak.mails, mailJobsPeak: peak.jobs };
}

/**
 * The followers of `resource` who have a notice about it for every one of the `posted` comments:
 * exactly `posted` notifications about the resource created since `since` (a notice more, e.g. the
 * same comment told twice, does not count either). Logs how the notices were spread.
 */
export async function countNotified(db: pg.Pool, resource: { type: string; id: number }, since: Date, posted: number, log: (m: string) => void): Promise<number> {
  const [r] = (
    await db.query<{ notified: number; followers_told: number; min_per_follower: number | null; max_per_follower: number | null; to_followers: number; to_others: number; posters_following: number }>(
      `with told as (
         select n.user_id, count(*)::int as n, exists (select 1 from follows f where f.resource_type = $1 and f.resource_id = $2 and f.user_id = n.user_id) as follower
         from notifications n where n.resource_type = $1 and n.resource_id = $2 and n.created_at >= $3 group by n.user_id)
       select count(*) filter (where follower and n = $4)::int as notified, count(*) filter (where follower)::int as followers_told,
         min(n) filter (where follower) as min_per_follower, max(n) filter (where follower) as max_per_follower,
         coalesce(sum(n) filter (where follower), 0)::int as to_followers, coalesce(sum(n) filter (where not follower), 0)::int as to_others,
         (select count(*)::int from follows f join users u on u.id = f.user_id where u.email like 'bench-poster-%') as posters_following
       from told`,
      [resource.type, resource.id, since, posted],
    )
  ).rows;
  log(JSON.stringify({ phase: "notified", posted, ...r }));
  return r?.notified ?? 0;
}
