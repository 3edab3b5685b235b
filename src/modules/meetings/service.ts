/**
 * Changing meetings: the organization creates, edits, publishes and closes them and keeps their agenda
 * (each decision audited in its transaction); participants register and cancel. The meeting's row is
 * locked while places are counted, so two last-minute registrations cannot both take the last place;
 * when a place frees up (a cancellation, more slots), the first people waiting are promoted and told.
 */
import { randomInt } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import { autoFollow } from "../../core/follows/service";
import { fail, ok, type Result } from "../../core/http/result";
import { notify } from "../../core/notifications/outbox";
import type { AgendaItemInput, CloseInput, MeetingInput } from "./inputs";
import { meetingAgendaItems, meetingRegistrations, meetings, type MeetingRow, type RegistrationStatus } from "./schema";

export interface Place {
  componentId: number;
  spaceId: number;
}
export interface Actor {
  id: number;
  ip: string | null;
}

const ref = (id: number) => ({ type: "meeting", id });
const gone = () => fail({ _form: { key: "error.notFound.title" } });

async function lockMeeting(tx: Db, place: Place, id: number): Promise<MeetingRow | undefined> {
  const [row] = await tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, id), eq(meetings.componentId, place.componentId)))
    .for("update");
  return row;
}

const fields = (input: MeetingInput) => ({
  title: input.title,
  description: input.description,
  type: input.type,
  timeZone: input.timeZone,
  startAt: input.startAt,
  endAt: input.endAt,
  address: input.address,
  onlineUrl: input.onlineUrl,
  registrationEnabled: input.registrationEnabled,
  slots: input.slots,
  reservedSlots: input.reservedSlots,
  registrationTerms: input.registrationTerms,
});

export async function createMeeting(db: Db, actor: Actor, place: Place, input: MeetingInput, opts: { published?: boolean } = {}): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(meetings)
      .values({ componentId: place.componentId, ...fields(input), publishedAt: opts.published ? new Date() : null })
      .returning();
    if (!row) throw new Error("meeting insert returned nothing");
    await audit(tx, { actorId: actor.id, action: "meeting.create", resourceType: "meeting", resourceId: row.id, spaceId: place.spaceId, after: row, ip: actor.ip });
    if (opts.published) await notify(tx, ref(row.id), "published", { actorId: actor.id });
    return ok({ id: row.id });
  });
}

export async function updateMeeting(db: Db, actor: Actor, place: Place, id: number, input: MeetingInput): Promise<Result<{ id: number; promoted: number }>> {
  return db.transaction(async (tx) => {
    const before = await lockMeeting(tx, place, id);
    if (!before) return gone();
    const [after] = await tx
      .update(meetings)
      .set({ ...fields(input), updatedAt: new Date() })
      .where(eq(meetings.id, id))
      .returning();
    if (!after) return gone();
    await audit(tx, { actorId: actor.id, action: "meeting.update", resourceType: "meeting", resourceId: id, spaceId: place.spaceId, before, after, ip: actor.ip });
    // More places (or fewer reserved): the people waiting take them.
    const promoted = await promoteWaiting(tx, after);
    return ok({ id, promoted });
  });
}

export async function setMeetingPublished(db: Db, actor: Actor, place: Place, id: number, published: boolean): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    const before = await lockMeeting(tx, place, id);
    if (!before) return gone();
    if ((before.publishedAt !== null) === published) return ok({ id });
    await tx
      .update(meetings)
      .set({ publishedAt: published ? new Date() : null, updatedAt: new Date() })
      .where(eq(meetings.id, id));
    await audit(tx, { actorId: actor.id, action: published ? "meeting.publish" : "meeting.unpublish", resourceType: "meeting", resourceId: id, spaceId: place.spaceId, before: { publishedAt: before.publishedAt }, ip: actor.ip });
    if (published) await notify(tx, ref(id), "published", { actorId: actor.id });
    return ok({ id });
  });
}

