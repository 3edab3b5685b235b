/**
 * The public registration form's recruitment, kept for one second per instance (ADR 0040): at hundreds of
 * registrations a second every request read the same row. Whether a registration is accepted never rests
 * on this copy: `sortition_register` (migration 0043) checks the recruitment's status, deadline and
 * openness to volunteers in the registration's own statement. What a copy at most a second old can show:
 * a title, consent text or status changed on another instance within that second (on this instance every
 * write forgets it at once: `forgetRecruitment`).
 */
export const RECRUITMENT_TTL_MS = 1_000;

interface Entry<T> {
  row: T;
  at: number;
}

const caches = new WeakMap<object, Map<number, Entry<unknown>>>();
const forgotten = new Map<number, number>();

/** The row of recruitment `id` through `db`'s cache, loaded by `load` when absent or older than the TTL (nothing kept when not found). */
export async function cachedRecruitment<T extends { componentId: number }>(db: object, id: number, componentId: number, load: () => Promise<T | null>): Promise<T | null> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const now = Date.now();
  const since = forgotten.get(id) ?? -Infinity;
  const hit = cache.get(id) as Entry<T> | undefined;
  if (hit && now - hit.at < RECRUITMENT_TTL_MS && hit.at > since) return hit.row.componentId === componentId ? hit.row : null;
  const row = await load();
  // A write that committed while this read ran may have been read before it: keep nothing then.
  if (row && (forgotten.get(id) ?? -Infinity) < now) cache.set(id, { row, at: now });
  else cache.delete(id);
  return row && row.componentId === componentId ? row : null;
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
