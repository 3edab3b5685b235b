/** The background jobs every instance works on. Areas add theirs here. */
import type { AppDeps } from "../http/deps";
import type { MailMessage } from "../mail/mailer";
import { startPetitionTicker } from "../../modules/petitions/counts";
import { purgeAccountData } from "../accounts/maintenance";
import { deliverNewsletter, DELIVER_JOB } from "../newsletters/service";

export const MAIL_JOB = "mail.send";
export const ACCOUNT_HOUSEKEEPING_JOB = "accounts.housekeeping";

export async function registerJobHandlers(deps: AppDeps): Promise<void> {
  await deps.jobs.work<MailMessage>(MAIL_JOB, (message) => deps.mailer.send(message));
  // Expired sessions, spent tokens and old throttle counters, hourly.
  await deps.jobs.work(ACCOUNT_HOUSEKEEPING_JOB, () => purgeAccountData(deps.db));
  await deps.jobs.schedule(ACCOUNT_HOUSEKEEPING_JOB, "17 * * * *");
  await deps.jobs.work<{ newsletterId: number }>(DELIVER_JOB, async ({ newsletterId }) => {
    await deliverNewsletter(deps, newsletterId);
  });
  startPetitionTicker(deps);
}

/** Queues an email; it is sent by a background job, retried on failure. */
export function queueMail(deps: Pick<AppDeps, "jobs">, message: MailMessage): Promise<void> {
  return deps.jobs.send(MAIL_JOB, message);
}
