/**
 * Site-wide search: the core's areas register a provider, and each component declares one in its
 * manifest (`search`); each searches its own public content with PostgreSQL full-text search. The
 * search page asks every provider for its count and the selected kind (or each kind's best few).
 */
import type { Db } from "../../db/client";
import type { MessageKey } from "../i18n/catalogues";
import type { Locale } from "../i18n/locales";
import { listComponentManifests } from "../components/registry";

export interface SearchQuery {
  q: string;
  locale: Locale;
  fallback: Locale;
  limit: number;
  offset: number;
}

export interface SearchHit {
  title: string;
  /** The language the title and excerpt are in (for `lang`). */
  lang: Locale;
  url: string;
  excerpt: string;
  /** Where it sits (a space's title), shown under the title. */
  context?: string;
}

export interface SearchProvider {
  kind: string;
  /** The plural label of the kind ("Processes", "Petitions"). */
  label: MessageKey;
  search: (db: Db, query: SearchQuery) => Promise<{ total: number; hits: SearchHit[] }>;
}

const providers: SearchProvider[] = [];

/** A core area's provider (components declare theirs in their manifest). */
export function registerSearchProvider(p: SearchProvider): void {
  if (providers.some((x) => x.kind === p.kind)) throw new Error(`search provider ${p.kind} registered twice`);
  providers.push(p);
}

/** The core's providers first, then every installed component's, in registration order. */
export const searchProviders = (): readonly SearchProvider[] => [...providers, ...listComponentManifests().flatMap((m) => (m.search ? [m.search] : []))];
