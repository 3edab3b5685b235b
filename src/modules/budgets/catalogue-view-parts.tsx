/** Pieces shared by the catalogue's pages (back office and project page): texts in the reader's language, choices. */
import type { RequestContext } from "../../core/http/context";
import type { Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import type { Choice } from "./catalogue";

/** A translatable text in the reader's language (or another), with its `lang` when it is another. */
export function text(ctx: RequestContext, value: Translatable | null | undefined): { text: string; lang: string | undefined } {
  const l = localize(value, ctx.locale, ctx.org.defaultLocale);
  return { text: l.text, lang: l.locale === ctx.locale ? undefined : l.locale };
}

const indent = (c: { depth: number }) => "— ".repeat(c.depth);
export const choiceOptions = (ctx: RequestContext, choices: Choice[]) => choices.map((c) => ({ value: String(c.id), label: `${indent(c)}${text(ctx, c.name).text}` }));
