/**
 * Meetings: a component's meetings (in person, online or hybrid), their agenda and who registered.
 * Times are instants (timestamptz) with the IANA time zone they are held in, so a page shows the
 * meeting's own clock; the online link is kept here and shown only as the routes decide (15 minutes
 * before the start). Registrations carry a short code checked at the door; when the free slots are
 * taken, people wait, and a cancellation promotes the first one waiting.
 */
import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "../../core/accounts/schema";
import type { Translatable } from "../../core/i18n/locales";
import { components } from "../../core/spaces/schema";

export const MEETING_TYPES = ["in_person", "online", "hybrid"] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];
export const REGISTRATION_STATUSES = ["registered", "waiting", "cancelled"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const meetings = pgTable(
  "meetings",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    componentId: bigint("component_id", { mode: "number" })
      .notNull()
      .references(() => components.id, { onDelete: "cascade" }),
    title: jsonb("title").$type<Translatable>().notNull(),
    description: jsonb("description").$type<Translatable>().notNull().default({}),
    type: text("type").$type<MeetingType>().notNull(),
    startAt: timestamp("start_at", { withTimezone: true }).notNull(),
    endAt: timestamp("end_at", { withTimezone: true }).notNull(),
    /** The IANA zone it is held in ("Europe/Paris"): pages and the admin form show its clock. */
    timeZone: text("time_zone").notNull(),
    address: text("address").notNull().default(""),
    onlineUrl: text("online_url").notNull().default(""),
    registrationEnabled: boolean("registration_enabled").notNull().default(false),
    /** Places in all; 0: no limit. */
    slots: integer("slots").notNull().default(0),
    /** Places the organization keeps (speakers, staff): not offered to registrations. */
    reservedSlots: integer("reserved_slots").notNull().default(0),
    registrationTerms: jsonb("registration_terms").$type<Translatable>().notNull().default({}),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** Closed: the minutes, the attendees count and the recording are shown. */
    closedAt: timestamp("closed_at", { withTimezone: true }),
    minutes: jsonb("minutes").$type<Translatable>().notNull().default({}),
    attendeesCount: integer("attendees_count"),
    recordingUrl: text("recording_url").notNull().default(""),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("meetings_component_start_idx").on(t.componentId, t.startAt), index("meetings_start_idx").on(t.startAt).where(sql`published_at is not null and hidden_at is null`)],
);

export const meetingAgendaItems = pgTable(
  "meeting_agenda_items",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    meetingId: bigint("meeting_id", { mode: "number" })
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: jsonb("title").$type<Translatable>().notNull(),
    description: jsonb("description").$type<Translatable>().notNull().default({}),
    /** Minutes. */
    durationMinutes: integer("duration_minutes").notNull().default(0),
  },
  (t) => [index("meeting_agenda_items_meeting_idx").on(t.meetingId, t.position)],
);

export const meetingRegistrations = pgTable(
  "meeting_registrations",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    meetingId: bigint("meeting_id", { mode: "number" })
      .notNull()
      .references(() => meetings.id, { onDelete: "cascade" }),
    userId: bigint("user_id", { mode: "number" })
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Shown to the person, checked at the door; unique within the meeting. */
    code: text("code").notNull(),
    status: text("status").$type<RegistrationStatus>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** When it last changed status (a waiting person's turn is by `created_at`). */
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("meeting_registrations_person_idx").on(t.meetingId, t.userId),
    uniqueIndex("meeting_registrations_code_idx").on(t.meetingId, t.code),
    index("meeting_registrations_user_idx").on(t.userId),
    index("meeting_registrations_waiting_idx").on(t.meetingId, t.createdAt, t.id).where(sql`status = 'waiting'`),
  ],
);

export type MeetingRow = typeof meetings.$inferSelect;
export type RegistrationRow = typeof meetingRegistrations.$inferSelect;
