/**
 * Signing, confirming and withdrawing. The hot path is built for thousands of signatures per second:
 * the petition's rules come from a short-lived memory cache, every check that needs no database runs
 * first, and the signature, its rate-limit check, its confirmation mail (outbox) and, for verified
 * accounts, its count entry are written by ONE SQL statement. Counting is done later, in batches.
 */
import { sql } from "drizzle-orm";
import type { CurrentUser } from "../../core/http/context";
import type { AppDeps } from "../../core/http/deps";
import { autoFollow } from "../../core/follows/service";
import { fail, ok, type FieldErrors, type Result } from "../../core/http/result";
import type { Locale } from "../../core/i18n/locales";
import { translator } from "../../core/i18n/translator";
import { ageOn, normalizeBirthDate } from "../../core/verifications/hashing";
import { normalizePostalCode, regionForPostalCode } from "../../core/verifications/regions";
import { findAuthorization } from "../../core/verifications/service";
import { AGE_RESIDENCE } from "../../core/verifications/age-residence";
import type { Db } from "../../db/client";
import { isDomainBlocked } from "./abuse";
import { Batcher } from "../../db/batcher";
import { growthWatch } from "../../db/growth-statistics";
import { runNamed } from "../../db/named";
import type { SigningInfo } from "./cache";
import type { SignerInput } from "./inputs";
import { regionLabel } from "./labels";
import { SIGNABLE_STATES } from "./states";
import { canonicalEmail, confirmationToken, hashToken, signingKey } from "./tokens";

export type SignOutcome = "pending" | "confirmed" | "resent" | "already";

/** Mails a pending signer may receive for one petition (first one plus re-sends). */
const MAX_MAILS = 3;

export function isSignable(info: SigningInfo, now = new Date()): boolean {
  return info.visible && info.step.signingEnabled && SIGNABLE_STATES.includes(info.state) && (!info.signingEndsAt || info.signingEndsAt > now);
}

export const confirmUrl = (deps: Pick<AppDeps, "config">, petitionId: number, token: string) => `${deps.config.PUBLIC_URL}/petitions/${petitionId}/confirm/${token}`;

function confirmationMail(deps: Pick<AppDeps, "config">, locale: Locale, info: SigningInfo, email: string, token: string) {
  const t = translator(locale);
  return {
    to: email,
    subject: t("petitions.mail.confirmSubject", { title: info.title }),
    text:
      `${t("petitions.mail.confirmBody", { title: info.title })}\n\n${confirmUrl(deps, info.id, token)}\n\n${t("petitions.mail.confirmIgnore")}\n` +
      (info.allowWithdrawal ? `\n${t("petitions.mail.withdrawHint")}\n${deps.config.PUBLIC_URL}/petitions/${info.id}/withdraw/${token}\n` : ""),
  };
}

interface Signer {
  name: string;
  email: string;
  birthDate: string;
  postalCode: string;
  showName: boolean;
  /** Set when the region comes from a verification (which keeps the region, not the postal code). */
  region?: string;
}

/**
 * Age and residence rules of the type, on the attributes it asks for (a type with an age limit asks
 * for the birth date, one with quotas or a residence rule for the postal code: see checkTypeRules).
 * The region is the postal code's, or "" when the type asks for none.
 */
