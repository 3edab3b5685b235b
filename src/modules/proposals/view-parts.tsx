/** Pieces shared by the proposal pages: state badge, plain-text paragraphs, dates, costs, a proposal in a list. */
import type { RequestContext } from "../../core/http/context";
import { formatDateTime } from "../../core/i18n/formats";
import type { Translatable } from "../../core/i18n/locales";
import { formatNumber } from "../../core/i18n/numbers";
import { localize } from "../../core/i18n/translator";
import type { ProposalSummary } from "./browse";
import type { Choice, PersonSupports } from "./queries";
import type { ProposalsSettings } from "./settings";

export const formatDate = (ctx: RequestContext, d: Date) => formatDateTime(ctx.locale, d, { dateStyle: "long", timeZone: "Europe/Brussels" });
export const formatCount = (ctx: RequestContext, n: number) => formatNumber(ctx.locale, n);

const euros = new Map<string, Intl.NumberFormat>();
/** Cents as euros in the reader's language ("1 234,50 €"). */
export function formatCost(ctx: RequestContext, cents: number): string {
  let f = euros.get(ctx.locale);
  if (!f) euros.set(ctx.locale, (f = new Intl.NumberFormat(ctx.locale, { style: "currency", currency: "EUR" })));
  return f.format(cents / 100);
}

/** A translatable text in the reader's language (or another), with its `lang`. */
export function text(ctx: RequestContext, value: Translatable | null | undefined): { text: string; lang: string | undefined } {
  const l = localize(value, ctx.locale, ctx.org.defaultLocale);
  return { text: l.text, lang: l.locale === ctx.locale ? undefined : l.locale };
}

/**
 * Plain text as typed in a textarea: a blank line starts a paragraph, a single line break stays one.
 * Each piece is a text node, so Preact escapes it (no HTML from participants, ever).
 */
export function Paragraphs({ text: value, lang }: { text: string; lang?: string | undefined }) {
  const paragraphs = value
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n\s*/)
    .map((para) => para.trim())
    .filter(Boolean);
  return (
    <div class="proposal-body" lang={lang}>
      {paragraphs.map((para) => (
        <p>{para.split("\n").flatMap((line, i) => (i === 0 ? [line] : [<br />, line]))}</p>
      ))}
    </div>
  );
}

export interface StateLook {
  id: number;
  name: Translatable;
  bgColor: string;
  textColor: string;
}

const HEX = /^#[0-9a-fA-F]{6}$/;

/**
 * The states' colours as classes (the CSP allows no style attributes): one nonce'd style block per
 * page. Colours are checked as `#rrggbb` when saved and again here, so nothing else reaches the CSS.
 */
export function StateStyles({ ctx, states }: { ctx: RequestContext; states: readonly StateLook[] }) {
  const css = states
    .filter((s) => HEX.test(s.bgColor) && HEX.test(s.textColor))
    .map((s) => `.proposal-state-${s.id}{background:${s.bgColor};color:${s.textColor}}`)
    .join("");
  return css ? <style nonce={ctx.nonce} dangerouslySetInnerHTML={{ __html: css }} /> : null;
}

/** An answer state, in the admin's colours (checked for contrast when they were saved; see StateStyles). */
export function StateBadge({ ctx, state }: { ctx: RequestContext; state: StateLook }) {
  const name = text(ctx, state.name);
  return (
    <span class={`badge proposal-state proposal-state-${state.id}`} lang={name.lang}>
      {name.text}
    </span>
  );
}

/** A proposal in a list: title, who and when, its answer state, counts, an excerpt. */
export function ProposalCard({ ctx, base, p, state, countsHidden }: { ctx: RequestContext; base: string; p: ProposalSummary; state: StateLook | null; countsHidden: boolean }) {
  const { t } = ctx;
  const title = text(ctx, p.title);
  return (
    <li class="card proposal-card">
      <h3>
        <a href={`${base}/${p.id}`} lang={title.lang}>
          {title.text}
        </a>
      </h3>
      <p class="proposal-meta">
        {p.official ? t("proposals.official") : (p.authorName ?? t("accounts.deletedParticipant"))}
        {p.publishedAt && ` · ${formatDate(ctx, p.publishedAt)}`}
        {p.categoryName && ` · ${text(ctx, p.categoryName).text}`}
        {state && (
          <>
            {" · "}
            <StateBadge ctx={ctx} state={state} />
          </>
        )}
        {p.closed ? ` · ${t("proposals.tools.closedBadge")}` : p.withdrawn && ` · ${t("proposals.withdrawnBadge")}`}
      </p>
      {p.excerpt && (
        <p class="proposal-excerpt" lang={p.language === ctx.locale ? undefined : p.language}>
          {p.excerpt.length >= 280 ? `${p.excerpt.replace(/\s+\S*$/, "")}…` : p.excerpt}
        </p>
      )}
      <p class="proposal-counts">
        {!countsHidden && <span>{t("proposals.count.supports", { count: p.supportsCount })}</span>}
        {!countsHidden && " · "}
        <span>{t("proposals.count.comments", { count: p.commentsCount })}</span>
        {p.supported && (
          <>
            {" · "}
            <strong>{t("proposals.support.youSupport")}</strong>
          </>
        )}
      </p>
    </li>
  );
}

const indent = (c: Choice) => `${"— ".repeat(c.depth)}`;
export const choiceOptions = (ctx: RequestContext, choices: Choice[]) => choices.map((c) => ({ value: String(c.id), label: `${indent(c)}${text(ctx, c.name).text}` }));

/** What a signed-in person has given and what the rules leave them ("3 of 10 supports given"). */
export function SupportsSummary({ ctx, person, settings }: { ctx: RequestContext; person: PersonSupports; settings: ProposalsSettings }) {
  const { t } = ctx;
  const { supportLimit, minimumSupportsPerPerson: minimum } = settings.global;
  const missing = Math.max(0, minimum - person.given);
  return (
    <div class="proposals-supports-summary" role="status">
      <p>{supportLimit > 0 ? t("proposals.support.givenOfLimit", { given: person.given, limit: supportLimit }) : t("proposals.support.given", { given: person.given })}</p>
      {minimum > 0 && missing > 0 && <p>{t("proposals.support.provisionalNote", { minimum, missing })}</p>}
    </div>
  );
}
