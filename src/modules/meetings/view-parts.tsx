/** Pieces shared by the meeting pages: texts in the reader's language, plain-text paragraphs, times on the meeting's clock. */
import type { RequestContext } from "../../core/http/context";
import { formatDateTime } from "../../core/i18n/formats";
import type { Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import type { MeetingType } from "./schema";

/** A translatable text in the reader's language (or another), with its `lang` when it differs. */
export function text(ctx: RequestContext, value: Translatable | null | undefined): { text: string; lang: string | undefined } {
  const l = localize(value, ctx.locale, ctx.org.defaultLocale);
  return { text: l.text, lang: l.locale === ctx.locale ? undefined : l.locale };
}

/** Plain text as typed: a blank line starts a paragraph. Text nodes only (Preact escapes them). */
export function Paragraphs({ text: value, lang, class: cls }: { text: string; lang?: string | undefined; class?: string }) {
  const paragraphs = value
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n\s*/)
    .map((para) => para.trim())
    .filter(Boolean);
  return (
    <div class={cls ?? "meeting-text"} lang={lang}>
      {paragraphs.map((para) => (
        <p>{para.split("\n").flatMap((line, i) => (i === 0 ? [line] : [<br />, line]))}</p>
      ))}
    </div>
  );
}

const sameDay = (a: Date, b: Date, tz: string) => a.toLocaleDateString("en-CA", { timeZone: tz }) === b.toLocaleDateString("en-CA", { timeZone: tz });

/** "Monday 1 March 2027, 18:00 – 20:00 (Europe/Paris)": in the reader's language, on the meeting's clock. */
export function When({ ctx, m }: { ctx: RequestContext; m: { startAt: Date; endAt: Date; timeZone: string } }) {
  const tz = m.timeZone;
  const start = formatDateTime(ctx.locale, m.startAt, { dateStyle: "full", timeStyle: "short", timeZone: tz });
  const end = sameDay(m.startAt, m.endAt, tz) ? formatDateTime(ctx.locale, m.endAt, { timeStyle: "short", timeZone: tz }) : formatDateTime(ctx.locale, m.endAt, { dateStyle: "full", timeStyle: "short", timeZone: tz });
  return (
    <span class="meeting-when">
      <time dateTime={m.startAt.toISOString()}>{start}</time> – <time dateTime={m.endAt.toISOString()}>{end}</time> <span class="meeting-zone">({tz.replace(/_/g, " ")})</span>
    </span>
  );
}

const TYPE_KEYS = { in_person: "meetings.type.in_person", online: "meetings.type.online", hybrid: "meetings.type.hybrid" } as const;
export const typeKey = (type: MeetingType) => TYPE_KEYS[type];

/** Where: the address, "Online", or both. */
export function Where({ ctx, m }: { ctx: RequestContext; m: { type: MeetingType; address: string } }) {
  const { t } = ctx;
  if (m.type === "online") return <span class="meeting-where">{t("meetings.where.online")}</span>;
  return (
    <span class="meeting-where">
      {m.address}
      {m.type === "hybrid" ? ` · ${t("meetings.where.alsoOnline")}` : ""}
    </span>
  );
}

/** After a meeting: how many attended and the recording's link (the meeting's page and its archived copy). */
export function MeetingOutcome({ ctx, m }: { ctx: RequestContext; m: { attendeesCount: number | null; recordingUrl: string | null } }) {
  return (
    <>
      {m.attendeesCount !== null && <p>{ctx.t("meetings.report.attendees", { count: m.attendeesCount })}</p>}
      {m.recordingUrl && (
        <p>
          <a href={m.recordingUrl} rel="noopener noreferrer">
            {ctx.t("meetings.report.recording")}
          </a>
        </p>
      )}
    </>
  );
}
