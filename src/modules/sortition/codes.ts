/**
 * A letter's single-use code: 10 characters of Crockford's base32 (no I, L, O, U: nothing to misread on
 * paper), printed as two groups of five ("K7Q2M-9XWMA"), 50 bits of randomness. Typed back in any case,
 * with or without the dash or spaces; O is read as 0, I and L as 1, as Crockford's alphabet says.
 */
import { randomInt } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function generateCode(): string {
  let s = "";
  for (let i = 0; i < 10; i++) s += ALPHABET[randomInt(32)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** The canonical form of a typed code (what is hashed), or null when it cannot be a code. */
export function normalizeCode(typed: string): string | null {
  const s = typed
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-_.]+/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (s.length !== 10) return null;
  for (const c of s) if (!ALPHABET.includes(c)) return null;
  return s;
}
