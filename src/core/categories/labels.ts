/** A category's or scope's name in the reader's language, else the organization's, else any it has. */
import type { Locale, Translatable } from "../i18n/locales";
import { localize } from "../i18n/translator";

export interface Reader {
  locale: Locale;
  fallback: Locale;
}

/** The name, or null when there is none (a resource filed under nothing). */
export function nameIn(name: Translatable | null | undefined, reader: Reader): string | null {
  if (!name) return null;
  const text = localize(name, reader.locale, reader.fallback).text;
  return text === "" ? null : text;
}

/** `{ id, name }` as public APIs show a category or scope, or null. */
export function namedRef(id: number | null | undefined, name: Translatable | null | undefined, reader: Reader): { id: number; name: string } | null {
  if (id == null || !name) return null;
  return { id, name: nameIn(name, reader) ?? "" };
}
