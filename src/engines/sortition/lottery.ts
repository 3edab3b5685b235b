/**
 * From a lottery over type-level panels to people: each person's probability, the lottery written as
 * concrete panels of ids, and the seeded draw of one panel.
 */
import type { TypePanel, TypedPool } from "./groups";
import type { Sha256Ctr } from "./prng";

/** Person-level probability: every member of a type gets the type's probability. */
export function personProbabilities(tp: TypedPool, typeProbability: ArrayLike<number>): Float64Array {
  return Float64Array.from(tp.typeOf, (t) => typeProbability[t] ?? 0);
}

/**
 * Writes one type-level panel of weight `weight` as concrete panels whose weights add up to it and in
 * which each member of a type with n of s seats appears with weight n/s·weight exactly: on [0,1), the
 * j-th s-th of the interval takes members j..j+n−1 (cyclically) of that type; cutting [0,1) at every
 * type's breakpoints gives at most Σ s pieces, each one concrete panel.
 */
export function expandPanel(tp: TypedPool, panel: TypePanel, weight: number): { members: number[]; probability: number }[] {
  const partial: number[] = [];
  const whole: number[] = [];
  panel.forEach((c, t) => {
    const s = tp.types[t]?.members.length ?? 0;
    if (c > 0 && c < s) partial.push(t);
    else if (c > 0) whole.push(...(tp.types[t]?.members ?? []));
  });
  // Breakpoints j/s as exact fractions, sorted and deduplicated by cross-multiplication.
  const cuts: [number, number][] = [[0, 1], [1, 1]];
  for (const t of partial) {
    const s = tp.types[t]?.members.length ?? 1;
    for (let j = 0; j < s; j++) cuts.push([j, s]);
  }
  cuts.sort((a, b) => a[0] * b[1] - b[0] * a[1]);
  const unique = cuts.filter((c, i) => i === 0 || c[0] * (cuts[i - 1]?.[1] ?? 1) !== (cuts[i - 1]?.[0] ?? 0) * c[1]);
  const out: { members: number[]; probability: number }[] = [];
  for (let i = 0; i + 1 < unique.length; i++) {
    const [a0, a1] = unique[i] ?? [0, 1];
    const [b0, b1] = unique[i + 1] ?? [1, 1];
    const mid = (a0 / a1 + b0 / b1) / 2;
    const members = [...whole];
    for (const t of partial) {
      const list = tp.types[t]?.members ?? [];
      const start = Math.floor(mid * list.length);
      for (let r = 0; r < (panel[t] ?? 0); r++) members.push(list[(start + r) % list.length] as number);
    }
    out.push({ members: members.sort((x, y) => x - y), probability: weight * (b0 / b1 - a0 / a1) });
  }
  return out;
}

/** How many concrete panels expandLottery would write (distinct breakpoints per type-level panel). */
export function expandedSize(tp: TypedPool, panels: readonly TypePanel[]): number {
  let total = 0;
  for (const panel of panels) {
    const sizes = new Set<number>();
    panel.forEach((c, t) => {
      const s = tp.types[t]?.members.length ?? 0;
      if (c > 0 && c < s) sizes.add(s);
    });
    // Distinct fractions j/s over the sizes present: Σ φ-like count, bounded above by Σ s; exact enough as a guard.
    total += Math.max(1, [...sizes].reduce((a, s) => a + s, 0));
  }
  return total;
}

/** One concrete panel per type-level panel (the first members of each type): for lotteries too large to expand. */
export function representativeLottery(tp: TypedPool, panels: readonly TypePanel[], lambda: ArrayLike<number>): { members: number[]; probability: number }[] {
  return panels.map((p, i) => ({
    members: p.reduce<number[]>((acc, c, t) => acc.concat((tp.types[t]?.members ?? []).slice(0, c)), []).sort((a, b) => a - b),
    probability: lambda[i] ?? 0,
  }));
}

/** The whole lottery as concrete panels (person indices) with probabilities summing to 1. */
export function expandLottery(tp: TypedPool, panels: readonly TypePanel[], lambda: ArrayLike<number>): { members: number[]; probability: number }[] {
  return panels.flatMap((p, i) => expandPanel(tp, p, lambda[i] ?? 0));
}

/**
 * The seeded draw: one uniform real u picks the type-level panel whose cumulative weight interval holds
 * it; then, type by type in type order, the generator samples that type's seats among its members.
 */
export function drawFromLottery(tp: TypedPool, panels: readonly TypePanel[], lambda: ArrayLike<number>, rng: Sha256Ctr): number[] {
  const u = rng.nextFloat();
  let acc = 0;
  let chosen = panels.length - 1;
  for (let i = 0; i < panels.length; i++) {
    acc += lambda[i] ?? 0;
    if (u < acc) {
      chosen = i;
      break;
    }
  }
  const panel = panels[chosen];
  const members: number[] = [];
  panel?.forEach((c, t) => {
    if (c > 0) members.push(...rng.sample(tp.types[t]?.members ?? [], c));
  });
  return members.sort((a, b) => a - b);
}
