/**
 * Meetings as open data: every published meeting (not hidden) of published meetings components in
 * public spaces, as CSV streamed through a cursor, oldest first. The online link is left out (it is
 * kept to registered people); the report (minutes, attendees, recording) is in once closed.
 */
import type pg from "pg";
import { sql } from "drizzle-orm";
import { cursorRows } from "../../db/cursor";
import type { Locale, Translatable } from "../../core/i18n/locales";
import { localize } from "../../core/i18n/translator";
import { csvLine } from "../../core/open-data/csv";
import { publicSpaceSql } from "../../core/permissions/access";
import { componentPath } from "../../core/spaces/types";

export const MEETINGS_CSV_COLUMNS = ["id", "url", "space", "component_id", "title", "description", "type", "start_at", "end_at", "time_zone", "address", "registration_enabled", "registered", "closed_at", "minutes", "attendees_count", "recording_url", "comments", "follows"];

type Row = {
  id: string;
  component_id: string;
  slug: string;
  space_title: Translatable;
  title: Translatable;
  description: Translatable;
  type: string;
  start_at: Date;
  end_at: Date;
  time_zone: string;
  address: string;
  registration_enabled: boolean;
  registered: number;
  closed_at: Date | null;
  minutes: Translatable;
  attendees_count: number | null;
  recording_url: string;
  comments: number;
  follows: number;
};

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : "");

export async function* meetingsCsv(pool: pg.Pool, base: string, reader: { locale: Locale; fallback: Locale }): AsyncGenerator<string> {
  const text = (v: Translatable | null) => (v ? localize(v, reader.locale, reader.fallback).text : "");
  yield csvLine(MEETINGS_CSV_COLUMNS);
  const query = sql`
    select m.id, m.component_id, s.slug, s.title as space_title, m.title, m.description, m.type, m.start_at, m.end_at, m.time_zone, m.address,
      m.registration_enabled, m.closed_at, m.minutes, m.attendees_count, m.recording_url,
      (select count(*)::int from meeting_registrations r where r.meeting_id = m.id and r.status = 'registered') as registered,
      (select count(*)::int from comments x where x.resource_type = 'meeting' and x.resource_id = m.id and x.deleted_at is null and x.hidden_at is null) as comments,
      (select count(*)::int from follows f where f.resource_type = 'meeting' and f.resource_id = m.id) as follows
    from meetings m join components c on c.id = m.component_id join spaces s on s.id = c.space_id
    where m.hidden_at is null and m.published_at is not null and c.manifest = 'meetings' and c.published_at is not null and ${publicSpaceSql("s")}
    order by m.id`;
  for await (const rows of cursorRows<Row>(pool, query)) {
    yield rows
      .map((r) =>
        csvLine([
          r.id,
          `${base}${componentPath({ slug: r.slug }, Number(r.component_id), `/${r.id}`)}`,
          text(r.space_title),
          r.component_id,
          text(r.title),
          text(r.description),
          r.type,
          iso(r.start_at),
          iso(r.end_at),
          r.time_zone,
          r.address,
          r.registration_enabled ? "yes" : "no",
          r.registered,
          iso(r.closed_at),
          r.closed_at ? text(r.minutes) : "",
          r.attendees_count ?? "",
          r.recording_url,
          r.comments,
          r.follows,
        ]),
      )
      .join("");
  }
}
