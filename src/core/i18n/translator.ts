/** ICU message formatting over the merged catalogues, with a per-locale cache of compiled messages. */
import { IntlMessageFormat } from "intl-messageformat";
import { catalogue, type MessageKey } from "./catalogues";
import type { Locale, Translatable } from "./locales";
import { LOCALES } from "./locales";

export type Values = Record<string, string | number | Date | boolean | null | undefined>;
export type Translate = (key: MessageKey, values?: Values) => string;

const compiled = new Map<string, IntlMessageFormat>();

function format(locale: Locale, key: MessageKey, values?: Values): string {
  const id = `${locale}\u0000${key}`;
  let message = compiled.get(id);
  if (!message) {
    const source = catalogue[locale][key] ?? catalogue.en[key] ?? key;
    message = new IntlMessageFormat(source, locale);
    compiled.set(id, message);
  }
  const out = message.format(values as Record<string, string | number | Date | boolean>);
  return Array.isArray(out) ? out.join("") : String(out);
}

/** A translate function for one locale. */
export function translator(locale: Locale): Translate {
  return (key, values) => format(locale, key, values);
}

export interface Localized {
  text: string;
  /** The language the text is in; differs from the asked one when we fell back. */
  locale: Locale;
  missing: boolean;
}

/** Picks a translatable value in `locale`, else the organization default, else any language present. */
export function localize(value: Translatable | null | undefined, locale: Locale, fallback: Locale = "fr"): Localized {
  const v = value ?? {};
  const direct = v[locale];
  if (direct) return { text: direct, locale, missing: false };
  for (const l of [fallback, ...LOCALES]) {
    const text = v[l];
    if (text) return { text, locale: l, missing: true };
  }
  return { text: "", locale, missing: true };
}
