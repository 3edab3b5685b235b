/**
 * The security headers every response carries, and the CSP nonces of the page (ADR 0042).
 *
 * The same headers @fastify/helmet sent with Pnyx's configuration (security-headers.test.ts checks them
 * against it), worked out once at start-up instead of per request: the plugin, to put a fresh nonce in
 * the policy, built a new helmet middleware for every request, parsing and validating every directive
 * again (a twentieth of an ordinary form post's server CPU). Here the policy is a string cut at its two
 * nonces; a request draws its nonces from a pool of random bytes filled from the system's CSPRNG in
 * blocks (each byte used once, as `crypto.randomUUID` does), instead of two calls into OpenSSL.
 */
import { randomFillSync } from "node:crypto";
import type { FastifyInstance } from "fastify";

/** The policy's directives, as they were given to helmet (its defaults merged in, its order kept). */
const CSP_BEFORE_SCRIPT = "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'none';img-src 'self' data: https:;object-src 'none';script-src 'self' 'nonce-";
const CSP_BEFORE_STYLE = "';script-src-attr 'none';style-src 'self' 'nonce-";
const CSP_AFTER_STYLE = "';connect-src 'self'";

/** The Content-Security-Policy of a page whose scripts and styles carry these nonces. */
export const contentSecurityPolicy = (scriptNonce: string, styleNonce: string): string => CSP_BEFORE_SCRIPT + scriptNonce + CSP_BEFORE_STYLE + styleNonce + CSP_AFTER_STYLE;

/** The other headers (helmet 8's defaults but Cross-Origin-Embedder-Policy; HSTS when served over https). */
export function staticSecurityHeaders(https: boolean): Array<[string, string]> {
  return [
    ["cross-origin-opener-policy", "same-origin"],
    ["cross-origin-resource-policy", "same-origin"],
    ["origin-agent-cluster", "?1"],
    ["referrer-policy", "no-referrer"],
    ...(https ? [["strict-transport-security", "max-age=31536000; includeSubDomains"] as [string, string]] : []),
    ["x-content-type-options", "nosniff"],
    ["x-dns-prefetch-control", "off"],
    ["x-download-options", "noopen"],
    ["x-frame-options", "SAMEORIGIN"],
    ["x-permitted-cross-domain-policies", "none"],
    ["x-xss-protection", "0"],
  ];
}

const NONCE_BYTES = 16;
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

/** A nonce: 16 bytes from the CSPRNG, as 32 hex digits; never the same bytes twice. */
export function nonce(): string {
  if (offset + NONCE_BYTES > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = pool.toString("hex", offset, offset + NONCE_BYTES);
  offset += NONCE_BYTES;
  return out;
}

declare module "fastify" {
  interface FastifyReply {
    /** This response's CSP nonces (the layout's inline style uses `style`). */
    cspNonce: { script: string; style: string };
  }
}

/** Sets the headers and this response's nonces on every request, first thing. */
export function registerSecurityHeaders(app: FastifyInstance, https: boolean): void {
  const headers = staticSecurityHeaders(https);
  if (!app.hasReplyDecorator("cspNonce")) app.decorateReply("cspNonce", null as unknown as { script: string; style: string });
  app.addHook("onRequest", (_req, reply, done) => {
    const script = nonce();
    const style = nonce();
    reply.cspNonce = { script, style };
    const res = reply.raw;
    res.setHeader("content-security-policy", contentSecurityPolicy(script, style));
    for (const [name, value] of headers) res.setHeader(name, value);
    done();
  });
}
