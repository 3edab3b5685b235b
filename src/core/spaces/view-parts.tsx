/** Small view pieces shared by the spaces pages: dates, rich text, hero, cards. */
import type { RequestContext } from "../http/context";
import { LOCALE_NAMES, type Translatable } from "../i18n/locales";
import { localize } from "../i18n/translator";
import { renderRichText } from "../components/rich-text";
import { Localized } from "../../web/layout";
import { stepEnded, todayUtc } from "./steps-by-date";
import { spacePath, type SpaceRecord } from "./types";
import { formatDateTime } from "../i18n/formats";

/** A calendar date (YYYY-MM-DD) in the reader's language. */
export function formatDate(ctx: RequestContext, date: string | null | undefined): string {
  if (!date) return "";
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : formatDateTime(ctx.locale, d, { dateStyle: "long", timeZone: "UTC" });
}

export function DateRange({ ctx, start, end }: { ctx: RequestContext; start: string | null; end: string | null }) {
  if (!start && !end) return null;
  return (
    <p class="date-range">
      {start && end
        ? ctx.t("spaces.dates.range", { start: formatDate(ctx, start), end: formatDate(ctx, end) })
        : start
          ? ctx.t("spaces.dates.from", { start: formatDate(ctx, start) })
          : ctx.t("spaces.dates.until", { end: formatDate(ctx, end) })}
    </p>
  );
}

/** Translatable Markdown, rendered and sanitised, with the "not in your language" note when it falls back. */
export function RichText({ ctx, value, class: cls }: { ctx: RequestContext; value: Translatable; class?: string }) {
  const l = localize(value, ctx.locale, ctx.org.defaultLocale);
  if (!l.text) return null;
  return (
    <>
      {l.missing && <p class="translation-note">{ctx.t("common.notInYourLanguage", { language: LOCALE_NAMES[l.locale] })}</p>}
      <div class={cls ?? "prose"} lang={l.missing ? l.locale : undefined} dangerouslySetInnerHTML={{ __html: renderRichText(l.text).html }} />
    </>
  );
}

/** The hero image, with the admin's alternative text (decorative when none was given). */
export function Hero({ ctx, space }: { ctx: RequestContext; space: Pick<SpaceRecord, "heroImage" | "heroImageAlt"> }) {
  if (!space.heroImage) return null;
  const alt = localize(space.heroImageAlt, ctx.locale, ctx.org.defaultLocale).text;
  return <img class="space-hero-image" src={space.heroImage} alt={alt} />;
}

export function SpaceCard({ ctx, space, activeStepTitle, activeStepEndDate, headingLevel = 3 }: { ctx: RequestContext; space: SpaceRecord; activeStepTitle?: Translatable | null; activeStepEndDate?: string | null; headingLevel?: 2 | 3 | 4 }) {
  const ended = activeStepEndDate ? stepEnded({ endDate: activeStepEndDate }, todayUtc()) : false;
  const H = headingLevel === 2 ? "h2" : headingLevel === 4 ? "h4" : "h3";
  const title = localize(space.title, ctx.locale, ctx.org.defaultLocale);
  return (
    <li class="card space-card">
      <H>
        <a href={spacePath(space)} lang={title.missing ? title.locale : undefined}>
          {title.text}
        </a>
      </H>
      {space.isPrivate && <span class="badge">{ctx.t(space.isTransparent ? "spaces.badge.transparent" : "spaces.badge.private")}</span>}
      <Localized ctx={ctx} value={space.shortDescription} as="p" />
      {activeStepTitle && (
        <p class="space-card-step">
          {/* A current step whose dates are over is not presented as running. */}
          {ctx.t(ended ? "spaces.process.lastStep" : "spaces.process.currentStep")} <Localized ctx={ctx} value={activeStepTitle} />
          {ended && ` ${ctx.t("spaces.process.stepEnded", { date: formatDate(ctx, activeStepEndDate) })}`}
        </p>
      )}
      <DateRange ctx={ctx} start={space.startDate} end={space.endDate} />
    </li>
  );
}

/** Shown on unpublished spaces and components to the people allowed to preview them. */
export function PreviewNotice({ ctx }: { ctx: RequestContext }) {
  return (
    <p class="preview-notice" role="note">
      {ctx.t("spaces.preview.notice")}
    </p>
  );
}

/**
 * Previous and next links of a paged list, with the current page named (`aria-current`); nothing
 * when the list fits on one page.
 */
export function Pager({ ctx, page, hasNext, href }: { ctx: RequestContext; page: number; hasNext: boolean; href: (page: number) => string }) {
  if (page <= 1 && !hasNext) return null;
  return (
    <nav class="pager" aria-label={ctx.t("spaces.pager.label")}>
      {page > 1 && (
        <a href={href(page - 1)} rel="prev">
          {ctx.t("spaces.pager.previous")}
        </a>
      )}{" "}
      <span aria-current="page">{ctx.t("spaces.pager.page", { page })}</span>{" "}
      {hasNext && (
        <a href={href(page + 1)} rel="next">
          {ctx.t("spaces.pager.next")}
        </a>
      )}
    </nav>
  );
}

/** A member's name; a drawn member who chose not to show theirs (an empty name) reads "A drawn member". */
export function MemberName({ ctx, member }: { ctx: RequestContext; member: { name: string; designation: string | null } }) {
  if (member.name) return <>{member.name}</>;
  return <>{ctx.t(member.designation === "drawn" ? "spaces.members.drawnAnonymous" : "spaces.members.unnamed")}</>;
}

const COUNT_KEYS = { drawn: "spaces.members.count.drawn", elected: "spaces.members.count.elected", appointed: "spaces.members.count.appointed", volunteer: "spaces.members.count.volunteer" } as const;

/** The composition of the sitting members by how they joined ("45 drawn by lot · 15 elected"); nothing when none is labelled. */
export function MembersComposition({ ctx, members }: { ctx: RequestContext; members: ReadonlyArray<{ designation: string | null; ceasedAt: string | null }> }) {
  const parts = (Object.keys(COUNT_KEYS) as Array<keyof typeof COUNT_KEYS>)
    .map((d) => ({ d, count: members.filter((m) => m.ceasedAt === null && m.designation === d).length }))
    .filter((p) => p.count > 0)
    .map((p) => ctx.t(COUNT_KEYS[p.d], { count: p.count }));
  return parts.length === 0 ? null : <p class="members-composition">{parts.join(" · ")}</p>;
}
