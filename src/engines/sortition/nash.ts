/**
 * NASH: the lottery maximising Σ_i log p_i (spec B3 variants), by column generation. Over a fixed panel
 * set it is Cover's log-optimal-portfolio iteration λ_P ← λ_P·g_P/N with g_P = Σ_t n_t(P)/π_t, which
 * increases the objective monotonically; the oracle with weights 1/π_t then prices a new panel. At the
 * optimum no panel has g_P > N (N = people who can be selected at all), which is the stopping test.
 */
import type { TypePanel } from "./groups";
import { checkCancelled, type Hooks } from "./hooks";
import type { PanelOracle } from "./oracle";
import type { PanelSet } from "./panel-set";

const TOL = 1e-3;
const INNER = 400;
const OUTER = 300;

interface Sparse {
  t: Int32Array;
  c: Float64Array;
}

const sparse = (p: TypePanel): Sparse => {
  const t = [...p.keys()].filter((i) => (p[i] ?? 0) > 0);
  return { t: Int32Array.from(t), c: Float64Array.from(t, (i) => p[i] ?? 0) };
};

/** Returns λ over `panels` (grown in place) approximately maximising the Nash welfare. */
export function nashLottery(oracle: PanelOracle, panels: PanelSet, hooks: Hooks): { lambda: Float64Array; iterations: number } {
  const tp = oracle.tp;
  const T = tp.types.length;
  const size = Float64Array.from(tp.types, (t) => t.members.length);
  const reachable = new Uint8Array(T);
  for (const p of panels.panels) p.forEach((c, t) => c > 0 && (reachable[t] = 1));
  const N = tp.types.reduce((s, t, i) => s + (reachable[i] ? t.members.length : 0), 0);
  const cols: Sparse[] = panels.panels.map(sparse);
  let lambda = new Float64Array(cols.length).fill(1 / cols.length);
  const pi = new Float64Array(T);
  const computePi = (): void => {
    pi.fill(0);
    cols.forEach((col, i) => col.t.forEach((t, j) => (pi[t] = (pi[t] ?? 0) + ((lambda[i] ?? 0) * (col.c[j] ?? 0)) / (size[t] ?? 1))));
  };
  const gain = (col: Sparse): number => col.t.reduce((s, t, j) => s + (col.c[j] ?? 0) / (pi[t] ?? 1), 0);
  let iterations = 0;
  for (let outer = 0; outer < OUTER; outer++) {
    for (let inner = 0; inner < INNER; inner++) {
      computePi();
      const g = cols.map(gain);
      if (Math.max(...g) <= N * (1 + TOL / 10)) break;
      lambda = lambda.map((l, i) => (l * (g[i] ?? 0)) / N);
    }
    computePi();
    checkCancelled(hooks);
    const weights = Float64Array.from(pi, (p, t) => (reachable[t] && p > 0 ? 1 / p : 0));
    const best = oracle.best(weights, { collectAbove: N * (1 + TOL), cancelled: hooks.cancelled });
    checkCancelled(hooks);
    iterations++;
    const minP = Math.min(...Array.from(pi).filter((_, t) => reachable[t]));
    hooks.onProgress?.({ phase: "nash", iterations, minProbability: minP, panels: panels.size });
    if (!best || best.value <= N * (1 + TOL)) break;
    const fresh = [best.panel, ...best.extra].filter((p) => panels.add(p).added);
    if (fresh.length === 0) break;
    // New panels enter with a small share so that the multiplicative update can grow them.
    const share = 1 / (cols.length + fresh.length);
    lambda = Float64Array.from([...lambda.map((l) => l * (1 - share * fresh.length)), ...fresh.map(() => share)]);
    cols.push(...fresh.map(sparse));
  }
  const total = lambda.reduce((s, v) => s + v, 0);
  return { lambda: lambda.map((v) => v / total), iterations };
}
