/** Adjusted Rand index of two labelings of the same items (1 = identical partitions, ~0 = chance). */
export function adjustedRandIndex(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error("labelings differ in length");
  const n = a.length;
  const choose2 = (x: number): number => (x * (x - 1)) / 2;
  const cells = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]}|${b[i]}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows.set(a[i]!, (rows.get(a[i]!) ?? 0) + 1);
    cols.set(b[i]!, (cols.get(b[i]!) ?? 0) + 1);
  }
  let index = 0;
  for (const c of cells.values()) index += choose2(c);
  let sa = 0;
  for (const c of rows.values()) sa += choose2(c);
  let sb = 0;
  for (const c of cols.values()) sb += choose2(c);
  const expected = n < 2 ? 0 : (sa * sb) / choose2(n);
  const max = (sa + sb) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}

/** Group id of each participant (by pid) from group clusters over base clusters. */
export function participantGroups(
  base: ReadonlyArray<{ id: number; members: readonly number[] }>,
  groups: ReadonlyArray<{ id: number; members: readonly number[] }>,
): Map<number, number> {
  const byId = new Map(base.map((b) => [b.id, b]));
  const out = new Map<number, number>();
  for (const g of groups) for (const bid of g.members) for (const pid of byId.get(bid)?.members ?? []) out.set(pid, g.id);
  return out;
}
