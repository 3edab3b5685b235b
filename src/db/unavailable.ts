/**
 * Whether an error means the database cannot be reached for now (a restart, a failover, connections cut)
 * rather than a fault in the request: the error handler answers such a request 503 with `Retry-After`
 * instead of 500, so clients and proxies know to try again, and the jobs' adapter retries a completion
 * (ADR 0026). Drizzle wraps the driver's error (`cause`), so the whole chain is looked at.
 */

/** SQLSTATEs of a server going away or refusing connections (class 08 and 57P01-57P03). */
const SQLSTATES = new Set(["08000", "08001", "08003", "08004", "08006", "57P01", "57P02", "57P03"]);
/** Node's socket errors when the server is not listening or the connection broke. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND"]);
/**
 * node-postgres's own messages for a connection lost, a connection attempt that timed out (a client's
 * `connectionTimeoutMillis`: "timeout expired") or a pool that could not connect in time.
 */
const CONNECT_TIMED_OUT = /^timeout expired$/;
const MESSAGES = [/Connection terminated/i, CONNECT_TIMED_OUT, /timeout exceeded when trying to connect/i, /connection (error|timeout)/i, /not queryable/i];

export function databaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e && typeof e === "object" && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (SQLSTATES.has(code) || SOCKET_CODES.has(code))) return true;
    if (typeof message === "string" && MESSAGES.some((m) => m.test(message))) return true;
  }
  return false;
}

/** Whether `error` is a connection attempt that gave up waiting for the server (node-postgres's `connectionTimeoutMillis`). */
export function connectTimedOut(error: unknown): error is Error {
  return error instanceof Error && CONNECT_TIMED_OUT.test(error.message);
}
