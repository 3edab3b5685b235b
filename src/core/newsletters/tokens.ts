/** Unsubscribe links: the person's id and an HMAC of it, so a link works without signing in. */
import { createHmac, timingSafeEqual } from "node:crypto";
import { deriveKey } from "../http/keys";
import type { Config } from "../../config";

const keys = new WeakMap<object, Buffer>();
function keyOf(config: Pick<Config, "SESSION_SECRET">): Buffer {
  let key = keys.get(config);
  if (!key) keys.set(config, (key = deriveKey(config.SESSION_SECRET, "pnyx/newsletters/unsubscribe/v1", "pnyx-development-only-newsletter-key")));
  return key;
}

const mac = (config: Pick<Config, "SESSION_SECRET">, userId: number) => createHmac("sha256", keyOf(config)).update(`unsubscribe:${userId}`).digest("base64url").slice(0, 32);

export const unsubscribeToken = (config: Pick<Config, "SESSION_SECRET">, userId: number): string => `${userId}.${mac(config, userId)}`;

/** The user id a token was made for, or null for a forged or damaged one. */
export function readUnsubscribeToken(config: Pick<Config, "SESSION_SECRET">, token: string): number | null {
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!m?.[1] || !m[2]) return null;
  const userId = Number(m[1]);
  const expected = Buffer.from(mac(config, userId));
  const given = Buffer.from(m[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? userId : null;
}
