/**
 * The anonymous identity of a visitor: a random token in a signed, httpOnly cookie, the same in every
 * conversation. The conversation's participant row holds the token, so nothing personal is stored.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { newAnonymousToken } from "./votes";

/** The signed cookie carrying an anonymous participant's token (the same identity in every conversation). */
export const IDENTITY_COOKIE = "pnyx_participant";

/** The visitor's token, when the cookie is present and its signature holds. */
export function anonymousToken(req: FastifyRequest): string | null {
  const raw = req.cookies[IDENTITY_COOKIE];
  if (!raw) return null;
  const u = req.unsignCookie(raw);
  return u.valid && u.value && /^[A-Za-z0-9_-]{20,64}$/.test(u.value) ? u.value : null;
}

/** The visitor's token, a new one (and its cookie) on first use. */
export function ensureAnonymousToken(req: FastifyRequest, reply: FastifyReply): string {
  const known = anonymousToken(req);
  if (known) return known;
  const token = newAnonymousToken();
  reply.setCookie(IDENTITY_COOKIE, token, { path: "/", httpOnly: true, sameSite: "lax", signed: true, maxAge: 365 * 24 * 3600 });
  return token;
}

/** Forgets the anonymous identity (after it was merged into an account). */
export function clearAnonymousToken(reply: FastifyReply): void {
  reply.clearCookie(IDENTITY_COOKIE, { path: "/" });
}
