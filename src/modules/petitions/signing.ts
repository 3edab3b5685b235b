/**
 * Signing, confirming and withdrawing. The hot path is built for thousands of signatures per second:
 * the petition's rules come from a short-lived memory cache, every check that needs no database runs
 * first, and the signature, its rate-limit check, its confirmation mail (outbox) and, for verified
 * accounts, its count entry are written by ONE SQL statement. Counting is done later, in batches.
 */
import { sql } from "drizzle-orm";
import type { CurrentUser } from "../../core/http/context";
import type { AppDeps } from "../../core/http/deps";
import { fail, ok, type FieldErrors, type Result } from "../../core/http/result";
import type { Locale } from "../../core/i18n/locales";
import { translator } from "../../core/i18n/translator";
import { ageOn, normalizeBirthDate } from "../../core/verifications/hashing";
import { normalizePostalCode, regionForPostalCode } from "../../core/verifications/regions";
import { findAuthorization } from "../../core/verifications/service";
import { AGE_RESIDENCE } from "../../core/verifications/age-residence";
import type { Db } from "../../db/client";
import { isDomainBlocked } from "./abuse";
import type { SigningInfo } from "./cache";
import type { SignatureInput } from "./inputs";
import { regionLabel } from "./labels";
import { SIGNABLE_STATES } from "./states";
import { canonicalEmail, confirmationToken, hashToken, signingKey } from "./tokens";

export type SignOutcome = "pending" | "confirmed" | "resent" | "already";

/** Mails a pending signer may receive for one petition (first one plus re-sends). */
const MAX_MAILS = 3;

export function isSignable(info: SigningInfo, now = new Date()): boolean {
  return info.visible && info.step.signingEnabled && SIGNABLE_STATES.includes(info.state) && (!info.signingEndsAt || info.signingEndsAt > now);
}

/** Per-instance sliding minute per petition (the `petitionPerMinute` setting). */
const minuteWindows = new Map<number, { minute: number; count: number }>();
function petitionRateExceeded(info: SigningInfo): boolean {
  const limit = info.settings.petitionPerMinute;
  if (limit === 0) return false;
  const minute = Math.floor(Date.now() / 60_000);
  const w = minuteWindows.get(info.id);
  if (!w || w.minute !== minute) {
    minuteWindows.set(info.id, { minute, count: 1 });
    return false;
  }
  w.count += 1;
  return w.count > limit;
}

export const confirmUrl = (deps: Pick<AppDeps, "config">, petitionId: number, token: string) => `${deps.config.PUBLIC_URL}/petitions/${petitionId}/confirm/${token}`;

function confirmationMail(deps: Pick<AppDeps, "config">, locale: Locale, info: SigningInfo, email: string, token: string) {
  const t = translator(locale);
  return {
    to: email,
    subject: t("petitions.mail.confirmSubject", { title: info.title }),
    text: `${t("petitions.mail.confirmBody", { title: info.title })}\n\n${confirmUrl(deps, info.id, token)}\n\n${t("petitions.mail.confirmIgnore")}\n`,
  };
}

interface Signer {
  name: string;
  email: string;
  birthDate: string;
  postalCode: string;
  showName: boolean;
}

/** Age and residence rules of the type; the region is the postal code's. */
function checkSigner(info: SigningInfo, s: Signer, locale: Locale, now: Date): Result<{ birthDate: string; postalCode: string; region: string }> {
  const errors: FieldErrors = {};
  const birthDate = normalizeBirthDate(s.birthDate);
  if (birthDate === null || birthDate > now.toISOString().slice(0, 10) || ageOn(birthDate, now) > 130) errors.birthDate = { key: "validation.date" };
  else if (ageOn(birthDate, now) < info.minAge) errors.birthDate = { key: "petitions.sign.tooYoung", values: { age: info.minAge } };
  const postalCode = normalizePostalCode(info.country, s.postalCode);
  const region = postalCode === null ? null : regionForPostalCode(info.country, postalCode);
  if (region === null) errors.postalCode = { key: "petitions.sign.unknownPostalCode" };
  else if (info.residenceRegions.length > 0 && !info.residenceRegions.includes(region)) {
    const t = translator(locale);
    errors.postalCode = { key: "petitions.sign.wrongRegion", values: { regions: info.residenceRegions.map((r) => regionLabel(t, r)).join(", ") } };
  }
  if (Object.keys(errors).length || birthDate === null || postalCode === null || region === null) return fail(errors);
  return ok({ birthDate, postalCode, region });
}

export interface SignRequest {
  input: SignatureInput | Omit<SignatureInput, "email" | "name"> & { name?: string | undefined };
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

