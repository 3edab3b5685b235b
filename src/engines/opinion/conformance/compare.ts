/** Comparison helpers for the conformance report: each check returns whether it passed and a detail. */

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export type Obj = Record<string, unknown>;

/** The value as a plain object, or {} for anything else. */
export const asObj = (v: unknown): Obj => (typeof v === "object" && v !== null ? (v as Obj) : {});
/** The value as numbers, or [] when it is not an array. */
export const asNums = (v: unknown): number[] => (Array.isArray(v) ? v.map(Number) : []);

/** Largest |a − b| over two arrays (Infinity when lengths differ). */
export function maxAbs(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** Largest relative error |a − b| / max(|a|, |b|), treating both-below-1e-12 as equal. */
export function maxRel(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const scale = Math.max(Math.abs(a[i]!), Math.abs(b[i]!));
    if (scale < 1e-12) continue;
    m = Math.max(m, Math.abs(a[i]! - b[i]!) / scale);
  }
  return m;
}

/** |cos| of the angle between two vectors. */
export function absCosine(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return 0;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  if (aa === 0 && bb === 0) return 1;
  return Math.abs(ab) / Math.sqrt(aa * bb);
}

/** Short scientific notation for error figures. */
export const fmt = (x: number): string => (Number.isFinite(x) ? x.toExponential(2) : String(x));

/** Values of a tid-keyed object in the order of `tids`. */
export const byTids = (o: unknown, tids: readonly number[]): number[] => tids.map((t) => Number(asObj(o)[String(t)]));

/** Same elements, ignoring order. */
export const sameSet = (a: readonly number[], b: readonly number[]): boolean => {
  const sa = [...a].sort((x, y) => x - y);
  const sb = [...b].sort((x, y) => x - y);
  return sa.length === sb.length && sa.every((x, i) => x === sb[i]);
};
