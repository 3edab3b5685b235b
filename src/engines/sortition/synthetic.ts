/**
 * Generated pools for the benchmark, the conformance household check and tests: a realistic shape
 * (skewed and correlated categories, quotas at population share ± a margin), reproducible from a seed.
 */
import { canonicalCsv } from "./csv";
import { Sha256Ctr, sha256Hex } from "./prng";

export interface SyntheticOptions {
  people: number;
  k: number;
  /** Number of values of each category. */
  values: number[];
  /** Quota margin in seats around the population share. */
  margin: number;
  seed: string;
  /** Fraction of people who share their address with the previous person (households of 2+). */
  sharedAddressRate?: number;
  /** Give every value of the first category the same seats (as assemblies do for gender), away from population shares. */
  equalFirst?: boolean;
  /**
   * Self-selection: how much more willing the most willing value of each category is to volunteer than the
   * least willing one (1 or absent: the pool mirrors the population). The pool is drawn with these
   * propensities while the quotas follow the population, as in real assemblies (the paper's pools
   * over-represent some groups), so that LEXIMIN needs many levels.
   */
  selfSelection?: number;
}

export interface SyntheticPool {
  quotasCsv: string;
  peopleCsv: string;
}

/** Generates `people` rows and matching quotas; categories are cat1..catN with values v1..vM. */
export function syntheticPool(o: SyntheticOptions): SyntheticPool {
  const rng = new Sha256Ctr(sha256Hex(o.seed));
  const cats = o.values.map((_, c) => `cat${c + 1}`);
  // Skewed value shares: value j has weight 1/(j+1), a Zipf-like profile as in real pools.
  const population = (m: number, bias: number): number[] => {
    const w = Array.from({ length: m }, (_, j) => 1 / (((j + bias) % m) + 1));
    const total = w.reduce((s, x) => s + x, 0);
    return w.map((x) => x / total);
  };
  const s = o.selfSelection ?? 1;
  // Propensity to volunteer: from 1 down to 1/s across a category's values, in alternating directions.
  const propensity = (c: number, j: number, m: number): number => Math.pow(s, -(m > 1 ? (c % 2 ? m - 1 - j : j) / (m - 1) : 0));
  const pick = (c: number, m: number, bias: number): number => {
    const w = population(m, bias).map((x, j) => x * propensity(c, j, m));
    let u = rng.nextFloat() * w.reduce((t, x) => t + x, 0);
    for (let j = 0; j < m; j++) if ((u -= w[j] ?? 0) < 0) return j;
    return m - 1;
  };
  const rows: string[][] = [["person_id", "name", ...cats, "address", "zip"]];
  const counts = o.values.map((m) => new Array<number>(m).fill(0));
  let address = 0;
  for (let i = 0; i < o.people; i++) {
    const first = pick(0, o.values[0] ?? 2, 0);
    // Later categories lean on the first one, so that categories are correlated as in real pools.
    const vals = o.values.map((m, c) => (c === 0 ? first : pick(c, m, first % 2)));
    vals.forEach((v, c) => { const row = counts[c] as number[]; row[v] = (row[v] ?? 0) + 1; });
    if (!(i > 0 && rng.nextFloat() < (o.sharedAddressRate ?? 0))) address++;
    rows.push([`p${i + 1}`, `Person ${i + 1}`, ...vals.map((v) => `v${v + 1}`), `${address} Main Street`, `Z${address % 97}`]);
  }
  // Population share of each value: the pool's own share without self-selection (as before), else the
  // generating distribution's marginal.
  const firstShares = population(o.values[0] ?? 2, 0);
  const populationShare = (c: number, j: number, n: number): number => {
    if (s === 1) return n / o.people;
    const m = o.values[c] ?? 1;
    return c === 0 ? (firstShares[j] ?? 0) : firstShares.reduce((t, f, b) => t + f * (population(m, b % 2)[j] ?? 0), 0);
  };
  const quotas: string[][] = [["category", "feature", "min", "max"]];
  counts.forEach((cs, c) =>
    cs.forEach((n, j) => {
      const share = c === 0 && o.equalFirst ? o.k / cs.length : populationShare(c, j, n) * o.k;
      const min = Math.max(0, Math.min(n, Math.floor(share) - o.margin));
      const max = Math.min(n, Math.ceil(share) + o.margin);
      quotas.push([cats[c] ?? "", `v${j + 1}`, String(min), String(max)]);
    }),
  );
  return { quotasCsv: canonicalCsv(quotas), peopleCsv: canonicalCsv(rows) };
}
