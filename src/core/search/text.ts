/** Full-text search over translatable JSONB columns, in the reader's language first. */
import { sql, type SQL } from "drizzle-orm";
import { LOCALES, type Locale } from "../i18n/locales";

export const REGCONFIG: Record<Locale, string> = { fr: "french", nl: "dutch", en: "english", de: "german" };

/**
 * A document vector for translatable columns: the reader's language with its stemmer, plus every
 * language without stemming (so a Dutch reader still finds a process described only in French by its
 * exact words). Computed at query time: spaces and pages are few; petitions have their own index.
 */
export function translatableVector(columns: SQL[], locale: Locale): SQL {
  const inLocale = sql.join(
    columns.map((c) => sql`coalesce(${c}->>${locale}, '')`),
    sql` || ' ' || `,
  );
  const everyLanguage = sql.join(
    columns.flatMap((c) => LOCALES.map((l) => sql`coalesce(${c}->>${l}, '')`)),
    sql` || ' ' || `,
  );
  return sql`(to_tsvector(${REGCONFIG[locale]}::regconfig, ${inLocale}) || to_tsvector('simple', ${everyLanguage}))`;
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
