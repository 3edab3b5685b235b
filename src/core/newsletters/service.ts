/**
 * Newsletters: drafts written by administrators, sent once to an audience fixed at sending time, then
 * delivered by a background job in batches (each subscriber in their own language, with a link that
 * unsubscribes them without signing in). Every change is audited.
 */
import { listComponentManifests } from "../components/registry";
import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../audit/audit";
import { renderRichText } from "../components/rich-text";
import type { AppDeps } from "../http/deps";
import { fail, ok, type Result } from "../http/result";
import { isLocale, type Locale, type Translatable } from "../i18n/locales";
import { localize, translator } from "../i18n/translator";
import { queueMail } from "../jobs/handlers";
import type { MailMessage } from "../mail/mailer";
import { getOrganization } from "../organization/service";
import { newsletters, type NewsletterAudience, type NewsletterRow } from "./schema";
import { unsubscribeToken } from "./tokens";

export const DELIVER_JOB = "newsletters.deliver";
const BATCH = 200;

export interface Actor {
  id: number;
  ip: string | null;
}

export interface NewsletterDraft {
  subject: Translatable;
  body: Translatable;
}

export async function listNewsletters(db: Db): Promise<NewsletterRow[]> {
  return db.select().from(newsletters).orderBy(desc(newsletters.id)).limit(200);
}

export async function findNewsletter(db: Db, id: number): Promise<NewsletterRow | null> {
  const [row] = await db.select().from(newsletters).where(eq(newsletters.id, id));
  return row ?? null;
}

export async function saveDraft(db: Db, actor: Actor, id: number | null, draft: NewsletterDraft): Promise<Result<NewsletterRow>> {
  return db.transaction(async (tx) => {
    const before = id === null ? null : ((await tx.select().from(newsletters).where(eq(newsletters.id, id)).for("update"))[0] ?? null);
    if (id !== null && !before) return fail({ _form: { key: "error.notFound.title" } });
    if (before && before.status !== "draft") return fail({ _form: { key: "newsletters.errors.alreadySent" } });
    const [row] =
      id === null
        ? await tx.insert(newsletters).values({ ...draft, createdBy: actor.id }).returning()
        : await tx.update(newsletters).set({ ...draft, updatedAt: new Date() }).where(eq(newsletters.id, id)).returning();
    if (!row) throw new Error("newsletter save returned nothing");
    await audit(tx, { actorId: actor.id, action: id === null ? "newsletter.create" : "newsletter.update", resourceType: "newsletter", resourceId: row.id, before, after: row, ip: actor.ip });
    return ok(row);
  });
}

/**
 * The subscribers an audience reaches: confirmed, not deleted or blocked, opted in; for spaces, those
 * who hold a role, are members (private users, assembly members), or took part through a component
 * (each component's `newsletterParticipants` query: authors, signers, followers...).
 */
function audienceQuery(audience: NewsletterAudience) {
  const subscribed = sql`u.deleted_at is null and u.blocked_at is null and u.email is not null and u.email_confirmed_at is not null and u.newsletter_opt_in`;
  if (audience.kind === "all") return sql`select u.id from users u where ${subscribed}`;
  const ids = sql`${sql.param(audience.spaceIds)}::bigint[]`;
  const participants = listComponentManifests().flatMap((m) => (m.newsletterParticipants ? [m.newsletterParticipants(ids)] : []));
  const fromComponents = participants.map((q) => sql` or u.id in (${q})`);
  return sql`select u.id from users u where ${subscribed} and (
    exists (select 1 from space_roles r where r.user_id = u.id and r.space_id = any(${ids}))
    or exists (select 1 from space_private_users m where m.user_id = u.id and m.space_id = any(${ids}))
    or exists (select 1 from assembly_members m where m.user_id = u.id and m.ceased_at is null and m.space_id = any(${ids}))${sql.join(fromComponents, sql``)})`;
}

