/**
 * Reading meetings: a component's list (upcoming or past, by type), the site-wide directory over public
 * spaces, one meeting with its agenda, a person's registration, the calendar feeds and the back
 * office's lists. Each is one statement (or two for a meeting and its agenda), whatever the count.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Translatable } from "../../core/i18n/locales";
import { publicSpaceSql } from "../../core/permissions/access";
import type { MeetingType, RegistrationStatus } from "./schema";

export const WHEN = ["upcoming", "past"] as const;
export type When = (typeof WHEN)[number];
export const PAGE_SIZE = 20;

export interface MeetingListItem {
  id: number;
  componentId: number;
  title: Translatable;
  type: MeetingType;
  startAt: Date;
  endAt: Date;
  timeZone: string;
  address: string;
  closedAt: Date | null;
  publishedAt: Date | null;
  registrationEnabled: boolean;
  /** The space, for the directory's items. */
  spaceSlug: string;
  spaceTitle: Translatable;
}

type ListRow = {
  id: string;
  component_id: string;
  title: Translatable;
  type: MeetingType;
  start_at: string;
  end_at: string;
  time_zone: string;
  address: string;
  closed_at: string | null;
  published_at: string | null;
  registration_enabled: boolean;
  slug: string;
  space_title: Translatable;
  full_count: string;
};

const date = (v: string | null) => (v === null ? null : new Date(v));
const item = (r: ListRow): MeetingListItem => ({
  id: Number(r.id),
  componentId: Number(r.component_id),
  title: r.title,
  type: r.type,
  startAt: new Date(r.start_at),
  endAt: new Date(r.end_at),
  timeZone: r.time_zone,
  address: r.address,
  closedAt: date(r.closed_at),
  publishedAt: date(r.published_at),
  registrationEnabled: r.registration_enabled,
  spaceSlug: r.slug,
  spaceTitle: r.space_title,
});

const LIST_COLUMNS = sql`m.id, m.component_id, m.title, m.type, m.start_at, m.end_at, m.time_zone, m.address, m.closed_at, m.published_at, m.registration_enabled, s.slug, s.title as space_title, count(*) over () as full_count`;
const whenSql = (when: When) => (when === "upcoming" ? sql`and m.end_at >= now()` : sql`and m.end_at < now()`);
const orderSql = (when: When) => (when === "upcoming" ? sql`m.start_at asc, m.id asc` : sql`m.start_at desc, m.id desc`);
const typeSql = (type: MeetingType | undefined) => (type ? sql`and m.type = ${type}` : sql``);

export interface ListFilter {
  when: When;
  type?: MeetingType | undefined;
  page: number;
}

async function page(db: Db, where: SQL, f: ListFilter): Promise<{ items: MeetingListItem[]; total: number; hasNext: boolean }> {
  const rows = await db.execute<ListRow>(sql`
    select ${LIST_COLUMNS}
    from meetings m join components c on c.id = m.component_id join spaces s on s.id = c.space_id
    where m.hidden_at is null and m.published_at is not null ${where} ${whenSql(f.when)} ${typeSql(f.type)}
    order by ${orderSql(f.when)}
    limit ${PAGE_SIZE + 1} offset ${(f.page - 1) * PAGE_SIZE}`);
  return { items: rows.rows.slice(0, PAGE_SIZE).map(item), total: Number(rows.rows[0]?.full_count ?? 0), hasNext: rows.rows.length > PAGE_SIZE };
}

/** A page of a component's published meetings. */
export const listMeetings = (db: Db, componentId: number, f: ListFilter) => page(db, sql`and m.component_id = ${componentId}`, f);

/** The `/meetings` directory: published meetings of published components in public spaces. */
export const listDirectory = (db: Db, f: ListFilter & { spaceSlug?: string | undefined }) =>
  page(db, sql`and c.manifest = 'meetings' and c.published_at is not null and ${publicSpaceSql("s")} ${f.spaceSlug ? sql`and s.slug = ${f.spaceSlug}` : sql``}`, f);

/** The public spaces that hold published meetings (the directory's space filter). */
export async function directorySpaces(db: Db): Promise<Array<{ slug: string; title: Translatable }>> {
  const rows = await db.execute<{ slug: string; title: Translatable }>(sql`
    select s.slug, s.title from spaces s
    where ${publicSpaceSql("s")} and exists (
      select 1 from meetings m join components c on c.id = m.component_id
      where c.space_id = s.id and c.manifest = 'meetings' and c.published_at is not null and m.published_at is not null and m.hidden_at is null)
    order by s.slug`);
  return rows.rows;
}