function checkSigner(info: SigningInfo, s: Signer, locale: Locale, now: Date): Result<{ birthDate: string | null; postalCode: string; region: string }> {
  const errors: FieldErrors = {};
  const asksBirthDate = info.signerFields.includes("birthDate") || s.region !== undefined;
  const birthDate = asksBirthDate ? normalizeBirthDate(s.birthDate) : null;
  if (asksBirthDate) {
    if (birthDate === null || birthDate > now.toISOString().slice(0, 10) || ageOn(birthDate, now) > 130) errors.birthDate = { key: "validation.date" };
    else if (ageOn(birthDate, now) < info.minAge) errors.birthDate = { key: "petitions.sign.tooYoung", values: { age: info.minAge } };
  }
  const asksPostalCode = info.signerFields.includes("postalCode") && s.region === undefined;
  const postalCode = asksPostalCode ? normalizePostalCode(info.country, s.postalCode) : "";
  const region = s.region ?? (!asksPostalCode ? "" : postalCode === null ? null : regionForPostalCode(info.country, postalCode));
  if (region === null) errors.postalCode = { key: "petitions.sign.unknownPostalCode" };
  else if (info.residenceRegions.length > 0 && !info.residenceRegions.includes(region)) {
    const t = translator(locale);
    errors.postalCode = { key: "petitions.sign.wrongRegion", values: { regions: info.residenceRegions.map((r) => regionLabel(t, r)).join(", ") } };
  }
  if (Object.keys(errors).length || postalCode === null || region === null) return fail(errors);
  return ok({ birthDate, postalCode, region });
}

export interface SignRequest {
  /** As parsed by `signerInputFor(info.signerFields, kind)`. */
  input: SignerInput;
  user: CurrentUser | null;
  ip: string | null;
  locale: Locale;
}

/**
 * Records a signature. Anonymous signers (and accounts whose address is not confirmed) get a
 * confirmation mail and count once they open it; verified accounts count at once.
 */
export async function sign(deps: Pick<AppDeps, "db" | "config">, info: SigningInfo, req: SignRequest, now = new Date()): Promise<Result<SignOutcome>> {
  if (!isSignable(info, now)) return fail({ _form: { key: "petitions.sign.closed" } });
  const { user } = req;
  if (info.verification !== "email" && !user) return fail({ _form: { key: "petitions.sign.accountRequired" } });

  const asksName = info.signerFields.includes("name");
  let signer: Signer;
  if (user) {
    signer = { name: asksName ? req.input.name || user.name : "", email: user.email, birthDate: req.input.birthDate, postalCode: req.input.postalCode, showName: asksName && req.input.showName };
    if (info.verification === "age_residence") {
      const auth = await findAuthorization(deps.db, user.id, AGE_RESIDENCE, null);
      if (!auth) return fail({ _form: { key: "petitions.sign.verificationRequired" } });
      signer.birthDate = String(auth.metadata.birthDate ?? "");
      signer.postalCode = "";
      signer.region = String(auth.metadata.region ?? "");
    }
  } else {
    signer = { ...req.input, name: asksName ? req.input.name : "", showName: asksName && req.input.showName };
  }

  const checked = checkSigner(info, signer, req.locale, now);
  if (!checked.ok) return checked;
  const { canonical, domain } = canonicalEmail(signer.email);
  if (await isDomainBlocked(deps.db, domain)) return fail({ email: { key: "petitions.sign.blockedDomain", values: { domain } } });

  const verified = Boolean(user?.emailConfirmed);
  const token = verified ? null : confirmationToken(keyFor(deps.config), info.id, canonical);
  const mail = token ? confirmationMail(deps, req.locale, info, signer.email, token) : null;
  const inserted = await signatureBatcher(deps.db).submit({
    petitionId: info.id,
    userId: user?.id ?? null,
    email: signer.email,
    canonical,
    domain,
    name: signer.name,
    birthDate: checked.value.birthDate,
    postalCode: checked.value.postalCode,
    region: checked.value.region,
    showName: signer.showName,
    state: verified ? "confirmed" : "pending",
    tokenHash: token ? hashToken(token) : null,
    ip: req.ip,
    confirmedAt: verified ? now.toISOString() : null,
    ipLimit: info.settings.ipLimit,
    ipWindow: info.settings.ipWindowSeconds,
    perMinute: info.settings.petitionPerMinute,
    mail,
  });
  if (inserted === "busy") return fail({ _form: { key: "petitions.sign.busy" } });
  if (inserted === "inserted") {
    // A signer with an account follows what they signed, unless their account says not to.
    if (user) await autoFollow(deps.db, user.id, { type: "petition", id: info.id }, { componentId: info.component.id, spaceId: info.space.id });
    return ok(verified ? "confirmed" : "pending");
  }
  return explainRefusal(deps, info, { canonical, email: signer.email, user, locale: req.locale, mail });
}

