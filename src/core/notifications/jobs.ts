/**
 * The notification jobs every instance works on: the relay (events fanned out, then mails handed to
 * the mail queue), every second, one run at a time across instances; the daily and weekly digests on
 * their cron.
 */
import type { AppDeps } from "../http/deps";
import { mailRelayPaused, relayMailOutbox } from "../mail/outbox";
import { DIGEST_JOBS, sendDigests, type DigestFrequency } from "./digest";
import { relayEvents, RELAY_EVERY_SECONDS, RELAY_JOB } from "./relay";

/** One pass: every waiting event, then every waiting mail (unless a benchmark holds mail back). */
export async function runRelays(deps: Pick<AppDeps, "db" | "config" | "jobs" | "log">): Promise<void> {
  await relayEvents(deps);
  if (!mailRelayPaused()) await relayMailOutbox(deps);
}

export async function registerNotificationJobs(deps: AppDeps): Promise<void> {
  // A platform shutting down closes the pool under a running job: stay quiet about that.
  const quiet = (e: unknown) => {
    if (!deps.pool.ended) throw e;
  };
  await deps.jobs.every(RELAY_JOB, RELAY_EVERY_SECONDS, () => runRelays(deps).catch(quiet));
  for (const frequency of ["daily", "weekly"] as DigestFrequency[]) {
    const job = DIGEST_JOBS[frequency];
    await deps.jobs.work(job.name, () => sendDigests(deps, frequency).then(() => undefined, quiet));
    await deps.jobs.schedule(job.name, job.cron);
  }
}
