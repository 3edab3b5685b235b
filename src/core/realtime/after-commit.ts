/**
 * Live events published right after their transaction committed, many in one NOTIFY statement (the bus's
 * `publish` notifies inside the transaction instead). Used where many commits contend, first by
 * assemblies' registrations.
 *
 * Why not `pg_notify` inside a registration's transaction: PostgreSQL takes one database-wide lock
 * when a notifying transaction commits and keeps it through the commit's WAL flush, so every
 * registration's commit waited for the previous one's fsync (no group commit between registrations;
 * ADR 0031). Published after the commit, through the shared natural
 * batcher (src/db/batcher.ts), the registrations commit side by side and the events of the moment go
 * out together, in order. A listener still never hears of an uncommitted registration; if the process
 * dies between the commit and the NOTIFY, open composition pages miss that one +1 until reloaded (they
 * always load the true counts: events only spare a reload, as the core's bus says).
 */
import { sql } from "drizzle-orm";
import { Batcher } from "../../db/batcher";
import type { Db } from "../../db/client";
import { CHANNEL, eventPayload } from "./bus";

const batchers = new WeakMap<Db, Batcher<string, void>>();

async function notifyAll(db: Db, payloads: string[]): Promise<void[]> {
  await db.execute(sql`select pg_notify(${CHANNEL}, p) from unnest(${sql.param(payloads)}::text[]) with ordinality as t(p, n) order by n`);
  return payloads.map(() => undefined);
}

/** Publishes `{ topic, data }` to every instance once the caller's transaction has committed (call it after). */
export async function publishAfterCommit(db: Db, topic: string, data: unknown): Promise<void> {
  const payload = eventPayload(topic, data);
  let b = batchers.get(db);
  if (!b) batchers.set(db, (b = new Batcher((items) => notifyAll(db, items), { maxBatch: 200, maxInFlight: 1 })));
  await b.submit(payload);
}
