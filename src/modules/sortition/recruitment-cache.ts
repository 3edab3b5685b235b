/**
 * The public registration form's recruitment, kept for one second per instance (ADR 0040, ADR 0045): at
 * hundreds of registrations a second every request read the same row. Whether a registration is accepted
 * never rests on this copy: `sortition_register` (migration 0044) checks the recruitment's status, deadline
 * and openness to volunteers in the registration's own statement. What a copy at most a second old can
 * show: a title, consent text or status changed on another instance within that second (on this instance
 * every write forgets it at once: `forgetRecruitment`).
 *
 * The reload is off the request path (ADR 0045): a copy older than half the TTL is still served while one
 * reload runs in the background, so under steady traffic no request waits for it; only a request finding
 * no copy, or one past the TTL (a quiet second), waits, and then for the single reload in flight rather
 * than each running its own (at the copy's expiry, every request of that moment used to read the row).
 */
export const RECRUITMENT_TTL_MS = 1_000;
/** Age from which a served copy also starts its background reload. */
export const RECRUITMENT_REFRESH_MS = RECRUITMENT_TTL_MS / 2;

interface Entry<T> {
  /** The copy (null: none yet), read at `at` or later. */
  row: T | null;
  at: number;
  /** The reload in flight and when it started. */
  loading: { started: number; promise: Promise<T | null> } | null;
}

const caches = new WeakMap<object, Map<number, Entry<unknown>>>();
const forgotten = new Map<number, number>();

const forgottenAt = (id: number): number => forgotten.get(id) ?? -Infinity;

/** One reload of `id` for every caller of the moment; its row is kept unless a write committed meanwhile (nothing kept when not found). */
function reload<T>(cache: Map<number, Entry<unknown>>, id: number, entry: Entry<T>, load: () => Promise<T | null>): Promise<T | null> {
  const started = Date.now();
  const promise = load().then(
    (row) => {
      if (entry.loading?.promise === promise) entry.loading = null;
      // A write that committed while this read ran may have been read before it: keep nothing then; and
      // never a read older than the copy (two reloads in flight after a write).
      if (forgottenAt(id) < started && started >= entry.at) {
        entry.row = row;
        entry.at = started;
      }
      // Nothing kept of a recruitment not found.
      if (entry.row === null && !entry.loading && cache.get(id) === entry) cache.delete(id);
      return row;
    },
    (error: unknown) => {
      if (entry.loading?.promise === promise) entry.loading = null;
      throw error;
    },
  );
  entry.loading = { started, promise };
  return promise;
}

/** The row of recruitment `id` through `db`'s cache, loaded by `load` when absent, older than the TTL or forgotten. */
export async function cachedRecruitment<T extends { componentId: number }>(db: object, id: number, componentId: number, load: () => Promise<T | null>): Promise<T | null> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const now = Date.now();
  const since = forgottenAt(id);
  let entry = cache.get(id) as Entry<T> | undefined;
  if (!entry) cache.set(id, (entry = { row: null, at: -Infinity, loading: null }));
  const mine = (row: T | null) => (row && row.componentId === componentId ? row : null);
  if (entry.row && now - entry.at < RECRUITMENT_TTL_MS && entry.at > since) {
    // Fresh enough to serve; past half its life, one background reload (its failure only leaves the copy to expire).
    if (now - entry.at >= RECRUITMENT_REFRESH_MS && !entry.loading) reload(cache, id, entry, load).catch(() => undefined);
    return mine(entry.row);
  }
  // No usable copy: wait for the reload in flight if it started after the last write here, else start one.
  const inFlight = entry.loading && entry.loading.started > since ? entry.loading.promise : reload(cache, id, entry, load);
  return mine(await inFlight);
}

/** Forgets recruitment `id` on this instance (after a write to it committed). */
export function forgetRecruitment(id: number): void {
  const now = Date.now();
  forgotten.set(id, now);
  // A mark older than the TTL outlives every copy it could concern.
  if (forgotten.size > 1_000) for (const [k, at] of forgotten) if (now - at > RECRUITMENT_TTL_MS) forgotten.delete(k);
}

/** Runs a write to recruitment `id` (its transaction), then forgets this instance's copy of it. */
export async function forgetAfter<T>(id: number, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } finally {
    forgetRecruitment(id);
  }
}
