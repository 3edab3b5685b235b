/**
 * A discussion's counts, kept two seconds per instance: counting is an index-only scan that grows with
 * the discussion (a few milliseconds at ten thousand comments), and a busy resource page would run it
 * on every view. Posting, deleting or a moderator's hide or show announces the change on commit
 * (COUNTS_TOPIC) and every instance forgets the entry at once (ADR 0025); the two seconds bound what
 * the announcement does not cover (an account's comments anonymised, an event lost while the bus
 * reconnects).
 */
import type { Db } from "../../db/client";
import { sharedReads } from "../cache/shared-reads";
import type { EventBus } from "../realtime/bus";
import type { ResourceRef } from "../resources/kinds";
import { loadDiscussionCounts, type DiscussionCounts } from "./queries";

/** Two seconds; entries per instance before the cache starts again (a crawler walking every resource). */
const counts = sharedReads<DiscussionCounts>(2_000, 10_000);

const keyOf = (ref: ResourceRef) => `${ref.type}:${ref.id}`;

/** The counts, read at most once per two seconds per resource (concurrent readers share the read). */
export function discussionCounts(db: Db, ref: ResourceRef): Promise<DiscussionCounts> {
  return counts.read(db, keyOf(ref), () => loadDiscussionCounts(db, ref));
}

/** Forgets the counts after a change on this instance. */
export function forgetCounts(db: Db, ref: ResourceRef): void {
  counts.forget(db, keyOf(ref));
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
