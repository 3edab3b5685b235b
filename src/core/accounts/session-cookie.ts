/**
 * Opening and closing a browser's session. A new session id is issued at every sign-in (no session
 * fixation); the cookie is httpOnly, SameSite=Lax, and Secure when the site is served over https.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { CSRF_COOKIE } from "../http/plugins";
import { createSession, destroySession, hashToken, SESSION_COOKIE, SESSION_TTL_MS } from "./sessions";
import { runSignInHooks } from "./sign-in-hooks";
import { findUserById, normalizeEmail } from "./users";

/** The account cookies' attributes: never readable by scripts, not sent cross-site, Secure over https. */
export function sessionCookieOptions(publicUrl: string) {
  return { path: "/", httpOnly: true, sameSite: "lax" as const, secure: publicUrl.startsWith("https:") };
}

const cookieOptions = (app: FastifyInstance) => sessionCookieOptions(app.deps.config.PUBLIC_URL);

export async function startSession(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, userId: number): Promise<void> {
  if (req.ctx.sessionId) await destroySession(app.deps.db, req.ctx.sessionId);
  const ua = req.headers["user-agent"];
  const token = await createSession(app.deps.db, userId, { ip: req.ip, ...(ua ? { userAgent: ua } : {}) });
  reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(app), maxAge: Math.floor(SESSION_TTL_MS / 1000) });
  renewCsrfSecret(req, reply);
  const user = await findUserById(app.deps.db, userId);
  if (user?.email) rememberBrowser(app, req, reply, user.email);
  await runSignInHooks({ db: app.deps.db, req, reply, userId });
}

export async function endSession(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (req.ctx.sessionId) await destroySession(app.deps.db, req.ctx.sessionId);
  reply.clearCookie(SESSION_COOKIE, cookieOptions(app));
  renewCsrfSecret(req, reply);
}

/**
 * The browsers an account signed in from: a signed cookie listing the hashes of the last few accounts
 * opened there. Sign-in attempts from such a browser skip the account's gate for strangers (ADR 0029),
 * so a distributed guessing attack on an account does not lock its owner out of their own devices.
 */
const KNOWN_COOKIE = "pnyx_known";
const KNOWN_MAX = 5;
const browserMark = (email: string) => hashToken(`known-browser:${normalizeEmail(email)}`);

function knownMarks(req: FastifyRequest): string[] {
  const raw = req.cookies[KNOWN_COOKIE];
  if (!raw) return [];
  const unsigned = req.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value.split(".").filter((m) => /^[0-9a-f]{64}$/.test(m)) : [];
}

/** Whether this browser signed in as `email` before. */
export function knownBrowser(req: FastifyRequest, email: string): boolean {
  return knownMarks(req).includes(browserMark(email));
}

function rememberBrowser(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, email: string): void {
  const mark = browserMark(email);
  const marks = [mark, ...knownMarks(req).filter((m) => m !== mark)].slice(0, KNOWN_MAX);
  reply.setCookie(KNOWN_COOKIE, marks.join("."), { ...cookieOptions(app), signed: true, maxAge: 365 * 24 * 3600 });
}

/**
 * A new CSRF secret whenever the person behind the browser changes (sign-in, sign-out): a token learnt
 * before (a CSRF cookie an attacker planted, or a page of the visitor's) is worthless afterwards.
 */
function renewCsrfSecret(req: FastifyRequest, reply: FastifyReply): void {
  delete req.cookies[CSRF_COOKIE];
  reply.generateCsrf();
}

/**
 * A confirmation link signs the person in only in the browser that registered (or asked for the
 * link again): a mail scanner that follows links then confirms the address but gets no session.
 * The cookie holds the address's hash, and is set whether or not the address had an account.
 */
const REGISTERED_COOKIE = "pnyx_registered";

export function rememberRegistration(app: FastifyInstance, reply: FastifyReply, email: string): void {
  reply.setCookie(REGISTERED_COOKIE, hashToken(normalizeEmail(email)), { ...cookieOptions(app), signed: true, maxAge: 3 * 24 * 3600 });
}

export function registeredHere(req: FastifyRequest, reply: FastifyReply, email: string): boolean {
  const raw = req.cookies[REGISTERED_COOKIE];
  if (!raw) return false;
  const unsigned = req.unsignCookie(raw);
  const match = unsigned.valid && unsigned.value === hashToken(normalizeEmail(email));
  if (match) reply.clearCookie(REGISTERED_COOKIE, { path: "/" });
  return match;
}
