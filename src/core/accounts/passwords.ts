/** argon2id password hashing (OWASP parameters: 19 MiB, 2 iterations, 1 lane). */
import type * as Argon2 from "@node-rs/argon2";

// Loaded on first use: the native module is not needed to serve pages, so a restart does not wait for it.
let argon2: Promise<typeof Argon2> | null = null;
const loadArgon2 = () => (argon2 ??= import("@node-rs/argon2"));

const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

export async function hashPassword(password: string): Promise<string> {
  return (await loadArgon2()).hash(password, OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  const { verify } = await loadArgon2();
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/** Spends the same time as a real check, so sign-in does not reveal whether an account exists. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword("not-a-real-password-but-same-cost");
  await verifyPassword(await dummy, password);
  return false;
}