const keys = new WeakMap<object, Buffer>();
/** The signing key, derived once per configuration (HKDF is too slow to run per request). */
function keyFor(config: AppDeps["config"]): Buffer {
  let key = keys.get(config);
  if (!key) keys.set(config, (key = signingKey(config)));
  return key;
}

interface NewSignature {
  petitionId: number;
  userId: number | null;
  email: string;
  canonical: string;
  domain: string;
  name: string;
  birthDate: string | null;
  postalCode: string;
  region: string;
  showName: boolean;
  state: "pending" | "confirmed";
  tokenHash: string | null;
  ip: string | null;
  confirmedAt: string | null;
  ipLimit: number;
  ipWindow: number;
  /** The petition's `petitionPerMinute` (0: no limit). */
  perMinute: number;
  mail: { to: string; subject: string; text: string } | null;
}

type InsertOutcome = "inserted" | "refused" | "busy";

/**
 * The per-petition rate (`petitionPerMinute`), shared by every instance: one upsert per batch adds the
 * batch's attempts to the petition's current minute (database time), and the attempts that fit under
 * the limit go on, in arrival order. Attempts count whether or not they end up inserted.
 */
async function admitByRate(db: Db, items: NewSignature[]): Promise<boolean[]> {
  const asked = new Map<number, number>();
  for (const s of items) if (s.perMinute > 0) asked.set(s.petitionId, (asked.get(s.petitionId) ?? 0) + 1);
  if (asked.size === 0) return items.map(() => true);
  const ids = [...asked.keys()];
  const result = await db.execute<{ petition_id: string; count: number }>(sql`
    insert into petition_rate_windows (petition_id, minute, count)
    select id, floor(extract(epoch from now()) / 60)::bigint, n from unnest(${sql.param(ids)}::bigint[], ${sql.param(ids.map((id) => asked.get(id) ?? 0))}::int[]) as v(id, n)
    on conflict (petition_id, minute) do update set count = petition_rate_windows.count + excluded.count
    returning petition_id, count`);
  const left = new Map<number, number>();
  for (const r of result.rows) {
    const id = Number(r.petition_id);
    const limit = items.find((s) => s.petitionId === id)?.perMinute ?? 0;
    left.set(id, limit - (r.count - (asked.get(id) ?? 0)));
  }
  return items.map((s) => {
    if (s.perMinute === 0) return true;
    const n = left.get(s.petitionId) ?? 0;
    left.set(s.petitionId, n - 1);
    return n > 0;
  });
}

/**
 * The signatures table's statistics follow a petition that fills it (src/db/growth-statistics.ts, ADR 48).
 * The signing statement's per-address check is planned once per connection: planned on a nearly empty
 * table it walked the petition's rows through the listing index (petition_id, state, id) and filtered
 * the address row by row, instead of the address index: each signature then read every signature of
 * its petition so far (bench/cluster-breakdown.ts: PostgreSQL's CPU per signature 0.5 -> 2.7 ms after
 * 27,000 signatures, autovacuum not yet come by).
 */
const signaturesTable = growthWatch({ table: "petition_signatures" });

/** A batch: the rate first, then one insert statement for the admitted signatures. */
async function signBatch(db: Db, items: NewSignature[]): Promise<InsertOutcome[]> {
  const admitted = await admitByRate(db, items);
  const go = items.filter((_, i) => admitted[i]);
  const inserted = go.length ? await insertSignatures(db, go) : [];
  signaturesTable.written(db, go.length);
  let j = 0;
  return items.map((_, i) => (admitted[i] ? (inserted[j++] ? "inserted" : "refused") : "busy"));
}

