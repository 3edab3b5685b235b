/** The background jobs every instance works on: the core's, then each component's from its manifest. */
import { listComponentManifests } from "../components/registry";
import type { AppDeps } from "../http/deps";
import { MAIL_POOL, type MailMessage } from "../mail/mailer";
import type { SendOptions } from "./queue";
import { purgeAccountData } from "../accounts/maintenance";
import { RESET_REQUEST_JOB, sendResetMail, type ResetRequest } from "../accounts/service/password-reset";
import { deliverNewsletter, DELIVER_JOB } from "../newsletters/service";
import { activateStepsByDate, STEPS_BY_DATE_CRON, STEPS_BY_DATE_JOB } from "../spaces/steps-by-date";
import { registerNotificationJobs } from "../notifications/jobs";
import { archiveClosedPhases, ARCHIVE_CRON, ARCHIVE_JOB } from "../archive/service";

export const MAIL_JOB = "mail.send";
export const ACCOUNT_HOUSEKEEPING_JOB = "accounts.housekeeping";
/** How the mail queue is worked: its concurrency matches the mailer's SMTP pool (MAIL_POOL). */
export const MAIL_WORK = { batchSize: 50, concurrency: MAIL_POOL.maxConnections * 2 } as const;

export async function registerJobHandlers(deps: AppDeps): Promise<void> {
  // Fifty at a time, a few sent at once over the mailer's pooled connections (a discussion with many
  // followers queues its mails together).
  await deps.jobs.work<MailMessage>(MAIL_JOB, (message) => deps.mailer.send(message), MAIL_WORK);
  // Expired sessions, spent tokens and old throttle counters, hourly.
  await deps.jobs.work(ACCOUNT_HOUSEKEEPING_JOB, () => purgeAccountData(deps.db));
  await deps.jobs.schedule(ACCOUNT_HOUSEKEEPING_JOB, "17 * * * *");
  // A reset request's lookup and mail, off the request (its answer costs the same for any address).
  await deps.jobs.work<ResetRequest>(RESET_REQUEST_JOB, (request) => sendResetMail(deps, request));
  await deps.jobs.work<{ newsletterId: number }>(DELIVER_JOB, async ({ newsletterId }) => {
    await deliverNewsletter(deps, newsletterId);
  });
  // Processes that follow their dates: the step whose dates include today becomes current (audited).
  await deps.jobs.work(STEPS_BY_DATE_JOB, async () => {
    await activateStepsByDate(deps.db).catch((e: unknown) => {
      if (!deps.pool.ended) throw e;
    });
  });
  await deps.jobs.schedule(STEPS_BY_DATE_JOB, STEPS_BY_DATE_CRON);
  // A phase that closed (its step no longer current) is archived once: the space's snapshot for it.
  await deps.jobs.work(ARCHIVE_JOB, async () => {
    await archiveClosedPhases(deps.db).catch((e: unknown) => {
      if (!deps.pool.ended) throw e;
    });
  });
  await deps.jobs.schedule(ARCHIVE_JOB, ARCHIVE_CRON);
  // The event and mail outboxes' relay, every second; daily and weekly digests.
  await registerNotificationJobs(deps);
  for (const manifest of listComponentManifests()) {
    for (const job of manifest.jobs ?? []) {
      const run = (data: Record<string, unknown>) =>
        job.run(deps, data).catch((e: unknown) => {
          // A platform shutting down closes the pool under a running job: stay quiet about that.
          if (!deps.pool.ended) throw e;
        });
      if (job.everySeconds) await deps.jobs.every(job.name, job.everySeconds, () => run({}));
      else await deps.jobs.work<Record<string, unknown>>(job.name, run);
      if (job.cron) await deps.jobs.schedule(job.name, job.cron);
    }
  }
}

/**
 * Queues an email; it is sent by a background job, retried on failure. With `key` (an outbox row's id),
 * queueing the same mail again sends it once.
 */
export function queueMail(deps: Pick<AppDeps, "jobs">, message: MailMessage, options: Pick<SendOptions, "key"> = {}): Promise<void> {
  return deps.jobs.send(MAIL_JOB, message, options);
}
