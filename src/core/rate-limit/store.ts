/**
 * A PostgreSQL store for @fastify/rate-limit, so a route's limit holds across every instance behind
 * the load balancer (the plugin's default store counts in the process: with three instances a client
 * would get three times the limit). One atomic upsert counts the hits arriving together (group commit,
 * db/batcher.ts) and reads each one's count back; a window that has ended starts again from 1. Rows of ended windows are purged now and then by the
 * instance that counts (ADR 0025).
 *
 * Not supported (Pnyx uses neither): the plugin's `continueExceeding` and `exponentialBackoff`.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import type pg from "pg";
import { Batcher } from "../../db/batcher";

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * What @fastify/rate-limit really passes to `child()` (its types say a route's options): the route's
 * merged limit options, with the route itself under `routeInfo` (empty for `createRateLimit`).
 */
type ChildOptions = Parameters<FastifyRateLimitStore["child"]>[0];
type RouteInfo = { method?: string | string[]; url?: string };

function routeInfoOf(options: ChildOptions): RouteInfo | undefined {
  const info: unknown = (options as { routeInfo?: unknown }).routeInfo;
  return typeof info === "object" && info !== null ? (info as RouteInfo) : undefined;
}

/** Ended windows are deleted at most this often per instance, a minute after they ended. */
export const PURGE_EVERY_MS = 60_000;

/**
 * The hits of a batch, one row per key (`n` hits each, keys sorted so concurrent batches lock rows in
 * the same order): each key's count after them and the window's time left.
 */
const INCR = `
  insert into rate_limit_hits (key, hits, window_ends_at)
  select k, n, now() + make_interval(secs => w / 1000) from unnest($1::text[], $2::int[], $3::float8[]) as t(k, n, w)
  on conflict (key) do update set
    hits = case when rate_limit_hits.window_ends_at <= now() then excluded.hits else rate_limit_hits.hits + excluded.hits end,
    window_ends_at = case when rate_limit_hits.window_ends_at <= now() then excluded.window_ends_at else rate_limit_hits.window_ends_at end
  returning key, hits, greatest(0, ceil(extract(epoch from window_ends_at - now()) * 1000))::int as ttl`;

type Hit = { key: string; timeWindow: number };
type Count = { current: number; ttl: number };

/**
 * Counts a batch of hits in one statement (hits arriving together share a round trip and a commit,
 * db/batcher.ts): the k-th of a key's n hits in the batch gets the count it would have had one hit
 * after the other (count after the batch − n + k).
 */
async function countHits(pool: pg.Pool, hits: Hit[]): Promise<Count[]> {
  const perKey = new Map<string, { n: number; timeWindow: number }>();
  for (const h of hits) {
    const k = perKey.get(h.key);
    if (k) k.n++;
    else perKey.set(h.key, { n: 1, timeWindow: h.timeWindow });
  }
  const keys = [...perKey.keys()].sort();
  const r = await pool.query<{ key: string; hits: number; ttl: number }>(INCR, [keys, keys.map((k) => perKey.get(k)?.n ?? 1), keys.map((k) => perKey.get(k)?.timeWindow ?? 0)]);
  const after = new Map(r.rows.map((row) => [row.key, row]));
  const seen = new Map<string, number>();
  return hits.map((h) => {
    const k = (seen.get(h.key) ?? 0) + 1;
    seen.set(h.key, k);
    const row = after.get(h.key);
    const n = perKey.get(h.key)?.n ?? 1;
    return { current: row ? row.hits - n + k : k, ttl: row?.ttl ?? h.timeWindow };
  });
}

const READ = `
  select hits, greatest(0, ceil(extract(epoch from window_ends_at - now()) * 1000))::int as ttl
  from rate_limit_hits where key = $1 and window_ends_at > now()`;

/** The route's part of a key: its method and path, the same on every instance (not an order of registration). */
function namespaceOf(options: ChildOptions): string {
  const info = routeInfoOf(options);
  if (!info?.url) return "";
  const method = Array.isArray(info.method) ? info.method.join(",") : (info.method ?? "");
  return `${method} ${info.url}|`;
}

/** A store class bound to `pool`: give it to the plugin as `store`. */
export function postgresRateLimitStore(pool: pg.Pool, log: (m: string) => void = () => {}): FastifyRateLimitStoreCtor {
  let lastPurge = Date.now();
  const purge = () => {
    if (Date.now() - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = Date.now();
    pool.query("delete from rate_limit_hits where window_ends_at < now() - interval '1 minute'").catch((e: unknown) => log(`rate limits: purge failed (${String(e)})`));
  };

  const counter = new Batcher<Hit, Count>((hits) => countHits(pool, hits), { maxBatch: 500, maxInFlight: 2 });

  class PostgresRateLimitStore implements FastifyRateLimitStore {
    constructor(
      _options: unknown,
      private readonly namespace = "",
    ) {}

    incr(key: string, cb: Callback, timeWindow: number): void {
      purge();
      counter.submit({ key: this.namespace + key, timeWindow }).then(
        (count) => cb(null, count),
        (e: Error) => cb(e),
      );
    }

    read(key: string, cb: Callback): void {
      pool.query<{ hits: number; ttl: number }>(READ, [this.namespace + key]).then(
        (r) => cb(null, { current: r.rows[0]?.hits ?? 0, ttl: r.rows[0]?.ttl ?? 0 }),
        (e: Error) => cb(e),
      );
    }

    child(routeOptions: ChildOptions): FastifyRateLimitStore {
      return new PostgresRateLimitStore(routeOptions, namespaceOf(routeOptions));
    }
  }
  return PostgresRateLimitStore;
}
