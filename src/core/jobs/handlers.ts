/** The background jobs every instance works on. Areas add theirs here. */
import type { AppDeps } from "../http/deps";
import type { MailMessage } from "../mail/mailer";
import { startPetitionTicker } from "../../modules/petitions/counts";

export const MAIL_JOB = "mail.send";

export async function registerJobHandlers(deps: AppDeps): Promise<void> {
  await deps.jobs.work<MailMessage>(MAIL_JOB, (message) => deps.mailer.send(message));
  startPetitionTicker(deps);
}

/** Queues an email; it is sent by a background job, retried on failure. */
export function queueMail(deps: Pick<AppDeps, "jobs">, message: MailMessage): Promise<void> {
  return deps.jobs.send(MAIL_JOB, message);
}
