/**
 * The visitor cache: a public page as a visitor without an account sees it, kept for a moment (two
 * seconds in production) and served again to the next visitors instead of being rendered again. Most
 * of a platform's traffic is visitors reading the same few pages (a petition shared on social media, a
 * consultation's list); under such a burst each page is rendered once per moment, whatever the number
 * of readers (ADR 10).
 *
 * - Opt-in: a handler calls `cacheForVisitors(req)` (a component route says `visitorCache: true`) for
 *   a page whose content depends only on what the key holds: the address, the reader's language, the
 *   `Accept` header and the cookies other than the session's, the flash's and the CSRF secret's (a
 *   cookie a page reads, e.g. the proposals' random-order seed, gives it its own entry).
 * - Never for a signed-in person, nor while a flash message waits; only a 200 response, and never one
 *   that sets a session or flash cookie. Cookies the page set (e.g. a new seed) are set again on each hit.
 * - Per-response secrets are not shared: the page's CSRF token and CSP nonce are stored as markers and
 *   each hit gets its own (the visitor's CSRF token, this response's nonce).
 * - At most one lifetime old, give or take one rendering: when a page expires, the next request renders
 *   it anew while the others still get the expired copy (for at most five lifetimes), so a burst never
 *   renders the same page fifty times at once. What people write shows to visitors within that (people
 *   who are signed in, who write, always see the live page; live counts and comments reach open pages
 *   over SSE anyway).
 *   Entries expire by age, never by a write, so a page under heavy writing (a petition being signed)
 *   stays cheap to read. Per instance: with several instances each keeps its own (ADR 10).
 * - A request with `Cache-Control: no-cache` (a browser's hard reload) gets the page rendered anew.
 * - Bounded: entries up to 1 MB, 64 MB in all, least recently used out first.
 * - Kept as bytes cut at the markers: a hit joins the pieces with its own token and nonce, so serving a
 *   large page never encodes a large string again (a 300 KB page cost 7 ms a hit as a string). A page
 *   sent as bytes (a Buffer) is kept too when it is text (HTML, JSON) and not content-encoded (gzip
 *   bytes hold no markers).
 *   A visitor whose browser takes gzip gets it: the pieces are deflated once and kept with their
 *   CRC-32s, the token and nonce sent as stored blocks, so a hit calls no compressor (gzip-pieces.ts,
 *   ADR 34); either way the hit says `Vary: Accept-Encoding` (its headers are worked out once, stored).
 *
 * `PNYX_VISITOR_CACHE_MS` sets the lifetime (0 switches it off; off by default outside production, so
 * tests see every write at once unless they switch it on).
 */
