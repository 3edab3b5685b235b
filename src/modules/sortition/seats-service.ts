/**
 * Seating a published draw (ADR 19): each panel member gets a seat "invited" with a deadline and a mail
 * holding a single-use link (only its keyed hash is stored); they confirm (becoming an assembly member
 * "drawn", under their name only when they agree to show it) or refuse; staff record answers received
 * by phone or letter. A refusal, or the deadline passing (the job `sortition.seats.expire`), draws a
 * replacement from the same record's lottery (replacement.ts), invited and mailed the same way. Every
 * step is audited in its transaction; the draw's row is locked so rounds are numbered without gaps.
 */
import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { audit } from "../../core/audit/audit";
import type { AppDeps } from "../../core/http/deps";
import { queueOutboxMails, type OutboxMail } from "../../core/mail/outbox";
import { getOrganization } from "../../core/organization/service";
import { assemblyMembers, components, spaces } from "../../core/spaces/schema";
import type { Translatable } from "../../core/i18n/locales";
import { pickReplacement } from "./replacement";
import { sortitionDraws, sortitionPoolContacts, sortitionPoolPeople, sortitionSeats, type DrawRow, type SeatStatus } from "./schema";
import { lookupHash, sortitionKeys, type SortitionKeys } from "./sealed";
import { seatInvitationMail, type SeatMailContext } from "./seating-mail";

const DAY_MS = 86_400_000;

export interface SeatDeps {
  db: Db;
  keys: SortitionKeys;
  publicUrl: string;
}

export const seatDeps = (deps: Pick<AppDeps, "db" | "config">): SeatDeps => ({ db: deps.db, keys: sortitionKeys(deps.config), publicUrl: deps.config.PUBLIC_URL });

const newToken = (): string => randomBytes(24).toString("base64url");
export const seatTokenHash = (keys: SortitionKeys, token: string): string => lookupHash(keys, ["seat", token]);

type SeatRow = typeof sortitionSeats.$inferSelect;
/** Who answers: the person through their link (no account), or staff recording an answer received otherwise. */
export interface Answerer {
  staffId: number | null;
  ip: string | null;
}
export type SeatAnswer = { confirm: true; showName: boolean } | { confirm: false };

async function spaceOf(tx: Db, componentId: number): Promise<{ id: number; title: Translatable }> {
  const [s] = await tx.select({ id: spaces.id, title: spaces.title }).from(spaces).innerJoin(components, eq(components.spaceId, spaces.id)).where(eq(components.id, componentId));
  if (!s) throw new Error(`component ${componentId} has no space`);
  return s;
}

async function mailContext(tx: Db, sd: SeatDeps, assembly: Translatable): Promise<SeatMailContext> {
  return { publicUrl: sd.publicUrl, locale: (await getOrganization(tx)).defaultLocale, assembly };
}

/** Creates invited seats for `rows` with a fresh token each and queues their mails (people without an email are reached by staff). */
async function inviteRows(tx: Db, sd: SeatDeps, d: DrawRow, mail: SeatMailContext, seats: Array<{ row: number; round: number; replacesRow: number | null }>): Promise<{ mailed: number }> {
  if (seats.length === 0) return { mailed: 0 };
  const deadline = new Date(Date.now() + d.confirmDays * DAY_MS);
  const tokens = seats.map(() => newToken());
  await tx.insert(sortitionSeats).values(seats.map((s, i) => ({ drawId: d.id, row: s.row, round: s.round, replacesRow: s.replacesRow, tokenHash: seatTokenHash(sd.keys, tokens[i] ?? ""), deadlineAt: deadline })));
  const contacts = await tx.select({ row: sortitionPoolContacts.row, name: sortitionPoolContacts.name, email: sortitionPoolContacts.email }).from(sortitionPoolContacts).where(and(eq(sortitionPoolContacts.drawId, d.id), inArray(sortitionPoolContacts.row, seats.map((s) => s.row))));
  const byRow = new Map(contacts.map((c) => [c.row, c]));
  const mails: OutboxMail[] = [];
  seats.forEach((s, i) => {
    const c = byRow.get(s.row);
    if (c?.email) mails.push(seatInvitationMail(mail, { email: c.email, name: c.name }, tokens[i] ?? "", deadline));
  });
  await queueOutboxMails(tx, mails);
  return { mailed: mails.length };
}