/**
 * The batch statements run as named (prepared) statements: their text is the same whatever the batch
 * (one array per column), so each connection parses and plans them once instead of per batch. Planning
 * these CTEs cost more than running them for the small batches each of several instances makes
 * (docs/decisions/0041-cluster-cpu.md). PostgreSQL keeps re-planning a prepared statement while a plan
 * for the actual values looks cheaper than the generic one: with the arrays as constants it would know
 * the batch's length (1) against 10 for a parameter, so the first array goes through `array(select
 * unnest(...))`, whose length it never estimates: the same estimate either way, and after five
 * executions the generic plan is kept. `runNamed` (src/db/named.ts) runs them inside a transaction too.
 */
const INSERT_SIGNATURES = `
    with v as (
      select * from unnest(
        array(select unnest($1::bigint[])), $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::text[], $9::text[],
        $10::boolean[], $11::text[], $12::text[], $13::inet[], $14::timestamptz[], $15::int[], $16::int[], $17::text[], $18::text[], $19::text[]
      ) as v(petition_id, user_id, email, canonical_email, email_domain, name, birth_date, postal_code, region, show_name, state, token_hash, ip, confirmed_at, ip_limit, ip_window, mail_to, mail_subject, mail_text)
    ), ins as (
      insert into petition_signatures (petition_id, user_id, email, canonical_email, email_domain, name, birth_date, postal_code, region, show_name, state, token_hash, ip, confirmed_at)
      select petition_id, user_id, email, canonical_email, email_domain, name, birth_date, postal_code, region, show_name, state, token_hash, ip, confirmed_at from v
      where v.ip_limit = 0 or v.ip is null or (
        select count(*) from (select 1 from petition_signatures s
          where s.petition_id = v.petition_id and s.ip = v.ip and s.created_at > now() - make_interval(secs => v.ip_window) limit v.ip_limit) recent) < v.ip_limit
      on conflict do nothing
      returning petition_id, canonical_email, region, state
    ), mail as (
      insert into mail_outbox ("to", subject, text)
      select distinct on (ins.petition_id, ins.canonical_email) v.mail_to, v.mail_subject, v.mail_text
      from ins join v on v.petition_id = ins.petition_id and v.canonical_email = ins.canonical_email where ins.state = 'pending'
    ), counted as (
      insert into petition_count_deltas (petition_id, region, delta) select petition_id, region, 1 from ins where state = 'confirmed'
    )
    select petition_id, canonical_email from ins`;

/**
 * Inserts a batch of signatures in ONE statement: the per-IP limit is checked per row against the
 * committed signatures, duplicates are skipped by the unique indexes (ON CONFLICT DO NOTHING), and
 * each inserted row gets its confirmation mail (outbox) or, if already verified, its count entry.
 * Returns, per item, whether its row was inserted.
 */
async function insertSignatures(db: Db, items: NewSignature[]): Promise<boolean[]> {
  const col = <T>(f: (s: NewSignature) => T) => items.map(f);
  const rows = await runNamed<{ petition_id: string; canonical_email: string }>(db, "pnyx_petitions_sign", INSERT_SIGNATURES, [
    col((s) => s.petitionId), col((s) => s.userId), col((s) => s.email), col((s) => s.canonical), col((s) => s.domain), col((s) => s.name),
    col((s) => s.birthDate), col((s) => s.postalCode), col((s) => s.region), col((s) => s.showName), col((s) => s.state), col((s) => s.tokenHash),
    col((s) => s.ip), col((s) => s.confirmedAt), col((s) => s.ipLimit), col((s) => s.ipWindow), col((s) => s.mail?.to ?? null),
    col((s) => s.mail?.subject ?? null), col((s) => s.mail?.text ?? null),
  ]);
  // A key inserted once answers the first request that asked for it; a repeat in the same batch is a duplicate.
  const inserted = new Set(rows.map((r) => `${r.petition_id}\u0000${r.canonical_email}`));
  return items.map((s) => inserted.delete(`${s.petitionId}\u0000${s.canonical}`));
}

/**
 * Both batchers gather for up to GATHER_MS while a batch of theirs is in flight (never when none is): an
 * instance busy below saturation (one of several sharing the load) would otherwise send one statement
 * and one commit per signature; a signature waits at most that long more (ADR 46).
 */