export interface AgendaItem {
  id: number;
  position: number;
  title: Translatable;
  description: Translatable;
  durationMinutes: number;
}

export interface MeetingDetails extends MeetingListItem {
  description: Translatable;
  onlineUrl: string;
  slots: number;
  reservedSlots: number;
  registrationTerms: Translatable;
  minutes: Translatable;
  attendeesCount: number | null;
  recordingUrl: string;
  hiddenAt: Date | null;
  updatedAt: Date;
  registeredCount: number;
  waitingCount: number;
  followersCount: number;
  agenda: AgendaItem[];
}

type DetailsRow = ListRow & {
  description: Translatable;
  online_url: string;
  slots: number;
  reserved_slots: number;
  registration_terms: Translatable;
  minutes: Translatable;
  attendees_count: number | null;
  recording_url: string;
  hidden_at: string | null;
  updated_at: string;
  registered_count: number;
  waiting_count: number;
  followers_count: number;
};

/** One meeting of this component (unpublished and hidden too: the caller decides), with its agenda. */
export async function loadMeeting(db: Db, componentId: number, id: number): Promise<MeetingDetails | null> {
  const [rows, agenda] = await Promise.all([
    db.execute<DetailsRow>(sql`
      select ${LIST_COLUMNS}, m.description, m.online_url, m.slots, m.reserved_slots, m.registration_terms, m.minutes, m.attendees_count, m.recording_url, m.hidden_at, m.updated_at,
        (select count(*)::int from meeting_registrations r where r.meeting_id = m.id and r.status = 'registered') as registered_count,
        (select count(*)::int from meeting_registrations r where r.meeting_id = m.id and r.status = 'waiting') as waiting_count,
        (select count(*)::int from follows f where f.resource_type = 'meeting' and f.resource_id = m.id) as followers_count
      from meetings m join components c on c.id = m.component_id join spaces s on s.id = c.space_id
      where m.id = ${id} and m.component_id = ${componentId}`),
    db.execute<{ id: string; position: number; title: Translatable; description: Translatable; duration_minutes: number }>(sql`
      select a.id, a.position, a.title, a.description, a.duration_minutes from meeting_agenda_items a join meetings m on m.id = a.meeting_id
      where a.meeting_id = ${id} and m.component_id = ${componentId} order by a.position, a.id`),
  ]);
  const r = rows.rows[0];
  if (!r) return null;
  return {
    ...item(r),
    description: r.description,
    onlineUrl: r.online_url,
    slots: r.slots,
    reservedSlots: r.reserved_slots,
    registrationTerms: r.registration_terms,
    minutes: r.minutes,
    attendeesCount: r.attendees_count,
    recordingUrl: r.recording_url,
    hiddenAt: date(r.hidden_at),
    updatedAt: new Date(r.updated_at),
    registeredCount: r.registered_count,
    waitingCount: r.waiting_count,
    followersCount: r.followers_count,
    agenda: agenda.rows.map((a) => ({ id: Number(a.id), position: a.position, title: a.title, description: a.description, durationMinutes: a.duration_minutes })),
  };
}

export interface OwnRegistration {
  code: string;
  status: RegistrationStatus;
  /** Their place in the queue (1: next) while waiting. */
  queuePosition: number | null;
}

export async function findRegistration(db: Db, meetingId: number, userId: number): Promise<OwnRegistration | null> {
  const rows = await db.execute<{ code: string; status: RegistrationStatus; ahead: number }>(sql`
    select r.code, r.status,
      (select count(*)::int from meeting_registrations w where w.meeting_id = r.meeting_id and w.status = 'waiting' and (w.created_at, w.id) < (r.created_at, r.id)) as ahead
    from meeting_registrations r where r.meeting_id = ${meetingId} and r.user_id = ${userId}`);
  const r = rows.rows[0];
  if (!r) return null;
  return { code: r.code, status: r.status, queuePosition: r.status === "waiting" ? r.ahead + 1 : null };
}

export interface FeedRow {
  id: number;
  componentId: number;
  slug: string;
  title: Translatable;
  description: Translatable;
  type: MeetingType;
  startAt: Date;
  endAt: Date;
  address: string;
  updatedAt: Date;
}

