/** Amounts in a budget's currency in the reader's language, and ballot refusals translated with them. */
import type { RequestContext } from "../../core/http/context";
import type { MessageKey } from "../../core/i18n/catalogues";
import type { Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import { MONEY_VALUES, type RuleValues } from "./ballot-rules";
import { formatMoney } from "./money";

/** The message with its money values formatted in the currency. */
export function translateRule(ctx: RequestContext, currency: string, e: { key: string; values: RuleValues }): string {
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(e.values)) values[k] = MONEY_VALUES.has(k) ? formatMoney(ctx.locale, currency, v) : v;
  // The keys of ballot-rules.ts and ballot-store.ts are all in ballot-messages.ts.
  return ctx.t(e.key as MessageKey, values);
}

/** A translatable text in the reader's language (or another), with its `lang` when it fell back. */
export function text(ctx: RequestContext, value: Translatable | null | undefined): { text: string; lang: string | undefined } {
  const l = localize(value, ctx.locale, ctx.org.defaultLocale);
  return { text: l.text, lang: l.locale === ctx.locale ? undefined : l.locale };
}
