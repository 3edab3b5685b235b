/**
 * Reads an instance's requests share for a short while: the first request after `ttlMs` reads, the
 * others (those arriving during the read too) share its promise; a failed read is not kept. For what a
 * busy page would otherwise read on every view and may show a moment late (a discussion's counts, a
 * filter's choices); the writer forgets the entry on its own instance, and the TTL bounds what the other
 * instances show. One cache per database handle, i.e. per platform instance (tests run several in one
 * process); `maxEntries` bounds it (a crawler walking every resource), after which it starts again.
 */
import type { Db } from "../../db/client";

export interface SharedReads<V> {
  /** The value under `key`: cached if read less than the TTL ago, else `load()`'s. */
  read(db: Db, key: string, load: () => Promise<V>): Promise<V>;
  /** Forgets one entry, or every entry of this instance. */
  forget(db: Db, key?: string): void;
}

export function sharedReads<V>(ttlMs: number, maxEntries = 1_000): SharedReads<V> {
  const caches = new WeakMap<Db, Map<string, { at: number; value: Promise<V> }>>();
  return {
    read(db, key, load) {
      let cache = caches.get(db);
      if (!cache) caches.set(db, (cache = new Map()));
      const hit = cache.get(key);
      if (hit && Date.now() - hit.at < ttlMs) return hit.value;
      if (cache.size >= maxEntries) cache.clear();
      const value = load();
      const entry = { at: Date.now(), value };
      cache.set(key, entry);
      // Only this read's own entry: a newer one (after a forget) stays.
      value.catch(() => cache.get(key) === entry && cache.delete(key));
      return value;
    },
    forget(db, key) {
      if (key === undefined) caches.get(db)?.clear();
      else caches.get(db)?.delete(key);
    },
  };
}
