/**
 * Same-site paths for redirects and links (`return_to`, notification links, calls to action). Judged
 * by where the browser would go, not by the string's shape: browsers drop tabs and newlines from URLs
 * and read "\" as "/", so "/\t/evil.example" and "/\evil.example" both lead to "//evil.example".
 */

const BASE = "http://pnyx.invalid";
/** Whitespace (ASCII and Unicode), control and format characters, and backslashes: never in a path we hand out. */
const UNSAFE = /[\\\s\p{Cc}\p{Cf}\p{Z}]/u;
const MAX_LENGTH = 2000;

/** The path `value` names on this site, serialized (ASCII, percent-encoded), or null if it leads elsewhere. */
export function localPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length > MAX_LENGTH || !value.startsWith("/") || UNSAFE.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/./" style tricks can normalise into "//host", which a browser would read as another site.
  return path.startsWith("//") ? null : path;
}

/** A path on this site, usable as it is in a Location header or an href (printable ASCII only). */
export function isLocalPath(value: unknown): value is string {
  return typeof value === "string" && /^[\x21-\x7e]+$/.test(value) && localPath(value) !== null;
}

/** Only same-site paths: never an open redirect, never a header Node refuses (which would be a 500). */
export function safeReturnPath(value: unknown): string {
  return localPath(value) ?? "/";
}
