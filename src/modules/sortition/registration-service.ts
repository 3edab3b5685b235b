/**
 * Registrations to be drawn (issue 17, "Volunteers"): a person invited by letter registers with the
 * letter's single-use code, anyone registers as a volunteer while the recruitment allows it, staff enter
 * phone registrations. One statement per registration, committed on its own (ADR 0040): the database
 * function `sortition_register` (migration 0042) takes a transaction-scoped advisory lock on the keyed
 * hash of the person's identity (so two simultaneous repeats cannot both look first), then, in a query
 * whose snapshot is taken under that lock: the code marked used (a conditional update, so of two people
 * typing the same code at once exactly one wins), a repeat of an earlier person found and stored with
 * `duplicateOf` (not in the pool), the contact sealed (sealed.ts), the confirmation mail queued in the
 * core's outbox. One round trip where BEGIN+lock, the statement and COMMIT were three. A phone
 * registration calls it inside a transaction that also writes its audit entry.
 * The pool's live composition hears of the new person right after the commit (core/realtime/after-commit.ts). */
import { createHash } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import type pg from "pg";
import type { Db } from "../../db/client";
import { rootPool } from "../../db/named";
import type { Config } from "../../config";
import { audit } from "../../core/audit/audit";
import { CHANNEL, type LiveEvent } from "../../core/realtime/bus";
import type { FieldErrors } from "../../core/http/result";
import type { Locale } from "../../core/i18n/locales";
import { localize, translator } from "../../core/i18n/translator";
import type { Actor } from "../../core/spaces/service";
import { normalizeCode } from "./codes";
import { findInvitationByCode } from "./invitations";
import { publishAfterCommit } from "../../core/realtime/after-commit";
import { cachedRecruitment } from "./recruitment-cache";
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

const recruitmentQueries = new WeakMap<Db, ReturnType<typeof prepareRecruitment>>();
/**
 * Every public registration request reads its recruitment: Drizzle builds this query's SQL once. The
 * statement stays unnamed (no server-side prepared statement: PgBouncer in transaction mode, as
 * docs/deployment.md suggests for many instances, would mix them up between connections).
 */
const prepareRecruitment = (db: Db) =>
  db
    .select()
    .from(sortitionRecruitments)
    .where(and(eq(sortitionRecruitments.id, sql.placeholder("recruitmentId")), eq(sortitionRecruitments.componentId, sql.placeholder("componentId"))))
    .prepare("");

export async function findRecruitment(db: Db, componentId: number, recruitmentId: number): Promise<RecruitmentRow | null> {
  let q = recruitmentQueries.get(db);
  if (!q) recruitmentQueries.set(db, (q = prepareRecruitment(db)));
  const [row] = await q.execute({ recruitmentId, componentId });
  return row ?? null;
}

/**
 * The recruitment for the public registration form: a copy at most a second old (recruitment-cache.ts,
 * ADR 0040). Whether a registration is taken is decided again by its own statement (`sortition_register`).
 */
