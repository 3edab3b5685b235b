/** After the posts: waiting for the notification relay to drain (then for the mail queue), and counting who was told, in the database. */
import type pg from "pg";
import { sleep } from "../lib/server";

export interface Drain {
  drained: boolean;
  /** From the call until both outboxes were empty (three polls in a row). */
  drainMs: number;
  /** The most rows seen waiting in `event_outbox`, then in `mail_outbox`, while waiting. */
  eventsPeak: number;
  mailsPeak: number;
}

const count = async (db: pg.Pool, text: string): Promise<number> => (await db.query<{ n: number }>(text)).rows[0]?.n ?? 0;

/** Polls until no event waits in `event_outbox` and no mail in `mail_outbox` (the relay has handed every mail to the mail queue). */
export async function waitForDrain(db: pg.Pool, timeoutMs: number): Promise<Drain> {
  const t0 = performance.now();
  const peak = { events: 0, mails: 0 };
  let quiet = 0;
  while (performance.now() - t0 < timeoutMs) {
    const events = await count(db, "select count(*)::int as n from event_outbox");
    const mails = await count(db, "select count(*)::int as n from mail_outbox");
    peak.events = Math.max(peak.events, events);
    peak.mails = Math.max(peak.mails, mails);
    quiet = events + mails === 0 ? quiet + 1 : 0;
    if (quiet >= 3) break;
    await sleep(200);
  }
  return { drained: quiet >= 3, drainMs: Math.round(performance.now() - t0), eventsPeak: peak.events, mailsPeak: peak.mails };
}

/** Waits (at most `timeoutMs`) until no `mail.send` job waits or runs; returns how many were left and when. */
export async function waitForMailJobs(db: pg.Pool, timeoutMs: number): Promise<{ mailJobsLeft: number; mailJobsMs: number }> {
  const t0 = performance.now();
  for (;;) {
    const left = await count(db, "select count(*)::int as n from pnyx_jobs.job where name = 'mail.send' and state in ('created', 'retry', 'active')");
    if (left === 0 || performance.now() - t0 > timeoutMs) return { mailJobsLeft: left, mailJobsMs: Math.round(performance.now() - t0) };
    await sleep(500);
  }
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