/** How far back the feeds reach. */
export const FEED_PAST = sql`interval '1 year'`;

/**
 * Meetings for a calendar feed: upcoming ones and those of the past year, published, in public spaces
 * (all of them, one space's, or one meeting).
 */
export async function feedMeetings(db: Db, scope: { spaceId?: number; meetingId?: number; componentId?: number }): Promise<FeedRow[]> {
  const where = [
    scope.spaceId !== undefined ? sql`and s.id = ${scope.spaceId}` : sql``,
    scope.componentId !== undefined ? sql`and c.id = ${scope.componentId}` : sql``,
    scope.meetingId !== undefined ? sql`and m.id = ${scope.meetingId}` : sql`and m.end_at >= now() - ${FEED_PAST}`,
  ];
  const rows = await db.execute<{ id: string; component_id: string; slug: string; title: Translatable; description: Translatable; type: MeetingType; start_at: string; end_at: string; address: string; updated_at: string }>(sql`
    select m.id, m.component_id, s.slug, m.title, m.description, m.type, m.start_at, m.end_at, m.address, m.updated_at
    from meetings m join components c on c.id = m.component_id join spaces s on s.id = c.space_id
    where m.hidden_at is null and m.published_at is not null and c.manifest = 'meetings' and c.published_at is not null and ${publicSpaceSql("s")}
      ${where[0]} ${where[1]} ${where[2]}
    order by m.start_at, m.id
    limit 5000`);
  return rows.rows.map((r) => ({
    id: Number(r.id),
    componentId: Number(r.component_id),
    slug: r.slug,
    title: r.title,
    description: r.description,
    type: r.type,
    startAt: new Date(r.start_at),
    endAt: new Date(r.end_at),
    address: r.address,
    updatedAt: new Date(r.updated_at),
  }));
}

/** Every meeting of a component for the back office, the latest first. */
export async function listForAdmin(db: Db, componentId: number, pageNo: number): Promise<{ items: Array<MeetingListItem & { registeredCount: number; waitingCount: number }>; hasNext: boolean }> {
  const rows = await db.execute<ListRow & { registered_count: number; waiting_count: number }>(sql`
    select ${LIST_COLUMNS},
      (select count(*)::int from meeting_registrations r where r.meeting_id = m.id and r.status = 'registered') as registered_count,
      (select count(*)::int from meeting_registrations r where r.meeting_id = m.id and r.status = 'waiting') as waiting_count
    from meetings m join components c on c.id = m.component_id join spaces s on s.id = c.space_id
    where m.component_id = ${componentId}
    order by m.start_at desc, m.id desc
    limit ${PAGE_SIZE + 1} offset ${(pageNo - 1) * PAGE_SIZE}`);
  return { items: rows.rows.slice(0, PAGE_SIZE).map((r) => ({ ...item(r), registeredCount: r.registered_count, waitingCount: r.waiting_count })), hasNext: rows.rows.length > PAGE_SIZE };
}

export interface RegistrationListItem {
  code: string;
  name: string | null;
  status: RegistrationStatus;
  createdAt: Date;
}

/** A meeting's registrations for the back office and its CSV: registered, then waiting in order, then cancelled. */
export async function listRegistrations(db: Db, meetingId: number): Promise<RegistrationListItem[]> {
  const rows = await db.execute<{ code: string; name: string | null; status: RegistrationStatus; created_at: string }>(sql`
    select r.code, u.name, r.status, r.created_at from meeting_registrations r left join users u on u.id = r.user_id and u.deleted_at is null
    where r.meeting_id = ${meetingId}
    order by case r.status when 'registered' then 0 when 'waiting' then 1 else 2 end, r.created_at, r.id
    limit 20000`);
  return rows.rows.map((r) => ({ code: r.code, name: r.name, status: r.status, createdAt: new Date(r.created_at) }));
}

/** At the door: whose code it is, and their status. */
export async function findByCode(db: Db, meetingId: number, code: string): Promise<{ name: string | null; status: RegistrationStatus } | null> {
  const rows = await db.execute<{ name: string | null; status: RegistrationStatus }>(sql`
    select u.name, r.status from meeting_registrations r left join users u on u.id = r.user_id and u.deleted_at is null
    where r.meeting_id = ${meetingId} and r.code = ${code}`);
  return rows.rows[0] ?? null;
}
