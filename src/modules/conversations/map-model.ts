/**
 * The opinion map read from a tick's math blob (Pol.is's math-pca2): participants as the base
 * clusters' points (Pol.is draws these; a base cluster is a handful of participants close together),
 * each opinion group's points with their convex hull, the statements' projections, each group's
 * representative statements and the consensus. Pure: the routes load the blob, the views draw this.
 */

export type Point = readonly [number, number];

export interface MapPoint {
  /** The base cluster's id. */
  id: number;
  x: number;
  y: number;
  /** Participants in it. */
  count: number;
  /** Its opinion group's id, or null when not in one. */
  group: number | null;
}

export interface MapGroup {
  id: number;
  /** "A", "B", ... by the group's id, as Pol.is names them. */
  label: string;
  /** Participants in the group. */
  size: number;
  points: MapPoint[];
}

export interface RepStatement {
  tid: number;
  /** Whether the group stands out by agreeing or by disagreeing. */
  direction: "agree" | "disagree";
  /** Group members who voted that way, of those who voted on it. */
  nSuccess: number;
  nTrials: number;
  /** 100 · nSuccess / nTrials, rounded. */
  percent: number;
}

export interface OpinionMap {
  mathTick: number;
  /** Participants counted in the math (Pol.is's "in-conv"). */
  participants: number;
  points: MapPoint[];
  groups: MapGroup[];
  /** The statements' projections on the same axes. */
  statements: Array<{ tid: number; x: number; y: number }>;
  /** Representative statements by group id. */
  repness: Map<number, RepStatement[]>;
  consensus: { agree: RepStatement[]; disagree: RepStatement[] };
}

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const percent = (n: number, of: number): number => (of > 0 ? Math.round((100 * n) / of) : 0);

/** "A".."Z", then "AA".. (Pol.is has at most 5 groups; the map never runs out of names). */
export function groupLabel(id: number): string {
  let n = id;
  let s = "";
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}

function repOf(r: unknown, direction?: "agree" | "disagree"): RepStatement {
  const o = (r ?? {}) as Record<string, unknown>;
  const nSuccess = num(o["n-success"]);
  const nTrials = num(o["n-trials"]);
  return { tid: num(o["tid"]), direction: direction ?? (o["repful-for"] === "disagree" ? "disagree" : "agree"), nSuccess, nTrials, percent: percent(nSuccess, nTrials) };
}

/** The map of a math blob or its summary (map-summary.ts); a blob missing parts gives an empty map, never an error. */
export function mapOfBlob(mathTick: number, blob: Record<string, unknown>): OpinionMap {
  const base = (blob["base-clusters"] ?? {}) as Record<string, unknown>;
  const ids = arr(base["id"]).map(num);
  const xs = arr(base["x"]);
  const ys = arr(base["y"]);
  const counts = arr(base["count"]);
  const groupOfBase = new Map<number, number>();
  const groups = arr(blob["group-clusters"]).map((g) => {
    const o = (g ?? {}) as Record<string, unknown>;
    const id = num(o["id"]);
    for (const b of arr(o["members"])) groupOfBase.set(num(b), id);
    return id;
  });
  const points: MapPoint[] = ids.map((id, i) => ({ id, x: num(xs[i]), y: num(ys[i]), count: num(counts[i]), group: groupOfBase.get(id) ?? null }));
  const mapGroups: MapGroup[] = groups.map((id) => {
    const mine = points.filter((p) => p.group === id);
    return { id, label: groupLabel(id), size: mine.reduce((a, p) => a + p.count, 0), points: mine };
  });
  const pca = (blob["pca"] ?? {}) as Record<string, unknown>;
  const proj = arr(pca["comment-projection"]);
  const px = arr(proj[0]);
  const py = arr(proj[1]);
  const statements = arr(blob["tids"]).flatMap((t, i) => (i < px.length && i < py.length ? [{ tid: num(t), x: num(px[i]), y: num(py[i]) }] : []));
  const repness = new Map<number, RepStatement[]>();
  for (const [gid, reps] of Object.entries((blob["repness"] ?? {}) as Record<string, unknown>)) repness.set(Number(gid), arr(reps).map((r) => repOf(r)));
  const cons = (blob["consensus"] ?? {}) as Record<string, unknown>;
  return {
    mathTick,
    participants: typeof blob["n-in-conv"] === "number" ? blob["n-in-conv"] : arr(blob["in-conv"]).length,
    points,
    groups: mapGroups,
    statements,
    repness,
    consensus: { agree: arr(cons["agree"]).map((r) => repOf(r, "agree")), disagree: arr(cons["disagree"]).map((r) => repOf(r, "disagree")) },
  };
}

/** The base cluster holding participant `pid` (the blob's members lists), or null. */
export function pointOfParticipant(blob: Record<string, unknown>, pid: number): number | null {
  const base = (blob["base-clusters"] ?? {}) as Record<string, unknown>;
  const ids = arr(base["id"]);
  const members = arr(base["members"]);
  for (let i = 0; i < members.length; i++) if (arr(members[i]).includes(pid)) return num(ids[i]);
  return null;
}

const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** The convex hull of points (Andrew's monotone chain), counter-clockwise, without repeated points. */
export function convexHull(points: readonly Point[]): Point[] {
  const ps = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (ps.length < 3) return ps;
  const lower: Point[] = [];
  for (const p of ps) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = ps.length - 1; i >= 0; i--) {
    const p = ps[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** The hull of points each widened by `pad` (eight directions): a proper polygon even for one or two points. */
export function paddedHull(points: readonly Point[], pad: number): Point[] {
  const around: Point[] = [];
  for (const [x, y] of points) for (let k = 0; k < 8; k++) around.push([x + pad * Math.cos((k * Math.PI) / 4), y + pad * Math.sin((k * Math.PI) / 4)]);
  return convexHull(around);
}
