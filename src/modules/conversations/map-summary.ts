/**
 * What the participant-facing pages read of a tick, stored beside the full math blob: the blob names
 * every participant several times (base clusters' members, in-conv, vote counts) and PostgreSQL reads
 * a jsonb value whole, so the voting, map and group pages read a summary of a few kilobytes instead,
 * and the participant's own base cluster from an array indexed by pid.
 */

/** The blob's parts the pages use (map-model.ts reads a summary as it reads a blob). */
const KEPT = ["group-clusters", "pca", "tids", "repness", "consensus", "comment-priorities"] as const;

/** Above this pid the clusters array is not stored (an import with very sparse ids): the pages search the blob. */
const MAX_PID = 1_000_000;

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export interface MapSummary {
  summary: Record<string, unknown>;
  /** The base cluster of each participant at index pid (null: not in the math), or null when pids are too sparse. */
  clusters: Array<number | null> | null;
}

export function mapSummary(blob: Record<string, unknown>): MapSummary {
  const base = (blob["base-clusters"] ?? {}) as Record<string, unknown>;
  const pca = (blob["pca"] ?? {}) as Record<string, unknown>;
  const summary: Record<string, unknown> = {};
  for (const k of KEPT) if (blob[k] !== undefined) summary[k] = blob[k];
  summary["pca"] = { "comment-projection": pca["comment-projection"] ?? [] };
  summary["base-clusters"] = { id: base["id"] ?? [], x: base["x"] ?? [], y: base["y"] ?? [], count: base["count"] ?? [] };
  summary["n-in-conv"] = arr(blob["in-conv"]).length;
  const ids = arr(base["id"]);
  const members = arr(base["members"]);
  let maxPid = -1;
  for (const m of members) for (const pid of arr(m)) if (typeof pid === "number" && pid > maxPid) maxPid = pid;
  if (maxPid > MAX_PID) return { summary, clusters: null };
  const clusters: Array<number | null> = new Array<number | null>(maxPid + 1).fill(null);
  members.forEach((m, i) => {
    for (const pid of arr(m)) if (typeof pid === "number" && pid >= 0) clusters[pid] = typeof ids[i] === "number" ? ids[i] : null;
  });
  return { summary, clusters };
}

/** The opinion group of a base cluster in a blob or summary (its group-clusters' members), or null. */
export function groupOfCluster(blob: Record<string, unknown>, cluster: number | null): number | null {
  if (cluster === null) return null;
  for (const g of arr(blob["group-clusters"])) {
    const o = (g ?? {}) as Record<string, unknown>;
    if (arr(o["members"]).includes(cluster) && typeof o["id"] === "number") return o["id"];
  }
  return null;
}