/** How many subscribers an audience reaches now (shown before sending). */
export async function countAudience(db: Db, audience: NewsletterAudience): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from (${audienceQuery(audience)}) a`);
  return r.rows[0]?.n ?? 0;
}

/**
 * Sends a draft: fixes its audience (one delivery row per subscriber) and marks it sent, in one
 * transaction, then asks the job queue to deliver. A newsletter is sent once.
 */
export async function sendNewsletter(deps: Pick<AppDeps, "db" | "jobs">, actor: Actor, id: number, audience: NewsletterAudience): Promise<Result<{ recipients: number }>> {
  const result = await deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(newsletters).where(eq(newsletters.id, id)).for("update");
    if (!row) return fail({ _form: { key: "error.notFound.title" } });
    if (row.status !== "draft") return fail({ _form: { key: "newsletters.errors.alreadySent" } });
    const inserted = await tx.execute(sql`insert into newsletter_deliveries (newsletter_id, user_id) select ${id}::bigint, a.id from (${audienceQuery(audience)}) a on conflict do nothing`);
    const recipients = inserted.rowCount ?? 0;
    await tx.update(newsletters).set({ status: "sent", audience, recipients, sentAt: new Date(), updatedAt: new Date() }).where(eq(newsletters.id, id));
    await audit(tx, { actorId: actor.id, action: "newsletter.send", resourceType: "newsletter", resourceId: id, after: { audience, recipients }, ip: actor.ip });
    return ok({ recipients });
  });
  if (result.ok) await deps.jobs.send(DELIVER_JOB, { newsletterId: id });
  return result;
}

/** The mail one subscriber receives, in their language (or the organization's). */
export function newsletterMail(config: AppDeps["config"], row: Pick<NewsletterRow, "subject" | "body">, to: { id: number; email: string; locale: Locale; fallback: Locale; orgName: string }): MailMessage {
  const t = translator(to.locale);
  const subject = localize(row.subject, to.locale, to.fallback);
  const body = localize(row.body, subject.locale, to.fallback);
  const unsubscribe = `${config.PUBLIC_URL}/newsletter/unsubscribe/${unsubscribeToken(config, to.id)}`;
  const footer = t("newsletters.mail.footer", { organization: to.orgName });
  const html = renderRichText(body.text).html;
  return {
    to: to.email,
    subject: subject.text,
    text: `${body.text}\n\n--\n${footer}\n${t("newsletters.mail.unsubscribe")}: ${unsubscribe}\n`,
    html: `<div lang="${body.locale}">${html}</div><hr><p>${escapeHtml(footer)}<br><a href="${unsubscribe}">${escapeHtml(t("newsletters.mail.unsubscribe"))}</a></p>`,
    headers: { "List-Unsubscribe": `<${unsubscribe}>` },
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

/**
 * One pass of delivery: hands the next batch of a sent newsletter to the mail queue and dates it.
 * Runs until none is left; safe on several instances at once (rows are claimed with skip locked).
 */
export async function deliverNewsletter(deps: Pick<AppDeps, "db" | "jobs" | "config">, newsletterId: number): Promise<number> {
  const row = await findNewsletter(deps.db, newsletterId);
  if (!row || row.status !== "sent") return 0;
  const org = await getOrganization(deps.db);
  let delivered = 0;
  for (;;) {
    const n = await deps.db.transaction(async (tx) => {
      const batch = await tx.execute<{ user_id: string; email: string | null; locale: string | null; newsletter_opt_in: boolean }>(sql`
        with claimed as (
          select user_id from newsletter_deliveries where newsletter_id = ${newsletterId} and queued_at is null
          order by user_id limit ${BATCH} for update skip locked
        ), dated as (
          update newsletter_deliveries d set queued_at = now() from claimed c where d.newsletter_id = ${newsletterId} and d.user_id = c.user_id returning d.user_id
        )
        select u.id as user_id, u.email, u.locale, u.newsletter_opt_in from dated join users u on u.id = dated.user_id`);
      for (const r of batch.rows) {
        // Someone who unsubscribed (or left) after the sending is skipped.
        if (!r.email || !r.newsletter_opt_in) continue;
        const locale = isLocale(r.locale) ? r.locale : org.defaultLocale;
        await queueMail(deps, newsletterMail(deps.config, row, { id: Number(r.user_id), email: r.email, locale, fallback: org.defaultLocale, orgName: localize(org.name, locale, org.defaultLocale).text }));
      }
      return batch.rows.length;
    });
    delivered += n;
    if (n < BATCH) return delivered;
  }
}

/** Delivery progress of a sent newsletter. */
export async function deliveryProgress(db: Db, newsletterId: number): Promise<{ queued: number; total: number }> {
  const r = await db.execute<{ queued: number; total: number }>(
    sql`select count(queued_at)::int as queued, count(*)::int as total from newsletter_deliveries where newsletter_id = ${newsletterId}`,
  );
  return r.rows[0] ?? { queued: 0, total: 0 };
}

/** Turns the newsletter off for the person a valid unsubscribe link names (idempotent). */
export async function unsubscribe(db: Db, userId: number): Promise<boolean> {
  const r = await db.execute(sql`update users set newsletter_opt_in = false, updated_at = now() where id = ${userId} and deleted_at is null`);
  return (r.rowCount ?? 0) > 0;
}
