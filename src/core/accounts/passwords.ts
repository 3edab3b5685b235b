/** argon2id password hashing (OWASP parameters: 19 MiB, 2 iterations, 1 lane). */
import type * as Argon2 from "@node-rs/argon2";

// Loaded on first use: the native module is not needed to serve pages, so a restart does not wait for it.
let argon2: Promise<typeof Argon2> | null = null;
const loadArgon2 = () => (argon2 ??= import("@node-rs/argon2"));

const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

/**
 * The argon2 operations done since the process started. The account forms must cost the same for a
 * known and an unknown address (src/security/web/enumeration.int.test.ts counts them per request).
 */
export const passwordWork = { hashes: 0, verifications: 0 };

export async function hashPassword(password: string): Promise<string> {
  passwordWork.hashes += 1;
  return (await loadArgon2()).hash(password, OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  passwordWork.verifications += 1;
  const { verify } = await loadArgon2();
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** A hash with the same parameters as every stored one (`OPTIONS`): checking against it costs the same. */
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$B0MgXFaDZsqhdUwMr4s9Fw$xMD1jG25GidJZs+WeFZufoKY2UPEVDl4h2MDZzE9qrI";

/**
 * Spends the same time as a real check, so sign-in does not reveal whether an account exists. The
 * dummy hash is a constant (not hashed on first use, which made the first unknown address slower).
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await verifyPassword(DUMMY_HASH, password);
  return false;
}
