/**
 * Personal data of a recruitment kept encrypted at rest (issue 17: "a register ... kept encrypted at
 * rest and deleted after the draw's retention period"). AES-256-GCM under a key derived from
 * SESSION_SECRET with its own label, so a copy of the database alone reveals no name, address or code.
 * A sealed value is `version(1) | iv(12) | tag(16) | ciphertext`. Lookups that must not decrypt
 * (a letter's code at registration, duplicate detection) use an HMAC under a second derived key.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { deriveKey } from "../../core/http/keys";
import type { Config } from "../../config";

const VERSION = 1;

export interface SortitionKeys {
  seal: Buffer;
  lookup: Buffer;
}

export function sortitionKeys(config: Pick<Config, "SESSION_SECRET">): SortitionKeys {
  return {
    seal: deriveKey(config.SESSION_SECRET, "pnyx/sortition/sealed/v1", "pnyx-development-only-sortition-seal"),
    lookup: deriveKey(config.SESSION_SECRET, "pnyx/sortition/lookup/v1", "pnyx-development-only-sortition-lookup"),
  };
}

/** Encrypts a JSON-serialisable value. */
export function seal(keys: SortitionKeys, value: unknown): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys.seal, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

/** Decrypts a value sealed by `seal`; throws when the data was altered or sealed under another key. */
export function unseal<T = unknown>(keys: SortitionKeys, sealed: Buffer): T {
  if (sealed.length < 29 || sealed[0] !== VERSION) throw new Error("not a sealed value of this version");
  const decipher = createDecipheriv("aes-256-gcm", keys.seal, sealed.subarray(1, 13));
  decipher.setAuthTag(sealed.subarray(13, 29));
  const text = Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString("utf8");
  return JSON.parse(text) as T;
}

/** A keyed lookup hash (hex) of normalised parts: the same input always gives the same hash. */
export function lookupHash(keys: SortitionKeys, parts: ReadonlyArray<string | number>): string {
  return createHmac("sha256", keys.lookup).update(parts.map(String).join("\u001f")).digest("hex");
}
