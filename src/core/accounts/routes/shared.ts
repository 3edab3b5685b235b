/** What the account routes share: per-IP rate limits, the mail environment, and error statuses. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { FieldErrors } from "../../http/result";
import type { MailEnv } from "../mails";

/**
 * Per-IP limits on every account endpoint (in memory, per instance: the database counters in
 * throttle.ts are what holds across instances). Over the limit, the error handler shows a translated 429.
 * Generous on purpose: a whole school class signs up and in from one address at the start of a lesson.
 */
export const LIMITS = {
  signIn: { max: 60, timeWindow: "5 minutes" },
  register: { max: 60, timeWindow: "10 minutes" },
  mailRequest: { max: 20, timeWindow: "15 minutes" },
  link: { max: 60, timeWindow: "5 minutes" },
  account: { max: 30, timeWindow: "5 minutes" },
} as const;

export const limit = (rateLimit: (typeof LIMITS)[keyof typeof LIMITS]) => ({ config: { rateLimit } });

export const mailEnv = (app: FastifyInstance, req: FastifyRequest): MailEnv => ({ deps: app.deps, org: req.ctx.org });

const THROTTLE_KEYS = new Set(["accounts.throttle.mail", "accounts.signIn.locked"]);

/** 429 when a throttle refused the request (so clients and monitors see it), 422 for bad input. */
export const errorStatus = (errors: FieldErrors): number => (THROTTLE_KEYS.has(errors._form?.key ?? "") ? 429 : 422);

/** The submitted fields to show again in a form that failed; passwords and tokens are never echoed. */
export function echo(body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (body && typeof body === "object") {
    for (const [k, v] of Object.entries(body)) if (!/password|token|_csrf/.test(k)) out[k] = v;
  }
  return out;
}