const GATHER_MS = Number(process.env.PNYX_SIGNING_GATHER_MS ?? 2);
const GATHER_IDLE = process.env.PNYX_SIGNING_GATHER_IDLE === "1";

const signatureBatchers = new WeakMap<Db, Batcher<NewSignature, InsertOutcome>>();
function signatureBatcher(db: Db): Batcher<NewSignature, InsertOutcome> {
  let b = signatureBatchers.get(db);
  if (!b) signatureBatchers.set(db, (b = new Batcher((items) => signBatch(db, items), { maxBatch: 500, maxInFlight: 2, gatherMs: GATHER_MS, gatherWhenIdle: GATHER_IDLE })));
  return b;
}

/** A short mail to an address that tried to sign again while it is not known to be the person's own. */
function duplicateMail(deps: Pick<AppDeps, "config">, locale: Locale, info: SigningInfo, email: string, state: string) {
  const t = translator(locale);
  const body = state === "confirmed" ? t("petitions.mail.alreadyBody", { title: info.title }) : t("petitions.mail.notAcceptedBody", { title: info.title });
  return {
    to: email,
    subject: t("petitions.mail.alreadySubject", { title: info.title }),
    text: `${body}\n\n${deps.config.PUBLIC_URL}/petitions/${info.id}\n\n${t("petitions.mail.notYou")}\n`,
  };
}

/** Queues a mail about an existing signature, at most MAX_MAILS per signature (no one can flood a mailbox). */
async function mailAbout(db: Db, signatureId: string, mail: { to: string; subject: string; text: string }): Promise<void> {
  await db.execute(sql`
    with bump as (update petition_signatures set mails_sent = mails_sent + 1 where id = ${signatureId} and mails_sent < ${MAX_MAILS} returning id)
    insert into mail_outbox ("to", subject, text) select ${mail.to}::text, ${mail.subject}::text, ${mail.text}::text from bump`);
}

interface Attempt {
  canonical: string;
  email: string;
  user: CurrentUser | null;
  locale: Locale;
  /** The confirmation mail of a new signature (null when it would count at once). */
  mail: { to: string; subject: string; text: string } | null;
}

/**
 * Nothing was inserted: a duplicate or the IP limit. Only a person signed in as the address's owner
 * (their own signature, or their confirmed account's address) learns on the page that it had signed;
 * anyone else gets the answer of a new signature ("check your mail"), and the address gets the mail
 * that explains (the link again, "already signed", or "cannot sign again"), so the form never tells
 * whether an address signed.
 */
async function explainRefusal(deps: Pick<AppDeps, "db" | "config">, info: SigningInfo, a: Attempt): Promise<Result<SignOutcome>> {
  const { db } = deps;
  const existing = await db.execute<{ id: string; state: string; mails_sent: number; user_id: string | null; canonical_email: string }>(sql`
    select id, state, mails_sent, user_id, canonical_email from petition_signatures
    where petition_id = ${info.id} and (canonical_email = ${a.canonical} or user_id = ${a.user?.id ?? 0}) limit 1`);
  const row = existing.rows[0];
  if (!row) return fail({ _form: { key: "petitions.sign.rateLimited" } });
  const owner = a.user !== null && (row.user_id === String(a.user.id) || (a.user.emailConfirmed && row.canonical_email === a.canonical));
  if (!owner) {
    await mailAbout(db, row.id, row.state === "pending" && a.mail ? a.mail : duplicateMail(deps, a.locale, info, a.email, row.state));
    return ok("pending");
  }
  if (row.state === "pending" && a.mail && row.mails_sent < MAX_MAILS) {
    await mailAbout(db, row.id, a.mail);
    return ok("resent");
  }
  if (row.state === "pending") return fail({ _form: { key: "petitions.sign.tooManyMails" } });
  if (row.state === "confirmed") return ok("already");
  return fail({ _form: { key: "petitions.sign.notAccepted" } });
}

export type ConfirmOutcome = "confirmed" | "already" | "invalid" | "closed";

