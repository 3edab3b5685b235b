/**
 * Daily and weekly digests: one mail per person who chose that frequency and has notifications
 * waiting for it (`digest_pending`), summarising them grouped by resource, in the person's language,
 * with links and a way to stop following or change the frequency. Writing the mail, clearing the
 * marks and dating `digest_sent_at` happen in one transaction, so a crash sends it whole or not at all,
 * and people are taken with `skip locked`, so two runs never mail anyone twice.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { AppDeps } from "../http/deps";
import type { MessageKey } from "../i18n/catalogues";
import { dateTimeFormat } from "../i18n/formats";
import { isLocale, type Locale } from "../i18n/locales";
import { translator } from "../i18n/translator";
import { queueOutboxMails, type OutboxMail } from "../mail/outbox";
import { getOrganization } from "../organization/service";
import { PREFERENCES_PATH, unfollowPath } from "./links";
import { notificationText } from "./text";

export type DigestFrequency = "daily" | "weekly";

export const DIGEST_JOBS: Record<DigestFrequency, { name: string; cron: string }> = {
  // Early morning in Brussels (UTC), and the weekly one on Mondays.
  daily: { name: "notifications.digest.daily", cron: "0 5 * * *" },
  weekly: { name: "notifications.digest.weekly", cron: "30 5 * * 1" },
};

/** The most notifications one digest lists; the rest are counted, with a link to the notifications page. */
export const DIGEST_ITEMS = 100;

type Person = {
  id: string;
  email: string;
  name: string;
  locale: string | null;
};

export type DigestItem = {
  user_id: string;
  message: MessageKey;
  values: Record<string, string | number>;
  keyed_values: Record<string, MessageKey>;
  url: string;
  resource_type: string | null;
  resource_id: string | null;
  created_at: string;
  total: number;
};

/** Sends the digests of everyone on this frequency who has something waiting; returns how many mails were queued. */
export async function sendDigests(deps: Pick<AppDeps, "db" | "config">, frequency: DigestFrequency, options: { batch?: number } = {}): Promise<number> {
  const batch = options.batch ?? 100;
  const org = await getOrganization(deps.db);
  let sent = 0;
  let cursor = 0;
  for (;;) {
    const taken = await deps.db.transaction(async (tx) => {
      const people = await tx.execute<Person>(sql`
        select u.id, u.email, u.name, u.locale from users u
        where u.email_frequency = ${frequency} and u.email is not null and u.deleted_at is null and u.blocked_at is null and u.id > ${cursor}
          and exists (select 1 from notifications n where n.user_id = u.id and n.digest_pending)
        order by u.id limit ${batch}
        for update of u skip locked`);
      if (people.rows.length === 0) return 0;
      cursor = Math.max(...people.rows.map((p) => Number(p.id)));
      const items = await takePending(tx, people.rows.map((p) => Number(p.id)));
      const mails: OutboxMail[] = [];
      for (const person of people.rows) {
        const mine = items.get(person.id) ?? [];
        if (mine.length === 0) continue;
        mails.push(digestMail(deps.config.PUBLIC_URL, frequency, person, isLocale(person.locale) ? person.locale : org.defaultLocale, mine));
      }
      await queueOutboxMails(tx, mails);
      await tx.execute(sql`update users set digest_sent_at = now() where id = any(${sql.param(people.rows.map((p) => Number(p.id)))}::bigint[])`);
      sent += mails.length;
      return people.rows.length;
    });
    if (taken < batch) return sent;
  }
}

/**
 * Clears these people's digest marks and returns what they marked, newest DIGEST_ITEMS per person
 * (each row with the person's total), in one statement: exactly what it cleared is what the mail says.
 */
async function takePending(db: Db, userIds: number[]): Promise<Map<string, DigestItem[]>> {
  const rows = await db.execute<DigestItem>(sql`
    with cleared as (
      update notifications set digest_pending = false where user_id = any(${sql.param(userIds)}::bigint[]) and digest_pending returning id, user_id
    ), ranked as (
      select id, row_number() over (partition by user_id order by id desc) as rank, count(*) over (partition by user_id)::int as total from cleared
    )
    select n.user_id, n.message, n.values, n.keyed_values, n.url, n.resource_type, n.resource_id, n.created_at, r.total
    from ranked r join notifications n on n.id = r.id where r.rank <= ${DIGEST_ITEMS} order by n.user_id, n.id`);
  const out = new Map<string, DigestItem[]>();
  for (const r of rows.rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r]);
  return out;
}

/** The digest's text: an introduction, then each resource's title, its notices, its page and how to stop following it. */
export function digestMail(publicUrl: string, frequency: DigestFrequency, person: { email: string; name: string }, locale: Locale, items: DigestItem[]): OutboxMail {
  const t = translator(locale);
  const when = dateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Brussels" });
  const groups = new Map<string, DigestItem[]>();
  for (const item of items) {
    const key = item.resource_type && item.resource_id ? `${item.resource_type}:${item.resource_id}` : item.url;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const total = items[0]?.total ?? items.length;
  const lines: string[] = [t("notifications.digest.intro", { name: person.name }), ""];
  for (const group of groups.values()) {
    const first = group[0];
    if (!first) continue;
    const title = typeof first.values.title === "string" && first.values.title ? first.values.title : `${publicUrl}${first.url}`;
    lines.push(title, "=".repeat(Math.min(60, Math.max(3, title.length))));
    for (const item of group) {
      lines.push(`- ${notificationText(t, { message: item.message, values: item.values, keyedValues: item.keyed_values })} (${when.format(new Date(item.created_at))})`);
    }
    lines.push(`${publicUrl}${first.url.split("#")[0]}`);
    if (first.resource_type && first.resource_id) lines.push(`${t("notifications.digest.unfollow")} ${publicUrl}${unfollowPath({ type: first.resource_type, id: Number(first.resource_id) })}`);
    lines.push("");
  }
  if (total > items.length) lines.push(t("notifications.digest.more", { count: total - items.length }), `${publicUrl}/notifications`, "");
  else lines.push(t("notifications.digest.all"), `${publicUrl}/notifications`, "");
  lines.push(t("notifications.mail.preferences"), `${publicUrl}${PREFERENCES_PATH}`, "");
  const subject = frequency === "daily" ? t("notifications.digest.dailySubject", { count: total }) : t("notifications.digest.weeklySubject", { count: total });
  return { to: person.email, subject, text: lines.join("\n") };
}