export type InviteOutcome = { ok: true; invited: number; mailed: number } | { ok: false; reason: "status" | "seated" | "invited" };

/** Invites a published draw's panel to confirm within `confirmDays` days. Once per draw. */
export async function invitePanel(sd: SeatDeps, actor: { id: number; ip: string | null }, drawId: number, confirmDays: number): Promise<InviteOutcome> {
  return sd.db.transaction(async (tx) => {
    const [d] = await tx.select().from(sortitionDraws).where(eq(sortitionDraws.id, drawId)).for("update");
    if (!d || d.status !== "published" || !d.result) return { ok: false, reason: "status" } as const;
    if (d.seatedAt) return { ok: false, reason: "seated" } as const;
    const [existing] = await tx.select({ n: sql<number>`count(*)::int` }).from(sortitionSeats).where(eq(sortitionSeats.drawId, drawId));
    if ((existing?.n ?? 0) > 0) return { ok: false, reason: "invited" } as const;
    const draw = { ...d, confirmDays };
    await tx.update(sortitionDraws).set({ confirmDays }).where(eq(sortitionDraws.id, drawId));
    const space = await spaceOf(tx, d.componentId);
    const { mailed } = await inviteRows(tx, sd, draw, await mailContext(tx, sd, space.title), d.result.panel.map((row) => ({ row, round: 0, replacesRow: null })));
    await audit(tx, { actorId: actor.id || null, action: "sortition.seats.invite", resourceType: "sortition_draw", resourceId: drawId, spaceId: space.id, after: { invited: d.result.panel.length, mailed, confirmDays }, ip: actor.ip });
    return { ok: true, invited: d.result.panel.length, mailed } as const;
  });
}

/**
 * Draws a replacement for each leaving seat, in order (round n = the draw's n-th replacement), invites
 * and mails them. Resolves to the rows drawn (a seat nobody is left to fill gets none).
 */
async function replaceSeats(tx: Db, sd: SeatDeps, d: DrawRow, space: { id: number; title: Translatable }, leaving: SeatRow[]): Promise<number[]> {
  if (leaving.length === 0 || !d.seed || !d.result) return [];
  const pool = await tx.select({ row: sortitionPoolPeople.row, features: sortitionPoolPeople.features, household: sortitionPoolPeople.household }).from(sortitionPoolPeople).where(eq(sortitionPoolPeople.drawId, d.id));
  const seats = await tx.select({ row: sortitionSeats.row, round: sortitionSeats.round }).from(sortitionSeats).where(eq(sortitionSeats.drawId, d.id));
  const invited = new Set([...d.result.panel, ...seats.map((s) => s.row)]);
  let round = seats.reduce((m, s) => Math.max(m, s.round), 0);
  const byRow = new Map(pool.map((p) => [p.row, p]));
  const added: Array<{ row: number; round: number; replacesRow: number }> = [];
  for (const s of leaving) {
    const picked = pickReplacement(d.seed, round + 1, byRow.get(s.row)?.features ?? [], pool, invited);
    if (!picked) continue;
    round += 1;
    invited.add(picked.row);
    added.push({ row: picked.row, round, replacesRow: s.row });
  }
  const { mailed } = await inviteRows(tx, sd, d, await mailContext(tx, sd, space.title), added);
  await audit(tx, { actorId: null, action: "sortition.seats.replace", resourceType: "sortition_draw", resourceId: d.id, spaceId: space.id, after: { replacements: added, unfilled: leaving.length - added.length, mailed } });
  return added.map((a) => a.row);
}

export type AnswerOutcome = { ok: true; status: SeatStatus; replacements: number[] } | { ok: false; reason: "unknown" | "answered" | "expired" };

