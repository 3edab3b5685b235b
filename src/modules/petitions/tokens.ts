/**
 * Signer identity and confirmation tokens. The token is an HMAC of the petition and the canonical
 * email under a server key: a re-sent mail carries the same link, and only its SHA-256 is stored.
 */
import { createHash, createHmac } from "node:crypto";
import { deriveKey } from "../../core/http/keys";
import type { Config } from "../../config";

/** Providers that ignore dots in the local part (so a.b@ and ab@ are one mailbox). */
const DOTLESS = new Set(["gmail.com", "googlemail.com"]);

/**
 * The mailbox behind an address: lower case, "+tag" removed, dots removed where the provider ignores
 * them. Two signatures with one canonical email are one person.
 */
export function canonicalEmail(email: string): { canonical: string; domain: string } {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf("@");
  let local = lower.slice(0, at);
  let domain = lower.slice(at + 1);
  if (domain === "googlemail.com") domain = "gmail.com";
  local = local.split("+")[0] ?? local;
  if (DOTLESS.has(domain)) local = local.replace(/\./g, "");
  return { canonical: `${local}@${domain}`, domain };
}

export function signingKey(config: Pick<Config, "SESSION_SECRET">): Buffer {
  return deriveKey(config.SESSION_SECRET, "pnyx/petitions/signatures/v1", "pnyx-development-only-petitions-key");
}

/** The confirmation token of one signer of one petition (base64url). */
export function confirmationToken(key: Buffer, petitionId: number, canonical: string): string {
  return createHmac("sha256", key).update(`${petitionId}\u001f${canonical}`).digest("base64url");
}

export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");
