/**
 * The HTTP rate limits' counters (@fastify/rate-limit's store, src/core/rate-limit/store.ts), shared by
 * every instance so that a limit holds behind a load balancer. One row per limited route and client; a
 * row whose window has ended counts from 1 again, and is purged a minute later. The table is UNLOGGED
 * (migration 0041, ADR 37): no WAL, so counting a hit waits for no flush; a crash of PostgreSQL empties it.
 */
import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const rateLimitHits = pgTable(
  "rate_limit_hits",
  {
    /** The route's namespace and the client's key (`GET /texts/:textId/export/:file|203.0.113.7`). */
    key: text("key").primaryKey(),
    hits: integer("hits").notNull(),
    windowEndsAt: timestamp("window_ends_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("rate_limit_hits_window_ends_idx").on(t.windowEndsAt)],
);