/** Records a seat's answer (confirm with the name choice, or refuse), from its link or from staff (`inDraw`: the seat must be of this draw). */
export async function answerSeat(sd: SeatDeps, who: Answerer, seatId: number, answer: SeatAnswer, inDraw?: number): Promise<AnswerOutcome> {
  return sd.db.transaction(async (tx) => {
    const [first] = await tx.select({ drawId: sortitionSeats.drawId }).from(sortitionSeats).where(eq(sortitionSeats.id, seatId));
    if (!first || (inDraw !== undefined && first.drawId !== inDraw)) return { ok: false, reason: "unknown" } as const;
    // The draw first, then the seat: the order every seating transaction takes its locks in.
    const [d] = await tx.select().from(sortitionDraws).where(eq(sortitionDraws.id, first.drawId)).for("update");
    const [s] = await tx.select().from(sortitionSeats).where(eq(sortitionSeats.id, seatId)).for("update");
    if (!d || !s) return { ok: false, reason: "unknown" } as const;
    if (s.status !== "invited") return { ok: false, reason: "answered" } as const;
    // Past the deadline the link no longer answers (the job replaces the seat); staff may still record a late answer.
    if (who.staffId === null && s.deadlineAt.getTime() < Date.now()) return { ok: false, reason: "expired" } as const;
    const space = await spaceOf(tx, d.componentId);
    const now = new Date();
    const how = who.staffId === null ? "link" : "staff";
    if (answer.confirm) {
      const [c] = await tx.select({ name: sortitionPoolContacts.name }).from(sortitionPoolContacts).where(and(eq(sortitionPoolContacts.drawId, d.id), eq(sortitionPoolContacts.row, s.row)));
      const [{ weight } = { weight: 0 }] = await tx.select({ weight: sql<number>`coalesce(max(${assemblyMembers.weight}), -1)::int + 1` }).from(assemblyMembers).where(eq(assemblyMembers.spaceId, space.id));
      // An empty name is shown as "A drawn member" in the reader's language.
      const [m] = await tx.insert(assemblyMembers).values({ spaceId: space.id, name: answer.showName && c?.name ? c.name : "", position: "member", designation: "drawn", weight }).returning({ id: assemblyMembers.id });
      await tx.update(sortitionPoolContacts).set({ showName: answer.showName }).where(and(eq(sortitionPoolContacts.drawId, d.id), eq(sortitionPoolContacts.row, s.row)));
      await tx.update(sortitionSeats).set({ status: "confirmed", answeredAt: now, memberId: m?.id ?? null }).where(eq(sortitionSeats.id, seatId));
      await audit(tx, { actorId: who.staffId, action: "sortition.seat.confirm", resourceType: "sortition_seat", resourceId: seatId, spaceId: space.id, after: { draw: d.id, row: s.row, showName: answer.showName, member: m?.id ?? null, how }, ip: who.ip });
      return { ok: true, status: "confirmed", replacements: [] } as const;
    }
    await tx.update(sortitionSeats).set({ status: "refused", answeredAt: now }).where(eq(sortitionSeats.id, seatId));
    await audit(tx, { actorId: who.staffId, action: "sortition.seat.refuse", resourceType: "sortition_seat", resourceId: seatId, spaceId: space.id, after: { draw: d.id, row: s.row, how }, ip: who.ip });
    const replacements = await replaceSeats(tx, sd, d, space, [s]);
    return { ok: true, status: "refused", replacements } as const;
  });
}

/** A seat found by its link's token, with what its page shows (the assembly, the person's name). */
export interface SeatByToken {
  id: number;
  status: SeatStatus;
  deadlineAt: Date;
  answeredAt: Date | null;
  name: string | null;
  showName: boolean;
  assembly: Translatable;
}

export async function findSeatByToken(sd: SeatDeps, token: string): Promise<SeatByToken | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const [row] = await sd.db
    .select({ id: sortitionSeats.id, status: sortitionSeats.status, deadlineAt: sortitionSeats.deadlineAt, answeredAt: sortitionSeats.answeredAt, name: sortitionPoolContacts.name, showName: sortitionPoolContacts.showName, assembly: spaces.title })
    .from(sortitionSeats)
    .innerJoin(sortitionDraws, eq(sortitionDraws.id, sortitionSeats.drawId))
    .innerJoin(components, eq(components.id, sortitionDraws.componentId))
    .innerJoin(spaces, eq(spaces.id, components.spaceId))
    .leftJoin(sortitionPoolContacts, and(eq(sortitionPoolContacts.drawId, sortitionSeats.drawId), eq(sortitionPoolContacts.row, sortitionSeats.row)))
    .where(eq(sortitionSeats.tokenHash, seatTokenHash(sd.keys, token)));
  return row ? { ...row, showName: row.showName ?? false } : null;
}

