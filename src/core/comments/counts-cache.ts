/**
 * A discussion's counts, kept two seconds per instance: counting is an index-only scan that grows with
 * the discussion (a few milliseconds at ten thousand comments), and a busy resource page would run it
 * on every view. Posting, deleting or a moderator's hide or show announces the change on commit
 * (COUNTS_TOPIC) and every instance forgets the entry at once (ADR 0025); the two seconds bound what
 * the announcement does not cover (an account's comments anonymised, an event lost while the bus
 * reconnects).
 */
import type { Db } from "../../db/client";
import type { EventBus } from "../realtime/bus";
import type { ResourceRef } from "../resources/kinds";
import { loadDiscussionCounts, type DiscussionCounts } from "./queries";

const TTL_MS = 2_000;
/** Entries per instance before the cache starts again (a crawler walking every resource). */
const MAX_ENTRIES = 10_000;
type Cache = Map<string, { at: number; value: Promise<DiscussionCounts> }>;
const caches = new WeakMap<Db, Cache>();

const keyOf = (ref: ResourceRef) => `${ref.type}:${ref.id}`;

function cacheOf(db: Db): Cache {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new Map()));
  return c;
}

/** The counts, read at most once per two seconds per resource (concurrent readers share the read). */
export function discussionCounts(db: Db, ref: ResourceRef): Promise<DiscussionCounts> {
  const cache = cacheOf(db);
  const key = keyOf(ref);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  const value = loadDiscussionCounts(db, ref);
  cache.set(key, { at: Date.now(), value });
  value.catch(() => cache.delete(key));
  return value;
}

/** Forgets the counts after a change on this instance. */
export function forgetCounts(db: Db, ref: ResourceRef): void {
  caches.get(db)?.delete(keyOf(ref));
}

/** The live topic on which a discussion's counts change (data: its ResourceRef), heard by every instance. */
export const COUNTS_TOPIC = "comments:counts";

/** Forgets this instance's counts of a discussion whenever any instance announces a change. */
export function followCountChanges(db: Db, bus: EventBus): () => void {
  return bus.subscribe(COUNTS_TOPIC, (data) => {
    const ref = data as Partial<ResourceRef>;
    if (typeof ref.type === "string" && typeof ref.id === "number") forgetCounts(db, { type: ref.type, id: ref.id });
  });
}