/** Closes a meeting (or corrects its report): minutes, attendees, recording. Registration ends. */
export async function closeMeeting(db: Db, actor: Actor, place: Place, id: number, input: CloseInput): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    const before = await lockMeeting(tx, place, id);
    if (!before) return gone();
    const [after] = await tx
      .update(meetings)
      .set({ closedAt: before.closedAt ?? new Date(), minutes: input.minutes, attendeesCount: input.attendeesCount, recordingUrl: input.recordingUrl, updatedAt: new Date() })
      .where(eq(meetings.id, id))
      .returning();
    const report = (m: MeetingRow | undefined) => ({ closedAt: m?.closedAt ?? null, minutes: m?.minutes, attendeesCount: m?.attendeesCount, recordingUrl: m?.recordingUrl });
    await audit(tx, { actorId: actor.id, action: before.closedAt ? "meeting.report" : "meeting.close", resourceType: "meeting", resourceId: id, spaceId: place.spaceId, before: report(before), after: report(after), ip: actor.ip });
    if (!before.closedAt) await notify(tx, ref(id), "closed", { actorId: actor.id });
    return ok({ id });
  });
}

export async function addAgendaItem(db: Db, actor: Actor, place: Place, meetingId: number, input: AgendaItemInput): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    const m = await lockMeeting(tx, place, meetingId);
    if (!m) return gone();
    const [row] = await tx
      .insert(meetingAgendaItems)
      .values({ meetingId, title: input.title, description: input.description, durationMinutes: input.durationMinutes, position: sql`(select coalesce(max(position), 0) + 1 from meeting_agenda_items where meeting_id = ${meetingId})` })
      .returning();
    if (!row) throw new Error("agenda insert returned nothing");
    await audit(tx, { actorId: actor.id, action: "meeting.agenda.add", resourceType: "meeting", resourceId: meetingId, spaceId: place.spaceId, after: row, ip: actor.ip });
    return ok({ id: row.id });
  });
}

export async function removeAgendaItem(db: Db, actor: Actor, place: Place, meetingId: number, itemId: number): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    const m = await lockMeeting(tx, place, meetingId);
    if (!m) return gone();
    const [row] = await tx
      .delete(meetingAgendaItems)
      .where(and(eq(meetingAgendaItems.id, itemId), eq(meetingAgendaItems.meetingId, meetingId)))
      .returning();
    if (!row) return gone();
    await audit(tx, { actorId: actor.id, action: "meeting.agenda.remove", resourceType: "meeting", resourceId: meetingId, spaceId: place.spaceId, before: row, ip: actor.ip });
    return ok({ id: itemId });
  });
}

/** Moves an agenda item one place up or down (swapping positions with its neighbour). */
export async function moveAgendaItem(db: Db, actor: Actor, place: Place, meetingId: number, itemId: number, direction: "up" | "down"): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    const m = await lockMeeting(tx, place, meetingId);
    if (!m) return gone();
    const items = await tx.select().from(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, meetingId)).orderBy(asc(meetingAgendaItems.position), asc(meetingAgendaItems.id));
    const i = items.findIndex((x) => x.id === itemId);
    if (i < 0) return gone();
    const j = direction === "up" ? i - 1 : i + 1;
    const a = items[i];
    const b = items[j];
    if (!a || !b) return ok({ id: itemId });
    await tx.update(meetingAgendaItems).set({ position: b.position }).where(eq(meetingAgendaItems.id, a.id));
    await tx.update(meetingAgendaItems).set({ position: a.position }).where(eq(meetingAgendaItems.id, b.id));
    await audit(tx, { actorId: actor.id, action: "meeting.agenda.move", resourceType: "meeting", resourceId: meetingId, spaceId: place.spaceId, after: { itemId, direction }, ip: actor.ip });
    return ok({ id: itemId });
  });
}

/** Places offered to registrations (null: no limit). */
export const capacityOf = (m: Pick<MeetingRow, "slots" | "reservedSlots">): number | null => (m.slots > 0 ? Math.max(0, m.slots - m.reservedSlots) : null);

/** Whether people may register now: published, open for registration, not closed or over. */
export const registrationOpen = (m: Pick<MeetingRow, "registrationEnabled" | "publishedAt" | "closedAt" | "hiddenAt" | "endAt">, now = new Date()): boolean =>
  m.registrationEnabled && m.publishedAt !== null && m.closedAt === null && m.hiddenAt === null && m.endAt > now;

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 8;
const newCode = () => Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");

async function registeredCount(tx: Db, meetingId: number): Promise<number> {
  const r = await tx.execute<{ n: number }>(sql`select count(*)::int as n from meeting_registrations where meeting_id = ${meetingId} and status = 'registered'`);
  return r.rows[0]?.n ?? 0;
}

