/** The interface languages of Pnyx and translatable content values. */
export const LOCALES = ["fr", "nl", "en", "de"] as const;
export type Locale = (typeof LOCALES)[number];

/** Content in several languages, stored as JSONB: `{ "fr": "...", "nl": "..." }`. */
export type Translatable = Partial<Record<Locale, string>>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export const LOCALE_NAMES: Record<Locale, string> = { fr: "Français", nl: "Nederlands", en: "English", de: "Deutsch" };
