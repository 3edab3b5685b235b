/** Pieces shared by the results pages: texts in the reader's language, the progress bar, plain-text paragraphs, choices. */
import type { RequestContext } from "../../core/http/context";
import type { Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import type { Choice } from "./queries";

/** A translatable text in the reader's language (or another), with its `lang`. */
export function text(ctx: RequestContext, value: Translatable | null | undefined): { text: string; lang: string | undefined } {
  const l = localize(value, ctx.locale, ctx.org.defaultLocale);
  return { text: l.text, lang: l.locale === ctx.locale ? undefined : l.locale };
}

export const percent = (v: number) => Math.round(v);

/** A progress bar (named for screen readers) with its figure as text beside it: the text alternative, also what text browsers show. */
export function ProgressBar({ ctx, value, label }: { ctx: RequestContext; value: number; label: string }) {
  const p = percent(value);
  return (
    <span class="result-progress">
      <progress max={100} value={p} aria-label={label} />{" "}
      <span class="result-progress-figure">{ctx.t("results.progress.value", { value: p })}</span>
    </span>
  );
}

/** Plain text as typed in a textarea: a blank line starts a paragraph. Text nodes only (no HTML, ever). */
export function Paragraphs({ text: value, lang }: { text: string; lang?: string | undefined }) {
  const paragraphs = value
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n\s*/)
    .map((para) => para.trim())
    .filter(Boolean);
  return (
    <div class="result-description" lang={lang}>
      {paragraphs.map((para) => (
        <p>{para.split("\n").flatMap((line, i) => (i === 0 ? [line] : [<br />, line]))}</p>
      ))}
    </div>
  );
}

const indent = (c: { depth: number }) => "— ".repeat(c.depth);
export const choiceOptions = (ctx: RequestContext, choices: Choice[]) => choices.map((c) => ({ value: String(c.id), label: `${indent(c)}${text(ctx, c.name).text}` }));