/** Promotes the first people waiting into the free places and tells them (under the meeting's lock). */
async function promoteWaiting(tx: Db, m: MeetingRow): Promise<number> {
  if (m.closedAt) return 0;
  const capacity = capacityOf(m);
  const free = capacity === null ? null : capacity - (await registeredCount(tx, m.id));
  if (free !== null && free <= 0) return 0;
  const limit = free === null ? sql`` : sql`limit ${free}`;
  const promoted = await tx.execute<{ user_id: string }>(sql`
    update meeting_registrations set status = 'registered', updated_at = now()
    where id in (select id from meeting_registrations where meeting_id = ${m.id} and status = 'waiting' order by created_at, id ${limit})
    returning user_id`);
  const userIds = promoted.rows.map((r) => Number(r.user_id));
  if (userIds.length > 0) await notify(tx, ref(m.id), "promoted", { recipients: { mentioned: userIds } });
  return userIds.length;
}

export interface Registration {
  code: string;
  status: RegistrationStatus;
}

/**
 * Registers a person: a place while there is one, else the waiting list. Registering again while
 * registered or waiting changes nothing; after a cancellation it starts again at the end of the queue.
 */
export async function register(db: Db, userId: number, place: Place, meetingId: number, opts: { acceptTerms: boolean }): Promise<Result<Registration>> {
  return db.transaction(async (tx) => {
    const m = await lockMeeting(tx, place, meetingId);
    if (!m) return gone();
    if (!registrationOpen(m)) return fail({ _form: { key: "meetings.errors.registrationClosed" } });
    const hasTerms = Object.values(m.registrationTerms).some((v) => typeof v === "string" && v.trim() !== "");
    if (hasTerms && !opts.acceptTerms) return fail({ acceptTerms: { key: "meetings.errors.acceptTerms" } });
    const [existing] = await tx
      .select()
      .from(meetingRegistrations)
      .where(and(eq(meetingRegistrations.meetingId, meetingId), eq(meetingRegistrations.userId, userId)));
    if (existing && existing.status !== "cancelled") return ok({ code: existing.code, status: existing.status });
    const capacity = capacityOf(m);
    const status: RegistrationStatus = capacity === null || (await registeredCount(tx, meetingId)) < capacity ? "registered" : "waiting";
    if (existing) {
      await tx.update(meetingRegistrations).set({ status, createdAt: new Date(), updatedAt: new Date() }).where(eq(meetingRegistrations.id, existing.id));
      return ok({ code: existing.code, status });
    }
    const taken = new Set((await tx.select({ code: meetingRegistrations.code }).from(meetingRegistrations).where(eq(meetingRegistrations.meetingId, meetingId))).map((r) => r.code));
    let code = newCode();
    while (taken.has(code)) code = newCode();
    await tx.insert(meetingRegistrations).values({ meetingId, userId, code, status });
    await autoFollow(tx, userId, ref(meetingId), place);
    return ok({ code, status });
  });
}

/** After an account's registrations were deleted: the places they held go to the people waiting (in the caller's transaction). */
export async function refillMeetings(tx: Db, meetingIds: number[]): Promise<void> {
  for (const id of [...new Set(meetingIds)].sort((a, b) => a - b)) {
    const [m] = await tx.select().from(meetings).where(eq(meetings.id, id)).for("update");
    if (m && m.endAt > new Date()) await promoteWaiting(tx, m);
  }
}

/** Cancels a person's registration; a place freed goes to the first person waiting. */
export async function cancelRegistration(db: Db, userId: number, place: Place, meetingId: number): Promise<Result<{ promoted: number }>> {
  return db.transaction(async (tx) => {
    const m = await lockMeeting(tx, place, meetingId);
    if (!m) return gone();
    const [existing] = await tx
      .select()
      .from(meetingRegistrations)
      .where(and(eq(meetingRegistrations.meetingId, meetingId), eq(meetingRegistrations.userId, userId)));
    if (!existing || existing.status === "cancelled") return ok({ promoted: 0 });
    await tx.update(meetingRegistrations).set({ status: "cancelled", updatedAt: new Date() }).where(eq(meetingRegistrations.id, existing.id));
    const promoted = existing.status === "registered" && m.endAt > new Date() ? await promoteWaiting(tx, m) : 0;
    return ok({ promoted });
  });
}