import { createHash, randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { SESSION_COOKIE } from "../accounts/sessions";
import type { Config } from "../../config";
import { acceptsGzip, gzipPieces, keepPiece, type KeptPiece, type Piece } from "./gzip-pieces";

const CSRF_COOKIE = "pnyx_csrf";
const FLASH_COOKIE = "pnyx_flash";
/** Cookies that never enter the key: the session (a signed-in person is never served from here), the flash, the CSRF secret. */
const NOT_IN_KEY = new Set([SESSION_COOKIE, FLASH_COOKIE, CSRF_COOKIE]);
/** A response setting one of these is personal: not stored. */
const PERSONAL_COOKIES = new Set([SESSION_COOKIE, FLASH_COOKIE]);
/** Headers kept with a page (the rest are the response's own: security headers, dates). */
const KEPT_HEADERS = ["content-type", "content-language", "cache-control", "vary", "link"];
const MAX_ENTRY_BYTES = 1024 * 1024;
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;
/** An expired page is still served, for at most this many lifetimes, while one request renders it anew. */
const STALE_FACTOR = 5;

interface Entry {
  at: number;
  status: number;
  /** The kept headers, `Vary` naming Accept-Encoding among them (computed once, not per hit). */
  headers: Array<[string, string]>;
  cookies: string[];
  /** The page cut at its markers: `pieces[0]`, `slots[0]`'s value, `pieces[1]`, … */
  pieces: Buffer[];
  slots: Array<"csrf" | "nonce">;
  /** The pieces deflated with their CRC-32s (gzip-pieces.ts), once a visitor took gzip. */
  kept: KeptPiece[] | null;
  bytes: number;
}

interface Pending {
  key: string;
  cacheable: boolean;
  issuedCsrf: () => string | null;
}

const pending = new WeakMap<FastifyRequest, Pending>();

/** Marks this request's page as the same for every visitor with the same key (see the header). */
export function cacheForVisitors(req: FastifyRequest): void {
  const p = pending.get(req);
  if (p) p.cacheable = true;
}

const cookieName = (setCookie: string): string => setCookie.slice(0, setCookie.indexOf("=")).trim();

/** A `Vary` value that names Accept-Encoding too. */
function varyWithEncoding(vary: unknown): string {
  const names = (vary === undefined ? "" : String(vary)).split(",").map((v) => v.trim()).filter(Boolean);
  return names.some((v) => v.toLowerCase() === "accept-encoding") ? names.join(", ") : [...names, "Accept-Encoding"].join(", ");
}

/** The cache's lifetime: `PNYX_VISITOR_CACHE_MS`, else 2 s in production and off elsewhere (also how long a text page shares its counts). */
export const visitorCacheTtlMs = (config: Pick<Config, "PNYX_VISITOR_CACHE_MS" | "NODE_ENV">): number => config.PNYX_VISITOR_CACHE_MS ?? (config.NODE_ENV === "production" ? 2000 : 0);

export interface VisitorCache {
  readonly size: number;
  readonly bytes: number;
  clear: () => void;
}

export function registerVisitorCache(app: FastifyInstance, ttlMs: number): VisitorCache {
  const entries = new Map<string, Entry>();
  let total = 0;
  const clear = () => {
    entries.clear();
    total = 0;
  };
  const handle: VisitorCache = {
    get size() {
      return entries.size;
    },
    get bytes() {
      return total;
    },
    clear,
  };
  if (ttlMs <= 0) return handle;
  // Markers no page can contain by chance: random per process.
  const csrfMark = `pnyx-csrf-${randomBytes(12).toString("hex")}`;
  const nonceMark = `pnyx-nonce-${randomBytes(12).toString("hex")}`;
  const markers = new RegExp(`(${csrfMark}|${nonceMark})`);

  /** Keys whose page a request is rendering anew. */
  const refreshing = new Set<string>();
  const drop = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    total -= e.bytes;
  };

  app.addHook("onRequest", async (req, reply) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !req.ctx || req.ctx.user || req.cookies[FLASH_COOKIE]) return;
    const cookies = Object.entries(req.cookies)
      .filter(([name, value]) => !NOT_IN_KEY.has(name) && value !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => `${name}=${value ?? ""}`)
      .join("; ");
    const key = createHash("sha1").update(`${req.ctx.locale}\n${req.url}\n${req.headers.accept ?? ""}\n${cookies}`).digest("base64");
    // A hard reload (`Cache-Control: no-cache`) asks for the page rendered anew, which then replaces the copy.
    const hit = /no-cache/i.test(String(req.headers["cache-control"] ?? "")) ? undefined : entries.get(key);
    const age = hit ? Date.now() - hit.at : Infinity;
    // Fresh, or stale while one request renders it anew (no herd of renders when it expires under load).
    if (hit && (age < ttlMs || (refreshing.has(key) && age < ttlMs * STALE_FACTOR))) {
      // Most recently used: to the end of the map's order.
      entries.delete(key);
      entries.set(key, hit);
      const csrf = hit.slots.includes("csrf") ? Buffer.from(req.ctx.csrfToken()) : null;
      const nonce = Buffer.from(req.ctx.nonce);
      const gzip = acceptsGzip(req.headers["accept-encoding"]);
      if (gzip && !hit.kept) {
        hit.kept = hit.pieces.map(keepPiece);
        const extra = hit.kept.reduce((n, k) => n + k.deflated.length, 0);
        hit.bytes += extra;
        total += extra;
      }
      // The page joined with this visitor's token and this response's nonce: one buffer, sent in one write.
      const parts: Piece[] = [];
      const last = hit.pieces.length - 1;
      for (let i = 0; i <= last; i++) {
        parts.push(hit.kept?.[i] ?? { raw: hit.pieces[i] as Buffer });
        const slot = hit.slots[i];
        if (slot && i < last) parts.push({ raw: slot === "csrf" && csrf ? csrf : nonce });
      }
      const body = gzip ? gzipPieces(parts) : Buffer.concat(parts.map((x) => x.raw));
      for (const [name, value] of hit.headers) reply.header(name, value);
      if (hit.cookies.length > 0) {
        const set = reply.getHeader("set-cookie");
        reply.header("set-cookie", [...(set === undefined ? [] : Array.isArray(set) ? set.map(String) : [String(set)]), ...hit.cookies]);
      }
      reply.header("x-pnyx-cache", "hit");
      if (gzip) reply.header("content-encoding", "gzip");
      return reply.code(hit.status).send(body);
    }
    // This request renders the page anew; the others get the stale copy meanwhile.
    refreshing.add(key);
    // The page's CSRF token, if it asks for one, is remembered so the stored copy can carry a marker instead.
    const issue = req.ctx.csrfToken;
    let issued: string | null = null;
    req.ctx.csrfToken = () => (issued ??= issue());
    pending.set(req, { key, cacheable: false, issuedCsrf: () => issued });
  });

  app.addHook("onSend", async (req, reply, payload) => {
    const p = pending.get(req);
    // Bytes are kept when they are text (markers are searched in them) and not content-encoded.
    const textual = /^(text\/|application\/([a-z.+-]*\+)?json)/i.test(String(reply.getHeader("content-type") ?? ""));
    const kept = typeof payload === "string" || (Buffer.isBuffer(payload) && textual && reply.getHeader("content-encoding") === undefined);
    if (!p?.cacheable || reply.statusCode !== 200 || !kept || (payload as string | Buffer).length > MAX_ENTRY_BYTES) return payload;
    const raw = reply.getHeader("set-cookie");
    const setCookies = raw === undefined ? [] : Array.isArray(raw) ? raw.map(String) : [String(raw)];
    if (setCookies.some((c) => PERSONAL_COOKIES.has(cookieName(c)))) return payload;
    let body = typeof payload === "string" ? payload : (payload as Buffer).toString("utf8");
    const token = p.issuedCsrf();
    if (token) body = body.replaceAll(token, csrfMark);
    if (req.ctx.nonce) body = body.replaceAll(req.ctx.nonce, nonceMark);
    const headers: Array<[string, string]> = [];
    for (const name of KEPT_HEADERS) {
      const v = reply.getHeader(name);
      if (v !== undefined && name !== "vary") headers.push([name, String(v)]);
    }
    headers.push(["vary", varyWithEncoding(reply.getHeader("vary"))]);
    const cut = body.split(markers);
    const pieces = cut.filter((_, i) => i % 2 === 0).map((piece) => Buffer.from(piece, "utf8"));
    const slots = cut.filter((_, i) => i % 2 === 1).map((m) => (m === csrfMark ? "csrf" : "nonce") as Entry["slots"][number]);
    const entry: Entry = { at: Date.now(), status: 200, headers, cookies: setCookies.filter((c) => cookieName(c) !== CSRF_COOKIE), pieces, slots, kept: null, bytes: pieces.reduce((n, b) => n + b.length, 0) };
    drop(p.key);
    // The oldest first in the map's order: out while expired, then while over the bound.
    for (const [k, e] of entries) {
      if (entry.at - e.at < ttlMs * STALE_FACTOR && total + entry.bytes <= MAX_TOTAL_BYTES) break;
      drop(k);
    }
    entries.set(p.key, entry);
    total += entry.bytes;
    reply.header("x-pnyx-cache", "miss");
    return payload;
  });
  // Whatever became of the request (stored, not cacheable, an error), its refresh is over.
  app.addHook("onResponse", async (req) => {
    const p = pending.get(req);
    if (p) refreshing.delete(p.key);
  });
  return handle;
}
