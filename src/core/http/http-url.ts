/**
 * Web addresses people give us to link to or show (a hearing's video, an answer document, a logo):
 * http(s) only, so a stored value can never be a `javascript:` or `data:` link, and nothing that could
 * break out of an attribute.
 */
import { z } from "zod";

/** Characters a browser would silently drop or that could end an attribute. */
const UNSAFE = /[\s\p{Cc}\p{Cf}"'<>\\`]/u;

/** Whether `value` is an absolute http(s) URL with a host (`https:` only with `httpsOnly`). */
export function isHttpUrl(value: string, opts: { httpsOnly?: boolean } = {}): boolean {
  if (UNSAFE.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const schemes = opts.httpsOnly ? ["https:"] : ["http:", "https:"];
  return schemes.includes(url.protocol) && url.hostname !== "" && /^https?:\/\//i.test(value);
}

/** A trimmed http(s) URL of at most `max` characters; the error is the translated `validation.httpUrl`. */
export function httpUrl(opts: { max?: number; httpsOnly?: boolean } = {}) {
  const message = opts.httpsOnly ? "validation.httpsUrl" : "validation.httpUrl";
  return z
    .string({ message })
    .trim()
    .max(opts.max ?? 500)
    .refine((v) => isHttpUrl(v, opts), { message });
}
