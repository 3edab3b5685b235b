/** The request's language: the person's setting, else a chosen cookie, else the browser, else the default. */
import { isLocale, type Locale } from "./locales";

/** Parses Accept-Language and returns the best available locale, if any. */
export function fromAcceptLanguage(header: string | undefined, available: readonly Locale[]): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { lang: tag.toLowerCase().split("-")[0] ?? "", q: q ? Number(q.split("=")[1]) : 1 };
    })
    .filter((x) => x.lang && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) if (isLocale(lang) && available.includes(lang)) return lang;
  return null;
}

export function negotiateLocale(input: {
  userLocale: Locale | null | undefined;
  cookie: string | undefined;
  acceptLanguage: string | undefined;
  available: readonly Locale[];
  fallback: Locale;
}): Locale {
  const { userLocale, cookie, acceptLanguage, available, fallback } = input;
  if (userLocale && available.includes(userLocale)) return userLocale;
  if (isLocale(cookie) && available.includes(cookie)) return cookie;
  return fromAcceptLanguage(acceptLanguage, available) ?? fallback;
}
