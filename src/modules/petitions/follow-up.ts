/**
 * The follow-up of a deliberative committee's recommendations: the members of parliament report on
 * them 6 to 9 months after the committee delivered them. The services set the due date within that
 * window and record the report when it is published; until then the date is public (overdue marked)
 * and the staff are reminded by mail 30 days and 7 days before and once it is overdue, each reminder
 * once per due date (a scheduled job, safe to run on every instance at once).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import type { AppDeps } from "../../core/http/deps";
import { fail, ok, type Result } from "../../core/http/result";
import { dateTimeFormat } from "../../core/i18n/formats";
import { isLocale } from "../../core/i18n/locales";
import { translator } from "../../core/i18n/translator";
import { queueOutboxMails, type OutboxMail } from "../../core/mail/outbox";
import { getOrganization } from "../../core/organization/service";
import type { Actor } from "./workflow";

/** `YYYY-MM-DD` plus `months`, on the last day of the month when the day does not exist there (31 Aug + 6 = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

/** The window the report's due date must fall in: 6 to 9 months after the recommendations, both days included. */
export const followUpWindow = (recommendationsAt: string) => ({ from: addMonths(recommendationsAt, 6), to: addMonths(recommendationsAt, 9) });

/** Sets when the recommendations were delivered and when the report is due (within the window); a new date starts the reminders again. */
export async function setFollowUpDue(db: Db, actor: Actor & { id: number }, petitionId: number, input: { recommendationsAt: string; reportDueAt: string }): Promise<Result<null>> {
  const window = followUpWindow(input.recommendationsAt);
  if (input.reportDueAt < window.from || input.reportDueAt > window.to) return fail({ reportDueAt: { key: "petitions.followUp.admin.window", values: window } });
  return db.transaction(async (tx) => {
    const before = await tx.execute<{ recommendations_at: string | null; report_due_at: string | null }>(
      sql`select recommendations_at::text, report_due_at::text from petition_committees where petition_id = ${petitionId} and outcome = 'accepted' for update`,
    );
    const row = before.rows[0];
    if (!row) return fail({ _form: { key: "petitions.followUp.admin.notAccepted" } });
    await tx.execute(sql`update petition_committees set recommendations_at = ${input.recommendationsAt}::date, report_due_at = ${input.reportDueAt}::date,
      reminders_sent = case when report_due_at is distinct from ${input.reportDueAt}::date then '[]'::jsonb else reminders_sent end
      where petition_id = ${petitionId}`);
    await audit(tx, { actorId: actor.id, action: "petition.follow_up.due", resourceType: "petition", resourceId: petitionId, before: row, after: input, ip: actor.ip });
    return ok(null);
  });
}

/** Records the published follow-up report (its text and, optionally, its document's address). */
export async function publishFollowUpReport(db: Db, actor: Actor & { id: number }, petitionId: number, input: { body: string; url?: string | undefined }): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const r = await tx.execute<{ report_due_at: string | null }>(sql`select report_due_at::text from petition_committees where petition_id = ${petitionId} and outcome = 'accepted' for update`);
    const row = r.rows[0];
    if (!row) return fail({ _form: { key: "petitions.followUp.admin.notAccepted" } });
    if (!row.report_due_at) return fail({ _form: { key: "petitions.followUp.admin.noDueDate" } });
    await tx.execute(sql`update petition_committees set report_body = ${input.body}, report_url = ${input.url ?? null}, report_published_at = now() where petition_id = ${petitionId}`);
    await audit(tx, { actorId: actor.id, action: "petition.follow_up.report", resourceType: "petition", resourceId: petitionId, after: input, ip: actor.ip });
    return ok(null);
  });
}

/** The reminders in order; a late start sends only the latest due one (and counts the earlier ones as sent). */
const STAGES = ["30", "7", "overdue"] as const;
type Stage = (typeof STAGES)[number];
const stageOf = (daysLeft: number): Stage | null => (daysLeft < 0 ? "overdue" : daysLeft <= 7 ? "7" : daysLeft <= 30 ? "30" : null);

type Due = { petition_id: string; title: string; due: string; days: number; sent: string[] };
type Person = { email: string; locale: string | null };

/**
 * Queues the reminders due now, through the core's mail outbox, to the organization's administrators
 * and the administrators of the suggestion's space and of the committee's assembly. Marking a stage
 * sent and queueing its mails happen in one transaction, under the row's lock: each goes once.
 */
export async function sendFollowUpReminders(deps: Pick<AppDeps, "db" | "config">): Promise<number> {
  const due = await deps.db.execute<Due>(sql`
    select c.petition_id, p.title, c.report_due_at::text as due, (c.report_due_at - current_date)::int as days, c.reminders_sent as sent
    from petition_committees c join petitions p on p.id = c.petition_id
    where c.report_published_at is null and c.report_due_at is not null and c.report_due_at <= current_date + 30
    order by c.report_due_at limit 500`);
  if (due.rows.length === 0) return 0;
  const org = await getOrganization(deps.db);
  let queued = 0;
  for (const d of due.rows) {
    const stage = stageOf(d.days);
    if (!stage || d.sent.includes(stage)) continue;
    const upTo = STAGES.slice(0, STAGES.indexOf(stage) + 1);
    queued += await deps.db.transaction(async (tx) => {
      const claimed = await tx.execute(sql`update petition_committees set reminders_sent = ${JSON.stringify(upTo)}::jsonb
        where petition_id = ${d.petition_id} and report_published_at is null and report_due_at = ${d.due}::date and not (reminders_sent ? ${stage})
        returning petition_id`);
      if (claimed.rows.length === 0) return 0;
      const people = await tx.execute<Person>(sql`
        select distinct u.email, u.locale from users u
        where u.email is not null and u.deleted_at is null and u.blocked_at is null and (u.is_admin or exists (
          select 1 from space_roles r where r.user_id = u.id and r.role = 'admin' and r.space_id in (
            select c.space_id from petition_committees c where c.petition_id = ${d.petition_id}
            union all select co.space_id from petitions p join components co on co.id = p.component_id where p.id = ${d.petition_id})))`);
      const mails = people.rows.map((person) => reminderMail(deps.config.PUBLIC_URL, isLocale(person.locale) ? person.locale : org.defaultLocale, person.email, { id: Number(d.petition_id), title: d.title, due: d.due, days: d.days, stage }));
      await queueOutboxMails(tx, mails);
      return mails.length;
    });
  }
  return queued;
}

function reminderMail(publicUrl: string, locale: Parameters<typeof translator>[0], to: string, r: { id: number; title: string; due: string; days: number; stage: Stage }): OutboxMail {
  const t = translator(locale);
  const date = dateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${r.due}T00:00:00Z`));
  const subject = r.stage === "overdue" ? t("petitions.followUp.mail.overdueSubject", { title: r.title }) : t("petitions.followUp.mail.soonSubject", { title: r.title, days: r.days });
  return { to, subject, text: [t("petitions.followUp.mail.body", { title: r.title, date }), `${publicUrl}/admin/petitions/${r.id}`, ""].join("\n") };
}
