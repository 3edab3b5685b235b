/**
 * Which statement a participant sees next, as Pol.is routes it: among those not yet voted on (nor
 * skipped), one drawn with probability proportional to the latest tick's comment priority; a
 * statement newer than the tick gets the highest priority known, so new statements are seen early.
 */
import type { PageStatement } from "./page-queries";

export function nextStatement(
  statements: readonly PageStatement[],
  done: ReadonlySet<number>,
  priorities: ReadonlyMap<number, number>,
  random: () => number = Math.random,
): PageStatement | null {
  const open = statements.filter((s) => !done.has(s.tid));
  if (open.length === 0) return null;
  let top = 0;
  for (const p of priorities.values()) if (Number.isFinite(p) && p > top) top = p;
  const weights = open.map((s) => {
    const p = priorities.get(s.tid);
    return p === undefined || !Number.isFinite(p) ? top || 1 : Math.max(p, 0);
  });
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return open[Math.floor(random() * open.length)] ?? null;
  let x = random() * total;
  for (let i = 0; i < open.length; i++) {
    x -= weights[i]!;
    if (x < 0) return open[i]!;
  }
  return open[open.length - 1]!;
}