/**
 * Expires the seats whose deadline passed without an answer and replaces them, a draw at a time (the
 * job `sortition.seats.expire`; safe on every instance at once). Resolves to the seats expired.
 */
export async function expireSeats(sd: SeatDeps, limit = 20): Promise<number> {
  const due = await sd.db.selectDistinct({ drawId: sortitionSeats.drawId }).from(sortitionSeats).where(and(eq(sortitionSeats.status, "invited"), lt(sortitionSeats.deadlineAt, sql`now()`))).limit(limit);
  let expired = 0;
  for (const { drawId } of due) {
    expired += await sd.db.transaction(async (tx) => {
      const [d] = await tx.select().from(sortitionDraws).where(eq(sortitionDraws.id, drawId)).for("update");
      if (!d) return 0;
      const leaving = await tx.select().from(sortitionSeats).where(and(eq(sortitionSeats.drawId, drawId), eq(sortitionSeats.status, "invited"), lt(sortitionSeats.deadlineAt, sql`now()`))).orderBy(asc(sortitionSeats.deadlineAt), asc(sortitionSeats.row)).for("update");
      if (leaving.length === 0) return 0;
      await tx.update(sortitionSeats).set({ status: "expired" }).where(inArray(sortitionSeats.id, leaving.map((s) => s.id)));
      const space = await spaceOf(tx, d.componentId);
      await audit(tx, { actorId: null, action: "sortition.seats.expire", resourceType: "sortition_draw", resourceId: drawId, spaceId: space.id, after: { rows: leaving.map((s) => s.row) } });
      await replaceSeats(tx, sd, d, space, leaving);
      return leaving.length;
    });
  }
  return expired;
}

/** A seat as the back office lists it (with the person's name and email). */
export interface SeatListed {
  id: number;
  row: number;
  status: SeatStatus;
  round: number;
  replacesRow: number | null;
  deadlineAt: Date;
  answeredAt: Date | null;
  name: string | null;
  email: string | null;
}

/** A draw's seats, panel first then replacements by round, in one query. */
export async function listSeats(db: Db, drawId: number): Promise<SeatListed[]> {
  return db
    .select({ id: sortitionSeats.id, row: sortitionSeats.row, status: sortitionSeats.status, round: sortitionSeats.round, replacesRow: sortitionSeats.replacesRow, deadlineAt: sortitionSeats.deadlineAt, answeredAt: sortitionSeats.answeredAt, name: sortitionPoolContacts.name, email: sortitionPoolContacts.email })
    .from(sortitionSeats)
    .leftJoin(sortitionPoolContacts, and(eq(sortitionPoolContacts.drawId, sortitionSeats.drawId), eq(sortitionPoolContacts.row, sortitionSeats.row)))
    .where(eq(sortitionSeats.drawId, drawId))
    .orderBy(asc(sortitionSeats.round), asc(sortitionSeats.row));
}

/** The replacements a record lists: round, the row replaced (and why), the row drawn; nothing personal. */
export async function recordReplacements(db: Db, drawId: number): Promise<Array<{ round: number; replacesRow: number; reason: SeatStatus | null; row: number }>> {
  const rows = await db.execute<{ round: number; replaces_row: number; reason: SeatStatus | null; row: number }>(sql`
    select s.round, s.replaces_row, l.status as reason, s.row from sortition_seats s
    left join sortition_seats l on l.draw_id = s.draw_id and l.row = s.replaces_row
    where s.draw_id = ${drawId} and s.round > 0 order by s.round`);
  return rows.rows.map((r) => ({ round: r.round, replacesRow: r.replaces_row, reason: r.reason, row: r.row }));
}
