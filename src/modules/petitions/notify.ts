/**
 * Live events for SSE pages. (Notices and mails go through the participation kit: `notify()` with the
 * events declared in kit.ts, and the core's mail outbox.)
 */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { CHANNEL, type LiveEvent } from "../../core/realtime/bus";

export const petitionTopic = (id: number) => `petition:${id}`;

/**
 * Publishes a live event when the transaction commits. Same payload as the core's `publish()`, which
 * wants a node-postgres client; a Drizzle transaction is not one.
 */
export async function publishLive(db: Db, topic: string, data: unknown): Promise<void> {
  const payload = JSON.stringify({ topic, data } satisfies LiveEvent);
  await db.execute(sql`select pg_notify(${CHANNEL}, ${payload})`);
}
