/**
 * Keeps secrets in URLs out of the request log. Links in mails carry tokens that act as passwords
 * (account confirmation, password reset, address change, petition confirmation, withdrawal,
 * co-sponsoring, newsletter unsubscribe, a drawn person's seat: /sortition/seats/<token>); whoever reads
 * the log could otherwise use them.
 */
import type { FastifyRequest } from "fastify";

const REDACTED = "[redacted]";
/** A path segment after one of these is a token: /petitions/1/confirm/<token>, /newsletter/unsubscribe/<token>. */
const TOKEN_AFTER = new Set(["confirm", "withdraw", "cosponsor", "unsubscribe", "reset", "seats"]);
/** Fixed route words that follow a marker and are not tokens (/users/confirm/resend). */
const ROUTE_WORDS = new Set(["resend"]);
/** Query parameters holding a token: ?token=, ?t=, ?key=, ?sponsor_token=, ?code=, ?secret=. */
const SECRET_PARAM = /^(t|key|code|secret)$|token/i;

function decoded(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, " "));
  } catch {
    return part;
  }
}

function redactPath(path: string): string {
  const segments = path.split("/");
  for (let i = 1; i < segments.length; i++) {
    if (!TOKEN_AFTER.has(decoded(segments[i - 1] ?? "").toLowerCase())) continue;
    const next = segments[i] ?? "";
    if (next === "" || ROUTE_WORDS.has(decoded(next).toLowerCase())) continue;
    // Everything after the marker: a token, and whatever a crafted link appends to it.
    return [...segments.slice(0, i), REDACTED].join("/");
  }
  return path;
}

function redactQuery(query: string): string {
  return query
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const key = eq < 0 ? pair : pair.slice(0, eq);
      return eq >= 0 && SECRET_PARAM.test(decoded(key)) ? `${key}=${REDACTED}` : pair;
    })
    .join("&");
}

/** The URL (path and query, as requested) with token path segments and token query values replaced. */
export function redactUrl(url: string): string {
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  return q < 0 ? redactPath(path) : `${redactPath(path)}?${redactQuery(url.slice(q + 1))}`;
}

/** For Fastify's logger options (`serializers: loggerSerializers`): Fastify's own request fields, URL redacted. */
export const loggerSerializers = {
  req: (req: FastifyRequest) => ({
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
};
