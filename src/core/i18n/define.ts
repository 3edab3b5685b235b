/**
 * Message catalogues. Each area declares its messages once for the four languages; the type makes a
 * missing translation a compile error, so every catalogue stays complete.
 */
import type { Locale } from "./locales";

export type Catalogue<K extends string> = Record<Locale, Record<K, string>>;

/** Declares an area's messages; `en` defines the keys, the other languages must provide every one. */
export function defineMessages<const E extends Record<string, string>>(m: {
  en: E;
  fr: Record<keyof E, string>;
  nl: Record<keyof E, string>;
  de: Record<keyof E, string>;
}): Catalogue<Extract<keyof E, string>> {
  return m as Catalogue<Extract<keyof E, string>>;
}
