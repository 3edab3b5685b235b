/** A budget's ballots packed for the outcome worker (moved as typed arrays rather than cloned object by object). */
import type { ExportBallot } from "./pabulib-file";

/** A budget's ballots in a few typed arrays: ballot i's projects are projects[offsets[i]..offsets[i+1]). */
export interface PackedBallots {
  /** The voters' ids, joined by "\n" (ids never hold one). */
  voterIds: string;
  offsets: Int32Array<ArrayBuffer>;
  projects: Int32Array<ArrayBuffer>;
  points: Int32Array<ArrayBuffer>;
  /** Imported votes' other columns, when any ballot has some. */
  extras: Array<Record<string, string> | null> | null;
}

/** Packs ballots for the worker: a structured clone of 60,000 small objects would block the main thread. */
export function packBallots(ballots: readonly ExportBallot[]): PackedBallots {
  const offsets = new Int32Array(ballots.length + 1);
  let n = 0;
  ballots.forEach((b, i) => {
    offsets[i] = n;
    n += b.projects.length;
  });
  offsets[ballots.length] = n;
  const projects = new Int32Array(n);
  const points = new Int32Array(n);
  ballots.forEach((b, i) => {
    const at = offsets[i] ?? 0;
    projects.set(b.projects, at);
    points.set(b.points, at);
  });
  const extras = ballots.some((b) => b.extra !== null) ? ballots.map((b) => b.extra) : null;
  return { voterIds: ballots.map((b) => b.voterId).join("\n"), offsets, projects, points, extras };
}

export function unpackBallots(p: PackedBallots): ExportBallot[] {
  const ids = p.voterIds === "" && p.offsets.length === 1 ? [] : p.voterIds.split("\n");
  return ids.map((voterId, i) => {
    const from = p.offsets[i] ?? 0;
    const to = p.offsets[i + 1] ?? from;
    return { voterId, projects: Array.from(p.projects.subarray(from, to)), points: Array.from(p.points.subarray(from, to)), extra: p.extras?.[i] ?? null };
  });
}
