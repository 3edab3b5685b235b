/**
 * Keys for the platform's own HMACs (signature confirmations, unsubscribe links, verification hashes):
 * each derived with HKDF from a configured secret under its own label, so no two purposes share a key
 * and none is the cookie-signing secret itself. Without a secret (development, tests) the purpose's
 * fixed development secret stands in (kept as each purpose first had it, so a developer's existing
 * data still verifies); production requires SESSION_SECRET (config.ts).
 */
import { hkdfSync } from "node:crypto";

/** A 32-byte key for `purpose` (e.g. "pnyx/newsletters/unsubscribe/v1"). */
export function deriveKey(secret: string | undefined, purpose: string, developmentSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret ?? developmentSecret, "pnyx", purpose, 32));
}
