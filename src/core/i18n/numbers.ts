/** Numbers in the reader's language ("35,498", "35 498", "35.498"), with one formatter per locale. */
import type { Locale } from "./locales";

const formatters = new Map<Locale, Intl.NumberFormat>();

export function formatNumber(locale: Locale, n: number): string {
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale);
    formatters.set(locale, f);
  }
  return f.format(n);
}
