/**
 * Date formatters, created once per locale and options and then shared: a new Intl.DateTimeFormat
 * costs about a hundred microseconds and memory that outlives the request, and a list page shows
 * hundreds of dates. (Numbers: numbers.ts.)
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Locales and option sets are few (the catalogue's languages, the views' styles); a guard all the same. */
const MAX_FORMATTERS = 256;

/** The shared formatter for `locale` and `options` (options in a stable order: written as literals). */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/** `date` in `locale` with `options`, through the shared formatter. */
export const formatDateTime = (locale: string, date: Date, options: Intl.DateTimeFormatOptions): string => dateTimeFormat(locale, options).format(date);
