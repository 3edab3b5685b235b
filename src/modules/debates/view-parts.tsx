/** Pieces shared by the debate pages: texts in the reader's language, plain-text paragraphs, dates. */
import type { RequestContext } from "../../core/http/context";
import { formatDateTime } from "../../core/i18n/formats";
import type { Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";

export const formatWhen = (ctx: RequestContext, d: Date) => formatDateTime(ctx.locale, d, { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Brussels" });
export const formatDay = (ctx: RequestContext, d: Date) => formatDateTime(ctx.locale, d, { dateStyle: "long", timeZone: "Europe/Brussels" });

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
    <div class={cls ?? "debate-text"} lang={lang}>
      {paragraphs.map((para) => (
        <p>{para.split("\n").flatMap((line, i) => (i === 0 ? [line] : [<br />, line]))}</p>
      ))}
    </div>
  );
}

/** "From … to …", "From …", "Until …", or nothing. */
export function Period({ ctx, startAt, endAt }: { ctx: RequestContext; startAt: Date | null; endAt: Date | null }) {
  const { t } = ctx;
  if (startAt && endAt) return <>{t("debates.period.between", { start: formatWhen(ctx, startAt), end: formatWhen(ctx, endAt) })}</>;
  if (startAt) return <>{t("debates.period.from", { start: formatWhen(ctx, startAt) })}</>;
  if (endAt) return <>{t("debates.period.until", { end: formatWhen(ctx, endAt) })}</>;
  return null;
}
