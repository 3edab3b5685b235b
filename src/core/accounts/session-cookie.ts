/**
 * Opening and closing a browser's session. A new session id is issued at every sign-in (no session
 * fixation); the cookie is httpOnly, SameSite=Lax, and Secure when the site is served over https.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createSession, destroySession, SESSION_COOKIE, SESSION_TTL_MS } from "./sessions";

function cookieOptions(app: FastifyInstance) {
  return {
    path: "/",
    httpOnly: true,
    sameSite: "lax" as const,
    secure: app.deps.config.PUBLIC_URL.startsWith("https:"),
  };
}

export async function startSession(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, userId: number): Promise<void> {
  if (req.ctx.sessionId) await destroySession(app.deps.db, req.ctx.sessionId);
  const ua = req.headers["user-agent"];
  const token = await createSession(app.deps.db, userId, { ip: req.ip, ...(ua ? { userAgent: ua } : {}) });
  reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(app), maxAge: Math.floor(SESSION_TTL_MS / 1000) });
}

export async function endSession(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (req.ctx.sessionId) await destroySession(app.deps.db, req.ctx.sessionId);
  reply.clearCookie(SESSION_COOKIE, cookieOptions(app));
}