/** Opens a confirmation link: the signature counts from now on (one statement). */
export async function confirmSignature(deps: Pick<AppDeps, "db">, info: SigningInfo, token: string, now = new Date()): Promise<ConfirmOutcome> {
  if (!isSignable(info, now)) return "closed";
  const hash = hashToken(token);
  if (await confirmBatcher(deps.db).submit({ hash, petitionId: info.id })) return "confirmed";
  const existing = await deps.db.execute<{ state: string }>(sql`select state from petition_signatures where token_hash = ${hash} and petition_id = ${info.id}`);
  return existing.rows[0]?.state === "confirmed" ? "already" : "invalid";
}

interface Confirmation {
  hash: string;
  petitionId: number;
}

const CONFIRM_SIGNATURES = `
    with s as (
      update petition_signatures p set state = 'confirmed', confirmed_at = now()
      from unnest(array(select unnest($1::text[])), $2::bigint[]) as v(hash, petition_id)
      where p.token_hash = v.hash and p.petition_id = v.petition_id and p.state = 'pending'
      returning p.petition_id, p.region, p.token_hash
    ), d as (
      insert into petition_count_deltas (petition_id, region, delta) select petition_id, region, 1 from s
    )
    select token_hash from s`;

/** Confirms a batch of pending signatures in ONE statement, with their count journal entries. */
async function confirmSignatures(db: Db, items: Confirmation[]): Promise<boolean[]> {
  const rows = await runNamed<{ token_hash: string }>(db, "pnyx_petitions_confirm", CONFIRM_SIGNATURES, [items.map((c) => c.hash), items.map((c) => c.petitionId)]);
  signaturesTable.written(db, rows.length);
  const done = new Set(rows.map((r) => r.token_hash));
  return items.map((c) => done.delete(c.hash));
}

const confirmBatchers = new WeakMap<Db, Batcher<Confirmation, boolean>>();
function confirmBatcher(db: Db): Batcher<Confirmation, boolean> {
  let b = confirmBatchers.get(db);
  if (!b) confirmBatchers.set(db, (b = new Batcher((items) => confirmSignatures(db, items), { maxBatch: 500, maxInFlight: 2, gatherMs: GATHER_MS, gatherWhenIdle: GATHER_IDLE })));
  return b;
}

/**
 * Withdraws a signature while signing is open, if the type allows it: by the signed-in account, or
 * by the emailed token. A counted signature leaves the count through a negative journal entry.
 */
export async function withdrawSignature(deps: Pick<AppDeps, "db">, info: SigningInfo, who: { userId: number } | { token: string }): Promise<Result<null>> {
  if (!info.allowWithdrawal) return fail({ _form: { key: "petitions.sign.withdrawalNotAllowed" } });
  if (!isSignable(info)) return fail({ _form: { key: "petitions.sign.closed" } });
  const match = "userId" in who ? sql`user_id = ${who.userId}` : sql`token_hash = ${hashToken(who.token)}`;
  const result = await deps.db.execute<{ id: string }>(sql`
    with old as (
      select id, state, region from petition_signatures where petition_id = ${info.id} and ${match} and state in ('pending', 'confirmed') for update
    ), s as (
      update petition_signatures p set state = 'withdrawn' from old where p.id = old.id returning old.state, old.region
    ), d as (
      insert into petition_count_deltas (petition_id, region, delta) select ${info.id}::bigint, region, -1 from s where s.state = 'confirmed'
    )
    select 1 as id from s`);
  return result.rows.length > 0 ? ok(null) : fail({ _form: { key: "petitions.sign.nothingToWithdraw" } });
}

/** The signature a signed-in person has on a petition (for the page: "you signed" / withdraw). */
export async function findOwnSignature(db: Db, petitionId: number, userId: number): Promise<{ state: string } | null> {
  const r = await db.execute<{ state: string }>(sql`select state from petition_signatures where petition_id = ${petitionId} and user_id = ${userId}`);
  return r.rows[0] ?? null;
}