export async function findPublicRecruitment(db: Db, componentId: number, recruitmentId: number): Promise<RecruitmentRow | null> {
  return cachedRecruitment(db, recruitmentId, componentId, () => findRecruitment(db, componentId, recruitmentId));
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

/**
 * A registration's statement: `sortition_register` (migrations 0042, 0044: it also checks that the
 * recruitment takes the registration: status, deadline, volunteers). $1 recruitment, $2 whether a code
 * was typed, $3 its lookup hash, $4 the identity hash, $5 source, $6 features, $7 sealed contact, $8 who
 * entered it, $9-$11 the mail (none when $9 is null), $12 the identity's advisory lock (none when null).
 * The code is marked used by a conditional update (of two transactions with the same code, the second
 * waits for the first's row lock, then finds it used); no row comes back when the code is not an unused
 * letter of this recruitment, and then nothing was written. A named prepared statement: planned once per
 * connection (docs/deployment.md: PgBouncer in transaction mode then needs `max_prepared_statements`).
 */
const STORE_NAME = "sortition.register";
const STORE = "select new_id::text as id, repeat_of::text as duplicate_of from sortition_register($1::bigint, $2::boolean, $3::text, $4::text, $5::text, $6::jsonb, $7::bytea, $8::bigint, $9::text, $10::text, $11::text, $12::bigint)";

/** The advisory lock of one identity in one recruitment: a 64-bit number from its keyed hash. */
export function identityLockKey(recruitmentId: number, dedupe: string): bigint {
  return createHash("sha256").update(`sortition-registration:${recruitmentId}:${dedupe}`).digest().readBigInt64BE(0);
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
  const params = [recruitment.id, code !== null, code ? lookupHash(keys, [code]) : null, dedupe, source, JSON.stringify(input.features), seal(keys, input.contact), by.source === "phone" ? by.actor.id || null : null, mail?.to ?? null, mail?.subject ?? null, mail?.text ?? null];
  params.push(dedupe ? identityLockKey(recruitment.id, dedupe).toString() : null);
  const outcome = by.source === "phone" ? await registerInTransaction(deps.db, recruitment, params, by, input.features) : await storeOutcome(rootPool(deps.db), await rootPool(deps.db).query<StoredRow>({ name: STORE_NAME, text: STORE, values: params }), params);
  // The pool's live composition hears of the new person once committed, in a NOTIFY shared with the other
  // registrations of the moment (core/realtime/after-commit.ts: a NOTIFY inside the registration's transaction would hold
  // PostgreSQL's global notify lock through its commit and serialise every registration's WAL flush).
  // A failed NOTIFY (the database gone just after the commit) does not undo the registration: its answer stays a success.
  if (outcome.ok && outcome.duplicateOf === null) await publishAfterCommit(deps.db, compositionTopic(recruitment.id), { delta: 1, features: input.features }).catch(() => undefined);
  return outcome;
}

type StoredRow = { id: string; duplicate_of: string | null };

/**
 * The outcome of the statement's answer. When nothing was stored: the recruitment closed (or closed to
 * volunteers) since the form's copy of it was read, else the code was used or is not a letter of it.
 */
async function storeOutcome(q: Pick<pg.Pool | pg.PoolClient, "query">, stored: pg.QueryResult<StoredRow>, params: unknown[]): Promise<RegisterOutcome> {
  const row = stored.rows[0];
  if (row) return { ok: true, id: Number(row.id), duplicateOf: row.duplicate_of === null ? null : Number(row.duplicate_of) };
  const now = await q.query<{ status: RecruitmentRow["status"]; registration_deadline: Date | null; volunteers_open: boolean }>("select status, registration_deadline, volunteers_open from sortition_recruitments where id = $1", [params[0]]);
  const r = now.rows[0];
  if (!r || !isOpen({ status: r.status, registrationDeadline: r.registration_deadline })) return { ok: false, errors: { _form: { key: "sortition.register.error.closed" } } };
  if (!params[1] && params[4] === "volunteer" && !r.volunteers_open) return { ok: false, errors: { code: { key: "sortition.register.error.codeRequired" } } };
  const letter = params[1] ? await q.query<{ recruitment_id: string }>("select recruitment_id::text from sortition_invitations where code_hash = $1", [params[2]]) : null;
  const mine = letter?.rows[0]?.recruitment_id === String(params[0]);
  return { ok: false, errors: { code: { key: mine ? "sortition.register.error.codeUsed" : "sortition.register.error.codeUnknown" } } };
}

/** A phone registration: the statement and the staff member's audit entry in one transaction. */
async function registerInTransaction(db: Db, recruitment: RecruitmentRow, params: unknown[], by: { actor: Actor; spaceId: number }, features: Record<string, string>): Promise<RegisterOutcome> {
  const client = await rootPool(db).connect();
  let broken: Error | undefined;
  try {
    await client.query("begin");
    const outcome = await storeOutcome(client, await client.query<StoredRow>({ name: STORE_NAME, text: STORE, values: params }), params);
    if (!outcome.ok) {
      await client.query("rollback");
      return outcome;
    }
    await audit(drizzle(client), { actorId: by.actor.id || null, action: "sortition.registration.phone", resourceType: "sortition_registration", resourceId: outcome.id, spaceId: by.spaceId, after: { recruitmentId: recruitment.id, features, invitation: Boolean(params[1]), duplicateOf: outcome.duplicateOf }, ip: by.actor.ip });
    await client.query("commit");
    return outcome;
  } catch (error) {
    await client.query("rollback").catch((e: unknown) => (broken = e instanceof Error ? e : new Error(String(e))));
    throw error;
  } finally {
    client.release(broken);
  }
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