  let signer: Signer;
  if (user) {
    signer = { name: req.input.name || user.name, email: user.email, birthDate: req.input.birthDate, postalCode: req.input.postalCode, showName: req.input.showName };
    if (info.verification === "age_residence") {
      const auth = await findAuthorization(deps.db, user.id, AGE_RESIDENCE, null);
      if (!auth) return fail({ _form: { key: "petitions.sign.verificationRequired" } });
      signer.birthDate = String(auth.metadata.birthDate ?? "");
      signer.postalCode = String(auth.metadata.postalCode ?? "");
    }
  } else {
    const input = req.input as SignatureInput;
    signer = { name: input.name, email: input.email, birthDate: input.birthDate, postalCode: input.postalCode, showName: input.showName };
  }

  const checked = checkSigner(info, signer, req.locale, now);
  if (!checked.ok) return checked;
  const { canonical, domain } = canonicalEmail(signer.email);
  if (await isDomainBlocked(deps.db, domain)) return fail({ email: { key: "petitions.sign.blockedDomain", values: { domain } } });
  if (petitionRateExceeded(info)) return fail({ _form: { key: "petitions.sign.busy" } });

  const verified = Boolean(user?.emailConfirmed);
  const token = verified ? null : confirmationToken(signingKey(deps.config), info.id, canonical);
  const mail = token ? confirmationMail(deps, req.locale, info, signer.email, token) : null;
  const { ipLimit, ipWindowSeconds } = info.settings;
  const result = await deps.db.execute<{ id: string }>(sql`
    with ins as (
      insert into petition_signatures (petition_id, user_id, email, canonical_email, email_domain, name, birth_date, postal_code, region, show_name, state, token_hash, ip, confirmed_at)
      select ${info.id}::bigint, ${user?.id ?? null}::bigint, ${signer.email}::text, ${canonical}::text, ${domain}::text, ${signer.name}::text, ${checked.value.birthDate}::date,
        ${checked.value.postalCode}::text, ${checked.value.region}::text, ${signer.showName}::boolean, ${verified ? "confirmed" : "pending"}::text,
        ${token ? hashToken(token) : null}::text, ${req.ip}::inet, ${verified ? now.toISOString() : null}::timestamptz
      where ${ipLimit} = 0 or ${req.ip}::inet is null or (
        select count(*) from (select 1 from petition_signatures
          where petition_id = ${info.id} and ip = ${req.ip}::inet and created_at > now() - make_interval(secs => ${ipWindowSeconds}) limit ${ipLimit}) recent) < ${ipLimit}
      on conflict do nothing
      returning id, region, state
    ), mail as (
      insert into petition_outbox ("to", subject, text)
      select ${mail?.to ?? ""}::text, ${mail?.subject ?? ""}::text, ${mail?.text ?? ""}::text from ins where ins.state = 'pending'
    ), counted as (
      insert into petition_count_deltas (petition_id, region, delta)
      select ${info.id}::bigint, ins.region, 1 from ins where ins.state = 'confirmed'
    )
    select id from ins`);
  if (result.rows.length > 0) return ok(verified ? "confirmed" : "pending");
  return explainRefusal(deps.db, info, canonical, user?.id ?? null, mail);
}

/** Nothing was inserted: a duplicate (re-send the pending mail, within limits) or the IP limit. */
async function explainRefusal(db: Db, info: SigningInfo, canonical: string, userId: number | null, mail: { to: string; subject: string; text: string } | null): Promise<Result<SignOutcome>> {
  const existing = await db.execute<{ id: string; state: string; mails_sent: number }>(sql`
    select id, state, mails_sent from petition_signatures
    where petition_id = ${info.id} and (canonical_email = ${canonical} or user_id = ${userId ?? 0}) limit 1`);
  const row = existing.rows[0];
  if (!row) return fail({ _form: { key: "petitions.sign.rateLimited" } });
  if (row.state === "pending" && mail && row.mails_sent < MAX_MAILS) {
    await db.execute(sql`
      with bump as (update petition_signatures set mails_sent = mails_sent + 1 where id = ${row.id} and mails_sent < ${MAX_MAILS} returning id)
      insert into petition_outbox ("to", subject, text) select ${mail.to}::text, ${mail.subject}::text, ${mail.text}::text from bump`);
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
  const result = await deps.db.execute<{ id: string }>(sql`
    with s as (
      update petition_signatures set state = 'confirmed', confirmed_at = now()
      where token_hash = ${hash} and petition_id = ${info.id} and state = 'pending'
      returning region
    )
    insert into petition_count_deltas (petition_id, region, delta) select ${info.id}::bigint, region, 1 from s returning id`);
  if (result.rows.length > 0) return "confirmed";
  const existing = await deps.db.execute<{ state: string }>(sql`select state from petition_signatures where token_hash = ${hash} and petition_id = ${info.id}`);
  return existing.rows[0]?.state === "confirmed" ? "already" : "invalid";
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
