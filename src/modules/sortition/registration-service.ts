/**
 * Registrations to be drawn (issue 17, "Volunteers"): a person invited by letter registers with the
 * letter's single-use code, anyone registers as a volunteer while the recruitment allows it, staff enter
 * phone registrations. One transaction per registration, in two statements (four round trips with
 * BEGIN and COMMIT): (1) the code is marked used (a conditional update, so of two people typing the same
 * code at once exactly one wins) and a transaction-scoped advisory lock is taken on the keyed hash of the
 * person's identity (so two simultaneous repeats cannot both look first); (2) under that lock, a repeat of
 * an earlier person is found and stored with `duplicateOf` (not in the pool), the contact sealed
 * (sealed.ts), and the confirmation mail queued in the core's outbox. The pool's live composition hears
 * of the new person right after the commit (live-batch.ts).
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Config } from "../../config";
import { audit } from "../../core/audit/audit";
import { CHANNEL, type LiveEvent } from "../../core/realtime/bus";
import type { FieldErrors } from "../../core/http/result";
import type { Locale } from "../../core/i18n/locales";
import { localize, translator } from "../../core/i18n/translator";
import type { Actor } from "../../core/spaces/service";
import { normalizeCode } from "./codes";
import { findInvitationByCode } from "./invitations";
import { publishAfterCommit } from "./live-batch";
import { lookupHash, seal, sortitionKeys, type SortitionKeys } from "./sealed";
import { sortitionRecruitments, type RegistrationSource } from "./schema";

export type RecruitmentRow = typeof sortitionRecruitments.$inferSelect;

/** What a registration's sealed contact holds. */
export interface RegistrationContact {
  name: string;
  email: string | null;
  phone: string | null;
  showName: boolean;
  locale: Locale;
}

export interface NewRegistration {
  /** The letter's code as typed ("" for a volunteer or a phone registration without one). */
  code: string;
  features: Record<string, string>;
  contact: RegistrationContact;
  /** The recruitment's page on the site (a path), linked from the confirmation mail. */
  link: string;
}

const keyCache = new WeakMap<object, SortitionKeys>();
/** The sealing keys, derived once per configuration (HKDF is too slow to run per request). */
export function keysFor(config: Pick<Config, "SESSION_SECRET">): SortitionKeys {
  let keys = keyCache.get(config);
  if (!keys) keyCache.set(config, (keys = sortitionKeys(config)));
  return keys;
}

/** The live topic of a recruitment's pool composition (events: `{ delta, features }`). */
export const compositionTopic = (recruitmentId: number) => `sortition-recruitment:${recruitmentId}`;

/** Publishes a live event on commit (the core's `publish()` wants a node-postgres client; a Drizzle transaction is not one). */
export async function publishLive(db: Db, topic: string, data: unknown): Promise<void> {
  const payload = JSON.stringify({ topic, data } satisfies LiveEvent);
  await db.execute(sql`select pg_notify(${CHANNEL}, ${payload})`);
}

export async function findRecruitment(db: Db, componentId: number, recruitmentId: number): Promise<RecruitmentRow | null> {
  const [row] = await db.select().from(sortitionRecruitments).where(and(eq(sortitionRecruitments.id, recruitmentId), eq(sortitionRecruitments.componentId, componentId)));
  return row ?? null;
}

/** Recruitments of a component taking registrations now, oldest first (the public index links them). */
export async function openRecruitments(db: Db, componentId: number): Promise<RecruitmentRow[]> {
  const rows = await db
    .select()
    .from(sortitionRecruitments)
    .where(and(eq(sortitionRecruitments.componentId, componentId), inArray(sortitionRecruitments.status, ["inviting", "open"])))
    .orderBy(asc(sortitionRecruitments.id))
    .limit(20);
  return rows.filter((r) => isOpen(r));
}

/** Every recruitment of a component (the back office lists them), oldest first. */
export async function listRecruitments(db: Db, componentId: number): Promise<RecruitmentRow[]> {
  return db.select().from(sortitionRecruitments).where(eq(sortitionRecruitments.componentId, componentId)).orderBy(asc(sortitionRecruitments.id)).limit(50);
}

/** Registrations are taken while letters go out or the recruitment is open, until its deadline. */
export function isOpen(r: Pick<RecruitmentRow, "status" | "registrationDeadline">, now = new Date()): boolean {
  return (r.status === "inviting" || r.status === "open") && (r.registrationDeadline === null || now < r.registrationDeadline);
}

/** The keyed hash of a person's identity: their email in lower case, else their name and phone digits. */
export function identityHash(keys: SortitionKeys, c: Pick<RegistrationContact, "name" | "email" | "phone">): string | null {
  if (c.email) return lookupHash(keys, ["email", c.email.trim().toLowerCase()]);
  const digits = (c.phone ?? "").replace(/\D/g, "");
  if (!digits) return null;
  const name = c.name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  return lookupHash(keys, ["name-phone", name, digits]);
}

export type RegisterOutcome = { ok: true; id: number; duplicateOf: number | null } | { ok: false; errors: FieldErrors };

/**
 * Stores a registration. A code must be a letter of this recruitment not used yet; without a code the
 * recruitment must be open to volunteers (phone registrations by staff need neither).
 */
