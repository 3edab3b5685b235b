/** Meetings as calendar events, in the reader's language: the bridge between the queries and ical.ts. */
import type { Locale, Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import { componentPath } from "../../core/spaces/types";
import { calendar, type CalendarEvent } from "./ical";
import type { FeedRow } from "./queries";

export interface Reader {
  locale: Locale;
  fallback: Locale;
  /** "Online", in the reader's language. */
  online: string;
}

export function eventOf(publicUrl: string, reader: Reader, m: FeedRow): CalendarEvent {
  const tr = (v: Translatable) => localize(v, reader.locale, reader.fallback).text;
  const url = `${publicUrl}${componentPath({ slug: m.slug }, m.componentId, `/${m.id}`)}`;
  const host = new URL(publicUrl).host;
  const where = m.type === "online" ? reader.online : m.type === "hybrid" ? `${m.address} (${reader.online})` : m.address;
  const description = [tr(m.description), url].filter(Boolean).join("\n\n");
  return { uid: `meeting-${m.id}@${host}`, start: m.startAt, end: m.endAt, stamp: m.updatedAt, summary: tr(m.title), description, location: where, url };
}

export const calendarOf = (publicUrl: string, reader: Reader, name: string, rows: FeedRow[]): string =>
  calendar(
    name,
    rows.map((m) => eventOf(publicUrl, reader, m)),
  );
