/**
 * Hashing of verification data. Census values and unique ids are stored only as HMAC-SHA-256 under a
 * server key, so a copy of the database alone does not let anyone test guesses (a birth date has only
 * ~36,500 values: a plain hash would be reversed in milliseconds).
 */
import { createHmac } from "node:crypto";
import { deriveKey } from "../http/keys";
import type { Config } from "../../config";

/**
 * The key for verification hashes: derived from VERIFICATION_SECRET when set (so cookie secrets can be
 * rotated without voiding census lists), else from SESSION_SECRET (required in production), always with
 * its own label so it is never the cookie-signing key itself. Without either (tests) a fixed development
 * key is used. Rotating the secret in use invalidates census lists and unique ids: re-upload the lists.
 */
export function verificationKey(config: Pick<Config, "SESSION_SECRET" | "VERIFICATION_SECRET">): Buffer {
  return deriveKey(config.VERIFICATION_SECRET ?? config.SESSION_SECRET, "pnyx/verifications/v1", "pnyx-development-only-verification-key");
}

/** HMAC-SHA-256 (hex) of the parts, joined by a separator that normalised values never contain. */
export function hmac(key: Buffer, parts: ReadonlyArray<string | number>): string {
  return createHmac("sha256", key).update(parts.map(String).join("\u001f")).digest("hex");
}

/** An identifier (student number, national number): case, spaces, dots and dashes do not matter. */
export function normalizeIdentifier(value: string): string {
  return value.normalize("NFKC").replace(/[\s.\-_/]+/g, "").toUpperCase();
}

/** Free text (a postal code, a code word): case and repeated spaces do not matter. */
export function normalizeText(value: string): string {
  return value.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

/**
 * A birth date as YYYY-MM-DD, from ISO (2008-03-14) or day-first forms (14/03/2008, 14.03.2008,
 * 14-03-2008), as Belgian registers write them; null if it is not a real calendar date.
 */
export function normalizeBirthDate(value: string): string | null {
  const v = value.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dayFirst ? [dayFirst[3], dayFirst[2], dayFirst[1]] : [];
  if (!y || !m || !d) return null;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${y}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Age in whole years on `today` (UTC dates); someone born on 29 February turns a year older on 1 March. */
export function ageOn(birthDate: string, today: Date): number {
  const [y, m, d] = birthDate.split("-").map(Number) as [number, number, number];
  const ty = today.getUTCFullYear();
  const tm = today.getUTCMonth() + 1;
  const td = today.getUTCDate();
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}