export async function register(
  deps: { db: Db; config: Pick<Config, "SESSION_SECRET" | "PUBLIC_URL"> },
  recruitment: RecruitmentRow,
  input: NewRegistration,
  by: { source: "web" } | { source: "phone"; actor: Actor; spaceId: number },
): Promise<RegisterOutcome> {
  if (!isOpen(recruitment)) return { ok: false, errors: { _form: { key: "sortition.register.error.closed" } } };
  const keys = keysFor(deps.config);
  const typed = input.code.trim();
  const code = typed === "" ? null : normalizeCode(typed);
  if (typed !== "" && code === null) return { ok: false, errors: { code: { key: "sortition.register.error.codeUnknown" } } };
  if (code === null && by.source === "web" && !recruitment.volunteersOpen) return { ok: false, errors: { code: { key: "sortition.register.error.codeRequired" } } };
  const source: RegistrationSource = by.source === "phone" ? "phone" : code ? "invitation" : "volunteer";
  const dedupe = identityHash(keys, input.contact);
  const mail = input.contact.email ? confirmationMail(deps.config, recruitment, input) : null;
  const outcome = await deps.db.transaction(async (tx): Promise<RegisterOutcome> => {
    // Statement 1: the code marked used (a conditional update: of two transactions with the same code, the
    // second waits for the first's row lock, then finds it used), then the lock on the person's identity
    // hash (taken after the update has run: the aggregate drains it first, so the order is always code, then identity).
    const lock = dedupe ? sql`pg_advisory_xact_lock(hashtextextended(${`sortition-registration:${recruitment.id}:${dedupe}`}, 0))` : sql`null`;
    let invitationId: number | null = null;
    if (code) {
      const first = await tx.execute<{ id: string | null }>(sql`
        with used as (update sortition_invitations set used_at = now() where code_hash = ${lookupHash(keys, [code])} and recruitment_id = ${recruitment.id} and used_at is null returning id),
          n as (select max(id) as id from used)
        select n.id, ${lock} as locked from n`);
      const id = first.rows[0]?.id ?? null;
      if (id === null) {
        const letter = await findInvitationByCode(tx, keys, code);
        const key = letter && letter.recruitmentId === recruitment.id ? "sortition.register.error.codeUsed" : "sortition.register.error.codeUnknown";
        return { ok: false, errors: { code: { key } } };
      }
      invitationId = Number(id);
    } else if (dedupe) {
      await tx.execute(sql`select ${lock}`);
    }
    // Statement 2, under the identity lock (so its snapshot sees every earlier registration of that identity):
    // the first registration of the same person if any, the row, the confirmation mail in the core's outbox.
    const stored = await tx.execute<{ id: string; duplicate_of: string | null }>(sql`
      with first as (
        select id from sortition_registrations
        where recruitment_id = ${recruitment.id} and dedupe_hash = ${dedupe} and duplicate_of is null and withdrawn_at is null
        order by id limit 1),
      ins as (
        insert into sortition_registrations (recruitment_id, invitation_id, source, features, contact_sealed, dedupe_hash, duplicate_of, consent_at, entered_by)
        values (${recruitment.id}, ${invitationId}, ${source}, ${JSON.stringify(input.features)}::jsonb, ${seal(keys, input.contact)}, ${dedupe}, (select id from first), now(), ${by.source === "phone" ? by.actor.id || null : null})
        returning id, duplicate_of),
      mail as (
        insert into mail_outbox ("to", subject, text) select ${mail?.to ?? ""}, ${mail?.subject ?? ""}, ${mail?.text ?? ""} where ${mail !== null})
      select id::text, duplicate_of::text from ins`);
    const row = stored.rows[0];
    if (!row) throw new Error("registration insert returned nothing");
    const id = Number(row.id);
    const duplicateOf = row.duplicate_of === null ? null : Number(row.duplicate_of);
    if (by.source === "phone") {
      await audit(tx, { actorId: by.actor.id || null, action: "sortition.registration.phone", resourceType: "sortition_registration", resourceId: id, spaceId: by.spaceId, after: { recruitmentId: recruitment.id, features: input.features, invitation: invitationId !== null, duplicateOf }, ip: by.actor.ip });
    }
    return { ok: true, id, duplicateOf };
  });
  // The pool's live composition hears of the new person once committed, in a NOTIFY shared with the other
  // registrations of the moment (live-batch.ts: a NOTIFY inside the registration's transaction would hold
  // PostgreSQL's global notify lock through its commit and serialise every registration's WAL flush).
  if (outcome.ok && outcome.duplicateOf === null) await publishAfterCommit(deps.db, compositionTopic(recruitment.id), { delta: 1, features: input.features });
  return outcome;
}

/** The confirmation mail, in the language the person registered in. */
function confirmationMail(config: Pick<Config, "PUBLIC_URL">, r: RecruitmentRow, input: NewRegistration) {
  const c = input.contact;
  const t = translator(c.locale);
  const title = localize(r.title, c.locale).text;
  return {
    to: c.email ?? "",
    subject: t("sortition.register.mail.subject", { title }),
    text: `${t("sortition.register.mail.greeting", { name: c.name })}\n\n${t("sortition.register.mail.body", { title })}\n\n${t("sortition.register.mail.withdraw")}\n\n${config.PUBLIC_URL}${input.link}\n`,
  };
}

export type CodeState = "ok" | "unknown" | "used";

/** Whether a typed code is an unused letter of this recruitment (step 1 of the form; nothing is marked). */
export async function checkCode(deps: { db: Db; config: Pick<Config, "SESSION_SECRET"> }, recruitmentId: number, typed: string): Promise<CodeState> {
  const letter = await findInvitationByCode(deps.db, keysFor(deps.config), typed);
  if (!letter || letter.recruitmentId !== recruitmentId) return "unknown";
  return letter.usedAt ? "used" : "ok";
}
