/**
 * What an audited change changed: the before and after values flattened to dotted paths, keeping only
 * the paths whose value differs. Arrays are compared whole (a reordered list is one change).
 */

export interface Change {
  path: string;
  before: string | null;
  after: string | null;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined && value !== null) {
    out.set(prefix, typeof value === "string" ? value : JSON.stringify(value));
  }
}

/** The changed paths, in the order they appear (before's keys first). A non-object value is the path "". */
export function diffValues(before: unknown, after: unknown): Change[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  flatten(before, "", a);
  flatten(after, "", b);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths.filter((p) => a.get(p) !== b.get(p)).map((p) => ({ path: p, before: a.get(p) ?? null, after: b.get(p) ?? null }));
}
