/** Full-text search over translatable JSONB columns, in the reader's language first. */
import { sql, type SQL } from "drizzle-orm";
import { LOCALES, type Locale } from "../i18n/locales";

export const REGCONFIG: Record<Locale, string> = { fr: "french", nl: "dutch", en: "english", de: "german" };

/** Search ranks this many matches at most: the index finds the matches, ranking stays bounded. */
export const RANKED_MATCHES = 1_000;

/**
 * The stored document vector of a row for the reader's language (`<alias>.search_<locale>`): the
 * reader's language with its stemmer, plus every language without stemming (so a Dutch reader still
 * finds a process described only in French by its exact words). Generated columns with a GIN index
 * each (spaces and pages: migration 0017), so a search reads the index, never computes a vector.
 */
export function storedVector(alias: string, locale: Locale): SQL {
  if (!/^[a-z_]+$/.test(alias) || !LOCALES.includes(locale)) throw new Error(`not a search column: ${alias}.${locale}`);
  return sql.raw(`${alias}.search_${locale}`);
}

/** The query: stemmed in the reader's language, or the exact words. Never a syntax error (websearch). */
export function readerQuery(q: string, locale: Locale): SQL {
  return sql`(websearch_to_tsquery(${REGCONFIG[locale]}::regconfig, ${q}) || websearch_to_tsquery('simple', ${q}))`;
}

/** Plain text from Markdown or sanitised HTML, for an excerpt (never rendered as HTML). */
export function plainExcerpt(source: string, max = 220): string {
  const text = source
    .replace(/<[^>]*>/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#*_`>|~-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length <= max ? text : `${text.slice(0, max).replace(/\s+\S*$/, "")}…`;
}
